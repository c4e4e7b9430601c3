package org.maraude.jobs.ingest.connectors;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.connectors.RowValues.Need;

/**
 * TikTok Ads Manager exported report to {@code ad_delivery} and {@code creatives}; platform
 * {@code tiktok}.
 *
 * <ul>
 *   <li>date: {@code By Day} or {@code Date} (a date-time keeps its date).
 *   <li>campaign_id / creative_id: {@code Campaign ID} / {@code Ad ID} when exported, else slugs
 *       of {@code Campaign name} / {@code Ad name}; label: the ad name.
 *   <li>impressions, reach, clicks = {@code Clicks (destination)} (link clicks; {@code Clicks
 *       (all)} is not used), video_views = {@code 2-second video views} else {@code Video views},
 *       spend = {@code Cost}; a {@code Currency} column other than EUR refuses the row.
 *   <li>{@code --} is null. Masked values ({@code <5}) become null where the contract allows it
 *       (reach, video views) and refuse the row ({@code MASKED_VALUE}) where it needs a number
 *       (impressions, clicks, cost): a guessed number would be worse than a missing row.
 *   <li>The closing {@code Total} row is a {@code TOTAL_ROW}.
 * </ul>
 */
public final class TikTokAdsConnector implements NativeConnector {

    public static final String TOOL = "tiktok-ads";

    static final NativeColumn DATE = NativeColumn.of("By Day", "Date", "Day", "fr:Par jour");
    static final NativeColumn CAMPAIGN_NAME = NativeColumn.of("Campaign name", "fr:Nom de la campagne");
    static final NativeColumn CAMPAIGN_ID = NativeColumn.of("Campaign ID", "fr:ID de la campagne");
    static final NativeColumn AD_GROUP_NAME = NativeColumn.of("Ad group name", "fr:Nom du groupe d'annonces");
    static final NativeColumn AD_NAME = NativeColumn.of("Ad name", "fr:Nom de l'annonce");
    static final NativeColumn AD_ID = NativeColumn.of("Ad ID", "fr:ID de l'annonce");
    static final NativeColumn COST = NativeColumn.money("Cost", "Total cost", "fr:Coût");
    static final NativeColumn IMPRESSIONS = NativeColumn.of("Impressions");
    static final NativeColumn REACH = NativeColumn.of("Reach", "fr:Couverture");
    static final NativeColumn CLICKS = NativeColumn.of("Clicks (destination)", "fr:Clics (destination)");
    static final NativeColumn VIDEO_2S = NativeColumn.of("2-second video views", "fr:Vues de vidéo de 2 secondes");
    static final NativeColumn VIDEO_VIEWS = NativeColumn.of("Video views", "fr:Vues de vidéo");
    static final NativeColumn CURRENCY = NativeColumn.of("Currency", "fr:Devise");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detects(List<String> headerCells) {
        List<String> h = headerCells.stream().map(NativeValues::normaliseHeader).toList();
        return NativeTable.has(h, COST) && NativeTable.has(h, IMPRESSIONS)
                && (NativeTable.has(h, CLICKS) || NativeTable.has(h, VIDEO_2S) || NativeTable.has(h, AD_GROUP_NAME)
                        || NativeTable.has(h, AD_NAME) || NativeTable.has(h, CAMPAIGN_NAME));
    }

    @Override
    public NativeParse read(String decodedText, String fileName, ConnectorOptions options) {
        NativeTable t = NativeTable.parse(decodedText, List.of(IMPRESSIONS, COST));
        Set<String> missing = NativeTable.missing();
        int date = t.require(DATE, missing);
        int campaignName = t.index(CAMPAIGN_NAME);
        int campaignId = t.index(CAMPAIGN_ID);
        if (campaignName < 0 && campaignId < 0) {
            missing.add(CAMPAIGN_NAME.display());
        }
        int adName = t.index(AD_NAME);
        int adId = t.index(AD_ID);
        if (adName < 0 && adId < 0) {
            missing.add(AD_NAME.display());
        }
        int impressions = t.require(IMPRESSIONS, missing);
        int cost = t.require(COST, missing);
        int clicks = t.require(CLICKS, missing);
        NativeTable.failIfMissing(missing);
        MetaAdsConnector.requireEuro(t, cost);
        int reach = t.index(REACH);
        int video = t.firstOf(VIDEO_2S, VIDEO_VIEWS);
        int currency = t.index(CURRENCY);

        boolean comma = t.decimalComma(impressions, cost, clicks, reach, video);
        AdDeliveryRows out = new AdDeliveryRows();
        RowValues.ParseStats stats = Rows.forEach(t, comma, out::issue, v -> {
            requireEuroCell(v, currency);
            out.add(v.row().line(), v.fullDate(date), "tiktok", v.idOrSlug(campaignId, campaignName),
                    v.idOrSlug(adId, adName), v.nameOrId(adName, adId), null,
                    v.count(impressions, Need.REQUIRED), v.count(reach, Need.OPTIONAL),
                    v.count(clicks, Need.ZERO_IF_EMPTY), v.count(video, Need.OPTIONAL),
                    v.amount(cost, Need.ZERO_IF_EMPTY));
        });
        Rows.logStats(TOOL, fileName, stats);
        return out.result(TOOL, "tiktok");
    }

    /** Refuses a row whose currency cell says another currency than the euro. */
    static void requireEuroCell(RowValues v, int currencyColumn) {
        String c = v.text(currencyColumn);
        if (c != null && !c.toUpperCase(Locale.ROOT).equals("EUR") && !c.equals("\u20AC")) {
            throw new RowProblem(v.column(currencyColumn), RejectReason.BAD_VALUE, "spend is not in EUR");
        }
    }
}
