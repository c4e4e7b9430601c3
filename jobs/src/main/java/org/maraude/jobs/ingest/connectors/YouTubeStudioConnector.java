package org.maraude.jobs.ingest.connectors;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.maraude.jobs.ingest.connectors.RowValues.Need;

/**
 * YouTube Studio analytics export ({@code Table data.csv} of the downloaded zip, English or
 * French UI) to {@code social_posts}; platform {@code youtube}, one row per video.
 *
 * <ul>
 *   <li>post_id = {@code Content} (the video id); the first data row, {@code Total}, is a {@code
 *       TOTAL_ROW}.
 *   <li>date = the {@code Date} column when the export has one (a per-day table), else {@code
 *       Video publish time} ({@code Jan 8, 2025}): the table sums the chosen period per video, so
 *       its row is dated by the video's publication.
 *   <li>views = {@code Views}, followers_gained = {@code Subscribers}, likes / comments / shares /
 *       reach (unique viewers) when exported, else null; link_clicks and creative_id null. YouTube
 *       reports net subscribers, which can be negative: such a row is refused ({@code
 *       NEGATIVE_VALUE}), as the contract needs a count ≥ 0.
 * </ul>
 */
public final class YouTubeStudioConnector implements NativeConnector {

    public static final String TOOL = "youtube-studio";

    static final NativeColumn CONTENT = NativeColumn.of("Content", "fr:Contenu");
    static final NativeColumn TITLE = NativeColumn.of("Video title", "fr:Titre de la vidéo");
    static final NativeColumn PUBLISHED = NativeColumn.of("Video publish time", "fr:Heure de publication de la vidéo",
            "fr:Date de publication de la vidéo");
    static final NativeColumn DATE = NativeColumn.of("Date");
    static final NativeColumn VIEWS = NativeColumn.of("Views", "fr:Vues");
    static final NativeColumn SUBSCRIBERS = NativeColumn.of("Subscribers", "fr:Abonnés");
    static final NativeColumn LIKES = NativeColumn.of("Likes", "fr:J'aime");
    static final NativeColumn COMMENTS = NativeColumn.of("Comments added", "fr:Commentaires ajoutés");
    static final NativeColumn SHARES = NativeColumn.of("Shares", "fr:Partages");
    static final NativeColumn UNIQUE_VIEWERS = NativeColumn.of("Unique viewers", "fr:Spectateurs uniques");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detects(List<String> headerCells) {
        List<String> h = headerCells.stream().map(NativeValues::normaliseHeader).toList();
        return NativeTable.has(h, CONTENT) && NativeTable.has(h, VIEWS)
                && (NativeTable.has(h, TITLE) || NativeTable.has(h, PUBLISHED));
    }

    @Override
    public NativeParse read(String decodedText, String fileName, ConnectorOptions options) {
        NativeTable t = NativeTable.parse(decodedText, List.of(CONTENT, VIEWS));
        Set<String> missing = NativeTable.missing();
        int content = t.require(CONTENT, missing);
        int views = t.require(VIEWS, missing);
        int date = t.index(DATE);
        int published = t.index(PUBLISHED);
        if (date < 0 && published < 0) {
            missing.add(PUBLISHED.display());
        }
        NativeTable.failIfMissing(missing);
        int subscribers = t.index(SUBSCRIBERS);
        int likes = t.index(LIKES);
        int comments = t.index(COMMENTS);
        int shares = t.index(SHARES);
        int reach = t.index(UNIQUE_VIEWERS);

        boolean comma = t.decimalComma(views, subscribers, likes, comments, shares, reach);
        SocialPostRows out = new SocialPostRows();
        RowValues.ParseStats stats = Rows.forEach(t, comma, out::issue, v -> {
            String postId = v.requireText(content);
            LocalDate day = v.fullDate(date >= 0 ? date : published);
            out.add(v.row().line(), day, "youtube", postId, null, v.count(views, Need.OPTIONAL),
                    v.count(reach, Need.OPTIONAL), v.count(likes, Need.OPTIONAL), v.count(comments, Need.OPTIONAL),
                    v.count(shares, Need.OPTIONAL), null, v.count(subscribers, Need.OPTIONAL));
        });
        Rows.logStats(TOOL, fileName, stats);
        return out.result(TOOL);
    }
}
