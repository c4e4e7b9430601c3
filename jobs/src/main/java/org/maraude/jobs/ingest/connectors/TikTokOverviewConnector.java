package org.maraude.jobs.ingest.connectors;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maraude.jobs.ingest.FileRejectedException;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.connectors.NativeValues.PartialDate;
import org.maraude.jobs.ingest.connectors.RowValues.Need;

/**
 * TikTok analytics {@code Overview.csv} (account level, one row per day) to {@code
 * social_posts}; platform {@code tiktok}, post_id {@value #POST_ID} (the account, not a post),
 * creative_id null.
 *
 * <ul>
 *   <li>views = {@code Video Views}, likes, comments, shares; {@code Profile Views} has no
 *       contract column; reach, link_clicks and followers_gained are null.
 *   <li>Dates come without a year, in the phone's language ({@code April 12}, {@code 12 avril}).
 *       The year is {@link ConnectorOptions#year()}, else the last 4-digit year (19xx/20xx) in
 *       the file name ({@code Overview_2025-04-20.csv}); it is the year of the <i>last</i> row,
 *       the export's. Rows are oldest first, as TikTok writes them, so a step from Oct–Dec back
 *       to Jan–Mar is a new year: earlier rows get the year before. Without any year the file is
 *       refused ({@code NATIVE_UNMAPPED}), unless every date has its own year.
 * </ul>
 */
public final class TikTokOverviewConnector implements NativeConnector {

    public static final String TOOL = "tiktok-analytics";
    /** post_id of the account-level rows. */
    public static final String POST_ID = "account-overview";

    static final NativeColumn DATE = NativeColumn.of("Date");
    static final NativeColumn VIDEO_VIEWS = NativeColumn.of("Video Views", "fr:Vues de vidéos", "fr:Vues des vidéos");
    static final NativeColumn PROFILE_VIEWS = NativeColumn.of("Profile Views", "fr:Vues du profil");
    static final NativeColumn LIKES = NativeColumn.of("Likes", "fr:J'aime");
    static final NativeColumn COMMENTS = NativeColumn.of("Comments", "fr:Commentaires");
    static final NativeColumn SHARES = NativeColumn.of("Shares", "fr:Partages");

    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(19[0-9]{2}|20[0-9]{2})(?![0-9])");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detects(List<String> headerCells) {
        List<String> h = headerCells.stream().map(NativeValues::normaliseHeader).toList();
        return NativeTable.has(h, DATE) && NativeTable.has(h, VIDEO_VIEWS)
                && (NativeTable.has(h, PROFILE_VIEWS) || NativeTable.has(h, LIKES));
    }

    /** The last 4-digit year in a file name, or null. */
    static Integer yearInFileName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        Matcher m = YEAR.matcher(base);
        Integer year = null;
        while (m.find()) {
            year = Integer.parseInt(m.group(1));
        }
        return year;
    }

    private record Parsed(RowValues values, PartialDate date) {}

    @Override
    public NativeParse read(String decodedText, String fileName, ConnectorOptions options) {
        NativeTable t = NativeTable.parse(decodedText, List.of(DATE, VIDEO_VIEWS));
        Set<String> missing = NativeTable.missing();
        int date = t.require(DATE, missing);
        int views = t.require(VIDEO_VIEWS, missing);
        NativeTable.failIfMissing(missing);
        int likes = t.index(LIKES);
        int comments = t.index(COMMENTS);
        int shares = t.index(SHARES);

        // first pass: dates (years need the whole file), second pass: rows
        boolean comma = t.decimalComma(views, likes, comments, shares);
        SocialPostRows out = new SocialPostRows();
        List<Parsed> parsed = new ArrayList<>();
        RowValues.ParseStats stats = Rows.forEach(t, comma, out::issue, v -> parsed.add(new Parsed(v, v.date(date))));

        Integer year = options != null && options.year() != null ? options.year() : yearInFileName(fileName);
        boolean needsYear = parsed.stream().anyMatch(p -> p.date.year() == null);
        if (needsYear && year == null) {
            throw new FileRejectedException(RejectReason.NATIVE_UNMAPPED,
                    "dates have no year: set the year option or put the year in the file name (Overview_2025.csv)");
        }
        int[] years = assignYears(parsed.stream().map(Parsed::date).toList(), year == null ? 0 : year);
        for (int i = 0; i < parsed.size(); i++) {
            Parsed p = parsed.get(i);
            RowValues v = p.values;
            try {
                java.time.LocalDate day;
                try {
                    day = p.date.year() != null ? p.date.toLocalDate() : p.date.withYear(years[i]);
                } catch (DateTimeException e) {
                    throw new RowProblem(v.column(date), RejectReason.BAD_DATE, "date does not exist in that year");
                }
                out.add(v.row().line(), day, "tiktok", POST_ID, null, v.count(views, Need.OPTIONAL), null,
                        v.count(likes, Need.OPTIONAL), v.count(comments, Need.OPTIONAL), v.count(shares, Need.OPTIONAL),
                        null, null);
            } catch (RowProblem problem) {
                out.issue(problem.toIssue(v.row().line()));
            }
        }
        Rows.logStats(TOOL, fileName, stats);
        return out.result(TOOL);
    }

    /**
     * Years for dates in file order, the last one getting {@code lastYear}; a step from Oct–Dec
     * to Jan–Mar starts a new year.
     */
    static int[] assignYears(List<PartialDate> dates, int lastYear) {
        int n = dates.size();
        int[] wrapsBefore = new int[n];
        int wraps = 0;
        for (int i = 1; i < n; i++) {
            if (dates.get(i - 1).month() >= 10 && dates.get(i).month() <= 3) {
                wraps++;
            }
            wrapsBefore[i] = wraps;
        }
        int[] years = new int[n];
        for (int i = 0; i < n; i++) {
            years[i] = lastYear - (wraps - wrapsBefore[i]);
        }
        return years;
    }
}
