package org.maraude.jobs.ingest.connectors;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.maraude.jobs.ingest.FileRejectedException;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.connectors.RowValues.Need;

/**
 * Meta Ads Manager exported report (Facebook, Instagram), English or French UI, to {@code
 * ad_delivery} and {@code creatives}.
 *
 * <ul>
 *   <li>date: {@code Day}/{@code Jour}; without it, {@code Reporting starts}/{@code Début des
 *       rapports} when it equals {@code Reporting ends}/{@code Fin des rapports}. A row over
 *       several days is refused ({@code NOT_DAILY}): reach over a range is not a daily reach and
 *       cannot be split, so the export must have a daily breakdown.
 *   <li>platform: the {@code Platform}/{@code Plateforme} breakdown ({@code facebook}, {@code
 *       instagram}, anything else such as Audience Network or Messenger → {@code other}), else
 *       {@link ConnectorOptions#defaultPlatform()}.
 *   <li>campaign_id: {@code Campaign ID} when exported, else the slug of the campaign name;
 *       creative_id: {@code Ad ID} when exported, else the slug of {@code Ad name}; label: the ad
 *       name.
 *   <li>impressions (required), reach ({@code Reach}/{@code Couverture}/{@code Portée},
 *       nullable), clicks = {@code Link clicks}/{@code Clics sur un lien} (Meta leaves it empty
 *       for zero: empty → 0), video_views = 3-second video plays when exported, spend = {@code
 *       Amount spent}/{@code Montant dépensé} (must be EUR; empty → 0).
 *   <li>The summary row Meta can add (no campaign, ad set nor ad) is a {@code TOTAL_ROW}.
 * </ul>
 */
public final class MetaAdsConnector implements NativeConnector {

    public static final String TOOL = "meta";

    static final NativeColumn DAY = NativeColumn.of("Day", "fr:Jour");
    static final NativeColumn STARTS = NativeColumn.of("Reporting starts", "fr:Début des rapports");
    static final NativeColumn ENDS = NativeColumn.of("Reporting ends", "fr:Fin des rapports");
    static final NativeColumn CAMPAIGN_NAME = NativeColumn.of("Campaign name", "fr:Nom de la campagne");
    static final NativeColumn CAMPAIGN_ID = NativeColumn.of("Campaign ID", "fr:Identifiant de la campagne",
            "fr:ID de la campagne");
    static final NativeColumn AD_SET_NAME = NativeColumn.of("Ad set name", "fr:Nom de l'ensemble de publicités");
    static final NativeColumn AD_NAME = NativeColumn.of("Ad name", "fr:Nom de la publicité");
    static final NativeColumn AD_ID = NativeColumn.of("Ad ID", "fr:Identifiant de la publicité", "fr:ID de la publicité");
    static final NativeColumn REACH = NativeColumn.of("Reach", "fr:Couverture", "fr:Portée");
    static final NativeColumn IMPRESSIONS = NativeColumn.of("Impressions");
    static final NativeColumn SPEND = NativeColumn.money("Amount spent", "fr:Montant dépensé");
    static final NativeColumn LINK_CLICKS = NativeColumn.of("Link clicks", "fr:Clics sur un lien", "fr:Clics sur le lien");
    static final NativeColumn VIDEO_3S = NativeColumn.of("3-second video plays", "fr:Lectures de vidéo de 3 secondes");
    static final NativeColumn VIDEO_PLAYS = NativeColumn.of("Video plays", "fr:Lectures de la vidéo");
    static final NativeColumn PLATFORM = NativeColumn.of("Platform", "fr:Plateforme");
    static final NativeColumn FORMAT = NativeColumn.of("Ad format", "Format", "fr:Format de la publicité");
    static final NativeColumn PAID_IMPRESSIONS = SnapchatAdsConnector.IMPRESSIONS_PAID;

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detects(List<String> headerCells) {
        List<String> h = headerCells.stream().map(NativeValues::normaliseHeader).toList();
        return NativeTable.has(h, SPEND) && NativeTable.has(h, IMPRESSIONS) && !NativeTable.has(h, PAID_IMPRESSIONS)
                && (NativeTable.has(h, CAMPAIGN_NAME) || NativeTable.has(h, AD_NAME) || NativeTable.has(h, AD_SET_NAME)
                        || NativeTable.has(h, DAY) || NativeTable.has(h, STARTS));
    }

    @Override
    public NativeParse read(String decodedText, String fileName, ConnectorOptions options) {
        NativeTable t = NativeTable.parse(decodedText, List.of(IMPRESSIONS, SPEND));
        Set<String> missing = NativeTable.missing();
        int day = t.index(DAY);
        int starts = t.index(STARTS);
        int ends = t.index(ENDS);
        if (day < 0 && (starts < 0 || ends < 0)) {
            missing.add(DAY.display() + " (or " + STARTS.display() + " and " + ENDS.display() + ")");
        }
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
        int spend = t.require(SPEND, missing);
        int clicks = t.require(LINK_CLICKS, missing);
        NativeTable.failIfMissing(missing);
        requireEuro(t, spend);
        int reach = t.index(REACH);
        int video = t.firstOf(VIDEO_3S, VIDEO_PLAYS);
        int platform = t.index(PLATFORM);
        int format = t.index(FORMAT);
        int adSet = t.index(AD_SET_NAME);
        String defaultPlatform = defaultPlatform(options);

        boolean comma = t.decimalComma(impressions, spend, clicks, reach, video);
        AdDeliveryRows out = new AdDeliveryRows();
        RowValues.ParseStats stats = Rows.forEach(t, comma, out::issue, v -> {
            if (v.text(campaignName) == null && v.text(campaignId) == null && v.text(adName) == null
                    && v.text(adId) == null && v.text(adSet) == null) {
                throw new RowProblem(null, RejectReason.TOTAL_ROW, "summary row of the export (no campaign, ad set nor ad)");
            }
            LocalDate date = dailyDate(v, day, starts, ends);
            String p = v.text(platform);
            String plat = p == null ? defaultPlatform : metaPlatform(p);
            BigDecimal amount = v.amount(spend, Need.ZERO_IF_EMPTY);
            out.add(v.row().line(), date, plat, v.idOrSlug(campaignId, campaignName), v.idOrSlug(adId, adName),
                    v.nameOrId(adName, adId), AdDeliveryRows.format(v.text(format)),
                    v.count(impressions, Need.REQUIRED), v.count(reach, Need.OPTIONAL),
                    v.count(clicks, Need.ZERO_IF_EMPTY), v.count(video, Need.OPTIONAL), amount);
        });
        Rows.logStats(TOOL, fileName, stats);
        return out.result(TOOL, defaultPlatform);
    }

    static String defaultPlatform(ConnectorOptions options) {
        String p = options == null ? null : options.defaultPlatform();
        return p == null || p.isBlank() ? "facebook" : p.strip().toLowerCase(Locale.ROOT);
    }

    static String metaPlatform(String raw) {
        String p = NativeValues.normaliseHeader(raw);
        return switch (p) {
            case "facebook" -> "facebook";
            case "instagram" -> "instagram";
            default -> "other";
        };
    }

    /**
     * The row's day: the day column, or the reporting range when it is one day; a range of
     * several days is refused (NOT_DAILY).
     */
    static LocalDate dailyDate(RowValues v, int day, int starts, int ends) {
        if (day >= 0) {
            return v.fullDate(day);
        }
        LocalDate from = v.fullDate(starts);
        LocalDate to = v.fullDate(ends);
        if (!from.equals(to)) {
            throw new RowProblem(v.column(starts), RejectReason.NOT_DAILY,
                    "row covers several days; export with a daily breakdown (reach over a range is not daily)");
        }
        return from;
    }

    /** Refuses a money header in another currency than the euro. */
    static void requireEuro(NativeTable t, int moneyColumn) {
        String currency = t.currency(moneyColumn);
        if (currency != null && !currency.equals("EUR")) {
            throw new FileRejectedException(RejectReason.NATIVE_UNMAPPED,
                    "spend column is in " + currency + ", not EUR: set the ad account currency to EUR or convert");
        }
    }
}
