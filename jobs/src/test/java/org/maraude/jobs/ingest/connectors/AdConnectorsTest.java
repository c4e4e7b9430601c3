package org.maraude.jobs.ingest.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.maraude.jobs.ingest.connectors.Fixtures.creative;
import static org.maraude.jobs.ingest.connectors.Fixtures.delivery;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.ingest.FileRejectedException;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.RowIssue;

/** TikTok Ads, Snapchat and Google Ads exports to ad_delivery and creatives. */
class AdConnectorsTest {

    private static final String MASKED = "value is masked by the platform (small count) where the contract needs a number";
    private static final String TOTAL = "totals row of the export, not data";

    @Test
    void tiktokAdsReport() {
        NativeParse p = new TikTokAdsConnector().read(Fixtures.text("tiktok-ads/tiktok_ads_report.csv"),
                "tiktok_ads_report.csv", ConnectorOptions.defaults());
        assertEquals("tiktok-ads", p.tool());
        assertEquals(List.of(
                delivery(2, "2025-09-01", "tiktok", "rentree-2025", "temoignage-ines", 25881, 19004, 212, 8410, "35.20"),
                // reach "<5" becomes null, video views "--" null
                delivery(3, "2025-09-02", "tiktok", "rentree-2025", "temoignage-ines", 9120, null, 41, null, "12.00"),
                creative(2, "temoignage-ines", "tiktok", "video", "Témoignage Inès")), p.rows());
        assertEquals(List.of(
                new RowIssue(4, "Clicks (destination)", RejectReason.MASKED_VALUE, MASKED),
                new RowIssue(5, "Impressions", RejectReason.MASKED_VALUE, MASKED),
                new RowIssue(6, "Currency", RejectReason.BAD_VALUE, "spend is not in EUR"),
                new RowIssue(7, null, RejectReason.TOTAL_ROW, TOTAL)), p.issues());
    }

    @Test
    void tiktokAdsWithIdsAndDateColumn() {
        String text = "Date,Campaign name,Campaign ID,Ad name,Ad ID,Cost,Impressions,Clicks (destination),Video views\n"
                + "2025-09-01 00:00:00,Rentrée,1790000000000001,Vidéo A,1790000000000011,1.5,100,3,0\n";
        NativeParse p = new TikTokAdsConnector().read(text, "x.csv", ConnectorOptions.defaults());
        assertEquals(List.of(
                delivery(2, "2025-09-01", "tiktok", "1790000000000001", "1790000000000011", 100, null, 3, 0, "1.5"),
                creative(2, "1790000000000011", "tiktok", "other", "Vidéo A")), p.rows());
    }

    @Test
    void tiktokAdsMissingClicksIsUnmapped() {
        String text = "By Day,Campaign name,Ad name,Cost,Impressions,Clicks (all)\n2025-09-01,C,A,1,2,3\n";
        FileRejectedException e = assertThrows(FileRejectedException.class,
                () -> new TikTokAdsConnector().read(text, "x.csv", ConnectorOptions.defaults()));
        assertEquals("missing columns: Clicks (destination) / Clics (destination)", e.getMessage());
    }

    @Test
    void snapchatDailyRowsWithExclusiveEnds() {
        NativeParse p = new SnapchatAdsConnector().read(Fixtures.text("snapchat/snapchat_ads.csv"), "snapchat_ads.csv",
                ConnectorOptions.defaults());
        String campaign = "3f1c6a2e-0b1d-4c55-9a0e-5d2b1f3c4a10";
        String ad = "9b2e1d44-2a1f-4e8b-a7c3-1d2e3f4a5b6c";
        assertEquals(List.of(
                delivery(2, "2025-05-10", "snapchat", campaign, ad, 4100, null, 38, null, "12.40"),
                delivery(3, "2025-05-11", "snapchat", campaign, ad, 3500, null, 31, null, "10.00"),
                creative(2, ad, "snapchat", "story", "Story CAP")), p.rows());
        assertEquals(List.of(new RowIssue(4, "Start time", RejectReason.NOT_DAILY,
                "row covers several days; export with a daily breakdown")), p.issues());
    }

    @Test
    void snapchatWithDayAndNamesOnly() {
        String text = "Day,Campaign Name,Ad Squad Name,Ad Name,Amount Spent,Paid Impressions,Swipe Ups\n"
                + "2025-05-10,Snap Été,Squad,Pub été,\"1,234.50\",\"12,000\",7\n";
        NativeParse p = new SnapchatAdsConnector().read(text, "x.csv", ConnectorOptions.defaults());
        assertEquals(List.of(
                delivery(2, "2025-05-10", "snapchat", "snap-ete", "pub-ete", 12000, null, 7, null, "1234.50"),
                creative(2, "pub-ete", "snapchat", "other", "Pub été")), p.rows());
    }

    @Test
    void googleAdsCampaignReportWithPreambleAndTotals() {
        NativeParse p = new GoogleAdsConnector().read(Fixtures.text("google-ads/Campaign report.csv"),
                "Campaign report.csv", ConnectorOptions.defaults());
        assertEquals("google-ads", p.tool());
        assertEquals(List.of(
                delivery(4, "2025-07-08", "youtube", "rentree-alternance", "rentree-alternance", 25881, null, 312, null,
                        "1234.56"),
                delivery(5, "2025-07-08", "google", "search-missions-locales", "search-missions-locales", 1002, null, 88,
                        null, "36.20"),
                creative(4, "rentree-alternance", "youtube", "video", "Rentrée Alternance"),
                creative(5, "search-missions-locales", "google", "other", "Search - Missions locales")), p.rows());
        assertEquals(List.of(
                new RowIssue(6, "Impr.", RejectReason.MISSING_VALUE, "required value is empty"),
                new RowIssue(7, "Currency code", RejectReason.BAD_VALUE, "spend is not in EUR"),
                new RowIssue(8, null, RejectReason.TOTAL_ROW, TOTAL),
                new RowIssue(9, null, RejectReason.TOTAL_ROW, TOTAL),
                new RowIssue(10, null, RejectReason.TOTAL_ROW, TOTAL),
                new RowIssue(11, null, RejectReason.TOTAL_ROW, TOTAL)), p.issues());
    }

    @Test
    void googleAdsWithoutDayUsesASingleDayRange() {
        String oneDay = "Campaign report\n\"July 8, 2025 - July 8, 2025\"\n"
                + "Campaign,Campaign ID,Campaign type,Currency code,Impr.,Clicks,Cost,Views\n"
                + "Live Twitch,21000000001,Video,EUR,\"1,000\",10,5.00,400\n";
        NativeParse p = new GoogleAdsConnector().read(oneDay, "x.csv", ConnectorOptions.defaults());
        assertEquals(List.of(
                delivery(4, "2025-07-08", "youtube", "21000000001", "21000000001", 1000, null, 10, 400, "5.00"),
                creative(4, "21000000001", "youtube", "video", "Live Twitch")), p.rows());

        String range = "Campaign report\n\"July 8, 2025 - July 31, 2025\"\n"
                + "Campaign,Campaign type,Impr.,Clicks,Cost\nLive,Video,1,1,1\n";
        NativeParse q = new GoogleAdsConnector().read(range, "x.csv", ConnectorOptions.defaults());
        assertEquals(List.of(), q.rows());
        assertEquals(List.of(new RowIssue(4, null, RejectReason.NOT_DAILY,
                "report covers several days without a Day column; segment the report by day")), q.issues());

        String allTime = "Campaign report\nAll time\nCampaign,Impr.,Clicks,Cost\nLive,1,1,1\n";
        assertEquals(RejectReason.NOT_DAILY, new GoogleAdsConnector().read(allTime, "x.csv", ConnectorOptions.defaults())
                .issues().get(0).reason());
    }

    @Test
    void googleAdsFrenchUi() {
        String text = "Rapport sur les campagnes\n\"8 juillet 2025 - 8 juillet 2025\"\n"
                + "État de la campagne;Campagne;Type de campagne;Code de la devise;Jour;Impr.;Clics;Coût\n"
                + "Activée;Alternance été;Vidéo;EUR;08/07/2025;25 881;1 204;1 234,56\n"
                + "Total : compte;;;;;25 881;1 204;1 234,56\n";
        NativeParse p = new GoogleAdsConnector().read(text, "x.csv", ConnectorOptions.defaults());
        assertEquals(List.of(
                delivery(4, "2025-07-08", "youtube", "alternance-ete", "alternance-ete", 25881, null, 1204, null, "1234.56"),
                creative(4, "alternance-ete", "youtube", "video", "Alternance été")), p.rows());
        assertEquals(List.of(new RowIssue(5, null, RejectReason.TOTAL_ROW, TOTAL)), p.issues());
    }
}
