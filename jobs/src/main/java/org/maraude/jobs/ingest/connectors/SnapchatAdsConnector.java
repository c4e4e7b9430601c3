package org.maraude.jobs.ingest.connectors;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.connectors.RowValues.Need;

/**
 * Snapchat Ads Manager export to {@code ad_delivery} and {@code creatives}; platform {@code
 * snapchat}.
 *
 * <ul>
 *   <li>date: {@code Day}/{@code Date}, else {@code Start time}…{@code End time} when they cover
 *       one day (the same date, or an end at midnight of the next day, which Snapchat writes as
 *       the exclusive end of a day). Weekly rows are refused ({@code NOT_DAILY}).
 *   <li>campaign_id / creative_id: {@code Campaign ID} / {@code Ad ID} when exported, else slugs
 *       of the names; without ad columns, the {@code Creative} ones; label: the ad name.
 *   <li>impressions = {@code Paid Impressions}, clicks = {@code Clicks} (else {@code Swipe Ups}),
 *       video_views = {@code Video Views} when exported, spend = {@code Amount Spent}. Snapchat
 *       gives no daily reach: reach is null (seen then counts impressions, contract §3), unless a
 *       {@code Reach} column was exported.
 * </ul>
 */
public final class SnapchatAdsConnector implements NativeConnector {

    public static final String TOOL = "snapchat";

    static final NativeColumn IMPRESSIONS_PAID = NativeColumn.of("Paid Impressions");
    static final NativeColumn IMPRESSIONS = NativeColumn.of("Paid Impressions", "Impressions");
    static final NativeColumn SPEND = NativeColumn.money("Amount Spent", "Spend");
    static final NativeColumn DAY = NativeColumn.of("Day", "Date");
    static final NativeColumn START = NativeColumn.of("Start time", "Start date", "Starts");
    static final NativeColumn END = NativeColumn.of("End time", "End date", "Ends");
    static final NativeColumn CAMPAIGN_NAME = NativeColumn.of("Campaign Name");
    static final NativeColumn CAMPAIGN_ID = NativeColumn.of("Campaign ID");
    static final NativeColumn AD_SQUAD_NAME = NativeColumn.of("Ad Squad Name");
    static final NativeColumn AD_SQUAD_ID = NativeColumn.of("Ad Squad ID");
    static final NativeColumn AD_NAME = NativeColumn.of("Ad Name");
    static final NativeColumn AD_ID = NativeColumn.of("Ad ID");
    static final NativeColumn CREATIVE_NAME = NativeColumn.of("Creative Name");
    static final NativeColumn CREATIVE_ID = NativeColumn.of("Creative ID");
    static final NativeColumn CLICKS = NativeColumn.of("Clicks", "Swipe Ups", "Swipes");
    static final NativeColumn VIDEO_VIEWS = NativeColumn.of("Video Views", "2 Sec Video Views");
    static final NativeColumn REACH = NativeColumn.of("Reach");
    static final NativeColumn CURRENCY = NativeColumn.of("Currency");
    static final NativeColumn AD_TYPE = NativeColumn.of("Ad Type", "Creative Type");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detects(List<String> headerCells) {
        List<String> h = headerCells.stream().map(NativeValues::normaliseHeader).toList();
        return NativeTable.has(h, SPEND) && (NativeTable.has(h, IMPRESSIONS_PAID)
                || NativeTable.has(h, AD_SQUAD_NAME) || NativeTable.has(h, AD_SQUAD_ID));
    }

    @Override
    public NativeParse read(String decodedText, String fileName, ConnectorOptions options) {
        NativeTable t = NativeTable.parse(decodedText, List.of(IMPRESSIONS, SPEND));
        Set<String> missing = NativeTable.missing();
        int day = t.index(DAY);
        int start = t.index(START);
        int end = t.index(END);
        if (day < 0 && (start < 0 || end < 0)) {
            missing.add(DAY.display() + " (or " + START.display() + " and " + END.display() + ")");
        }
        int campaignName = t.index(CAMPAIGN_NAME);
        int campaignId = t.index(CAMPAIGN_ID);
        if (campaignName < 0 && campaignId < 0) {
            missing.add(CAMPAIGN_NAME.display());
        }
        int adName = t.index(AD_NAME);
        int adId = t.index(AD_ID);
        if (adName < 0 && adId < 0) {
            adName = t.index(CREATIVE_NAME);
            adId = t.index(CREATIVE_ID);
        }
        if (adName < 0 && adId < 0) {
            missing.add(AD_NAME.display());
        }
        int impressions = t.require(IMPRESSIONS, missing);
        int spend = t.require(SPEND, missing);
        int clicks = t.require(CLICKS, missing);
        NativeTable.failIfMissing(missing);
        MetaAdsConnector.requireEuro(t, spend);
        int video = t.index(VIDEO_VIEWS);
        int reach = t.index(REACH);
        int currency = t.index(CURRENCY);
        int adType = t.index(AD_TYPE);
        int name = adName;
        int id = adId;

        boolean comma = t.decimalComma(impressions, spend, clicks, video, reach);
        AdDeliveryRows out = new AdDeliveryRows();
        RowValues.ParseStats stats = Rows.forEach(t, comma, out::issue, v -> {
            TikTokAdsConnector.requireEuroCell(v, currency);
            LocalDate date = day >= 0 ? v.fullDate(day) : oneDay(v, start, end);
            out.add(v.row().line(), date, "snapchat", v.idOrSlug(campaignId, campaignName), v.idOrSlug(id, name),
                    v.nameOrId(name, id), AdDeliveryRows.format(v.text(adType)),
                    v.count(impressions, Need.REQUIRED), v.count(reach, Need.OPTIONAL),
                    v.count(clicks, Need.ZERO_IF_EMPTY), v.count(video, Need.OPTIONAL),
                    v.amount(spend, Need.ZERO_IF_EMPTY));
        });
        Rows.logStats(TOOL, fileName, stats);
        return out.result(TOOL, "snapchat");
    }

    private static LocalDate oneDay(RowValues v, int start, int end) {
        LocalDate from = v.fullDate(start);
        LocalDate to = v.fullDate(end);
        if (from.equals(to) || (to.equals(from.plusDays(1)) && NativeValues.isMidnight(v.text(end)))) {
            return from;
        }
        throw new RowProblem(v.column(start), RejectReason.NOT_DAILY,
                "row covers several days; export with a daily breakdown");
    }
}
