package org.maraude.jobs.ingest.connectors;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.connectors.RowValues.Need;

/**
 * Google Ads / YouTube "Campaign report" download to {@code ad_delivery} and {@code creatives}.
 *
 * <ul>
 *   <li>The two preamble lines ({@code Campaign report}, then the date range) are skipped; the
 *       {@code Total: …} rows at the end are {@code TOTAL_ROW}s.
 *   <li>date: the {@code Day}/{@code Jour} column when the report is segmented by day; else the
 *       preamble's date range when it is a single day; else every row is {@code NOT_DAILY}.
 *   <li>platform: {@code youtube} when {@code Campaign type} is Video, else {@code google}.
 *   <li>The report is per campaign, so the campaign is its own creative: campaign_id =
 *       creative_id = {@code Campaign ID} when exported, else the slug of {@code Campaign}; label
 *       = the campaign name; format {@code video} for YouTube campaigns.
 *   <li>impressions = {@code Impr.}, clicks = {@code Clicks}, spend = {@code Cost} (a {@code
 *       Currency code} other than EUR refuses the row), video_views = {@code Views} when
 *       exported; reach null. {@code  --} is null; quoted thousands ({@code "25,881"}) are read.
 * </ul>
 */
public final class GoogleAdsConnector implements NativeConnector {

    public static final String TOOL = "google-ads";

    static final NativeColumn CAMPAIGN = NativeColumn.of("Campaign", "fr:Campagne");
    static final NativeColumn CAMPAIGN_ID = NativeColumn.of("Campaign ID", "fr:ID de la campagne");
    static final NativeColumn CAMPAIGN_TYPE = NativeColumn.of("Campaign type", "fr:Type de campagne");
    static final NativeColumn CAMPAIGN_STATUS = NativeColumn.of("Campaign status", "fr:État de la campagne");
    static final NativeColumn CURRENCY = NativeColumn.of("Currency code", "fr:Code de la devise", "fr:Code devise");
    static final NativeColumn IMPR = NativeColumn.of("Impr.", "Impressions");
    static final NativeColumn IMPR_ABBREVIATED = NativeColumn.of("Impr.");
    static final NativeColumn CLICKS = NativeColumn.of("Clicks", "fr:Clics");
    static final NativeColumn COST = NativeColumn.money("Cost", "fr:Coût");
    static final NativeColumn DAY = NativeColumn.of("Day", "Date", "fr:Jour");
    static final NativeColumn VIEWS = NativeColumn.of("Views", "TrueView views", "fr:Vues");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detects(List<String> headerCells) {
        List<String> h = headerCells.stream().map(NativeValues::normaliseHeader).toList();
        return NativeTable.has(h, CAMPAIGN) && NativeTable.has(h, COST)
                && (NativeTable.has(h, IMPR_ABBREVIATED) || NativeTable.has(h, CAMPAIGN_TYPE)
                        || NativeTable.has(h, CURRENCY) || NativeTable.has(h, CAMPAIGN_STATUS));
    }

    @Override
    public NativeParse read(String decodedText, String fileName, ConnectorOptions options) {
        NativeTable t = NativeTable.parse(decodedText, List.of(CAMPAIGN, IMPR, COST));
        Set<String> missing = NativeTable.missing();
        int campaign = t.require(CAMPAIGN, missing);
        int impressions = t.require(IMPR, missing);
        int clicks = t.require(CLICKS, missing);
        int cost = t.require(COST, missing);
        NativeTable.failIfMissing(missing);
        MetaAdsConnector.requireEuro(t, cost);
        int campaignId = t.index(CAMPAIGN_ID);
        int type = t.index(CAMPAIGN_TYPE);
        int currency = t.index(CURRENCY);
        int day = t.index(DAY);
        int views = t.index(VIEWS);
        LocalDate reportDay = day >= 0 ? null : singleDayOf(t.preamble());

        boolean comma = t.decimalComma(impressions, clicks, cost, views);
        AdDeliveryRows out = new AdDeliveryRows();
        RowValues.ParseStats stats = Rows.forEach(t, comma, out::issue, v -> {
            TikTokAdsConnector.requireEuroCell(v, currency);
            LocalDate date;
            if (day >= 0) {
                date = v.fullDate(day);
            } else if (reportDay != null) {
                date = reportDay;
            } else {
                throw new RowProblem(null, RejectReason.NOT_DAILY,
                        "report covers several days without a Day column; segment the report by day");
            }
            boolean youtube = isVideo(v.text(type));
            String id = v.idOrSlug(campaignId, campaign);
            out.add(v.row().line(), date, youtube ? "youtube" : "google", id, id, v.nameOrId(campaign, campaignId),
                    youtube ? "video" : null, v.count(impressions, Need.REQUIRED), null,
                    v.count(clicks, Need.ZERO_IF_EMPTY), v.count(views, Need.OPTIONAL),
                    v.amount(cost, Need.ZERO_IF_EMPTY));
        });
        Rows.logStats(TOOL, fileName, stats);
        return out.result(TOOL, "google");
    }

    static boolean isVideo(String campaignType) {
        if (campaignType == null) {
            return false;
        }
        String s = NativeValues.normaliseHeader(campaignType);
        return s.equals("video");
    }

    /**
     * The day of a preamble date range that is one day ({@code "July 8, 2025 - July 8, 2025"} or
     * {@code "July 8, 2025"}), else null ({@code All time}, a longer range, no range).
     */
    static LocalDate singleDayOf(List<String> preamble) {
        for (String line : preamble) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split("\\s+[-\u2013\u2014]\\s+");
            try {
                if (parts.length == 2) {
                    LocalDate from = NativeValues.parseDate(parts[0]).toLocalDate();
                    LocalDate to = NativeValues.parseDate(parts[1]).toLocalDate();
                    return from.equals(to) ? from : null;
                }
                if (parts.length == 1) {
                    return NativeValues.parseDate(l).toLocalDate();
                }
            } catch (DateTimeException e) {
                // not the date line (the report title): look further
            }
        }
        return null;
    }
}
