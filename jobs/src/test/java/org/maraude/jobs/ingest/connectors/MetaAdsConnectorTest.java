package org.maraude.jobs.ingest.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.maraude.jobs.ingest.connectors.Fixtures.creative;
import static org.maraude.jobs.ingest.connectors.Fixtures.delivery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.ingest.FileRejectedException;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.RowIssue;
import org.maraude.jobs.ingest.TextDecoding;

class MetaAdsConnectorTest {

    private final MetaAdsConnector meta = new MetaAdsConnector();

    @Test
    void frenchDailyExportWithPlatformBreakdown() {
        NativeParse p = meta.read(Fixtures.text("meta/meta_fr_jour_plateforme.csv"), "meta_fr.csv",
                ConnectorOptions.defaults());
        assertEquals("meta", p.tool());
        assertEquals(List.of(
                delivery(3, "2025-03-01", "facebook", "rentree-alternance", "video-1-ete", 2345, 1200, 12, null, "45.60"),
                delivery(4, "2025-03-01", "instagram", "rentree-alternance", "video-1-ete", 4635, 3010, 0, null, "70.35"),
                delivery(5, "2025-03-02", "instagram", "rentree-alternance", "carrousel-metiers", 1000, null, 45, null, "7.5"),
                delivery(7, "2025-03-02", "other", "rentree-alternance", "carrousel-metiers", 12, 10, 0, null, "0.02"),
                creative(3, "video-1-ete", "facebook", "other", "Vidéo #1 – Été"),
                creative(5, "carrousel-metiers", "facebook", "other", "Carrousel métiers")), p.rows());
        assertEquals(List.of(
                new RowIssue(2, null, RejectReason.TOTAL_ROW, "summary row of the export (no campaign, ad set nor ad)"),
                new RowIssue(8, "Impressions", RejectReason.NEGATIVE_VALUE, "value is negative")), p.issues());
    }

    @Test
    void englishExportWithoutDayKeepsSingleDayRowsOnly() {
        NativeParse p = meta.read(Fixtures.text("meta/meta_en_reporting_range.csv"), "meta_en.csv",
                new ConnectorOptions("instagram", null));
        assertEquals(List.of(
                delivery(2, "2025-03-05", "instagram", "120210000000000001", "120210000000000011", 1800, 1500, 40, 900, "9.00"),
                creative(2, "120210000000000011", "instagram", "video", "Stream teaser")), p.rows());
        assertEquals(List.of(
                new RowIssue(3, "Reporting starts", RejectReason.NOT_DAILY,
                        "row covers several days; export with a daily breakdown (reach over a range is not daily)"),
                new RowIssue(4, "Ad ID", RejectReason.BAD_VALUE,
                        "id is in scientific notation (the file went through a spreadsheet): digits are lost")),
                p.issues());
    }

    @Test
    void excelUtf16TabExportIsReadAfterDecoding() {
        String text = "Jour\tNom de la campagne\tNom de la publicité\tPortée\tImpressions\tMontant dépensé (EUR)\tClics sur un lien\n"
                + "08/01/2025\tVœux 2025\tStory vœux\t1 234\t2 000\t12,5\t7\n";
        byte[] bytes = new byte[2 + text.length() * 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(text.getBytes(StandardCharsets.UTF_16LE), 0, bytes, 2, text.length() * 2);
        NativeParse p = meta.read(TextDecoding.decode(bytes).text(), "export.csv", ConnectorOptions.defaults());
        assertEquals(List.of(
                delivery(2, "2025-01-08", "facebook", "voeux-2025", "story-voeux", 2000, 1234, 7, null, "12.5"),
                creative(2, "story-voeux", "facebook", "other", "Story vœux")), p.rows());
    }

    @Test
    void frenchTabExportWithAmbiguousThousandsUsesTheFrenchHeaders() {
        String text = "Jour\tNom de la campagne\tNom de la publicité\tImpressions\tMontant dépensé (EUR)\tClics sur un lien\n"
                + "2025-01-08\tC\tA\t1.234\t12\t7\n";
        NativeParse p = meta.read(text, "x.csv", ConnectorOptions.defaults());
        assertEquals("1234", p.rows().get(0).values().get("impressions"));
    }

    @Test
    void missingColumnsAreNamed() {
        String text = "Day,Campaign name,Impressions,Amount spent (EUR),Results\n2025-01-08,C,1,2,0\n";
        FileRejectedException e = assertThrows(FileRejectedException.class,
                () -> meta.read(text, "x.csv", ConnectorOptions.defaults()));
        assertEquals(RejectReason.NATIVE_UNMAPPED, e.reason());
        assertEquals("missing columns: Ad name / Nom de la publicité, Link clicks / Clics sur un lien", e.getMessage());
    }

    @Test
    void noHeaderAtAllNamesTheAnchors() {
        FileRejectedException e = assertThrows(FileRejectedException.class,
                () -> meta.read("foo,bar\n1,2\n", "x.csv", ConnectorOptions.defaults()));
        assertEquals(RejectReason.NATIVE_UNMAPPED, e.reason());
        assertEquals("missing columns: Impressions, Amount spent / Montant dépensé", e.getMessage());
        assertEquals(RejectReason.EMPTY_FILE, assertThrows(FileRejectedException.class,
                () -> meta.read("\n\n", "x.csv", ConnectorOptions.defaults())).reason());
    }

    @Test
    void spendInAnotherCurrencyIsRefused() {
        String text = "Day,Campaign name,Ad name,Impressions,Amount spent (USD),Link clicks\n2025-01-08,C,A,1,2,0\n";
        FileRejectedException e = assertThrows(FileRejectedException.class,
                () -> meta.read(text, "x.csv", ConnectorOptions.defaults()));
        assertEquals(RejectReason.NATIVE_UNMAPPED, e.reason());
        assertEquals("spend column is in USD, not EUR: set the ad account currency to EUR or convert", e.getMessage());
    }

    @Test
    void rowProblemsNameTheColumnNeverTheValue() {
        String text = "Jour;Nom de la campagne;Nom de la publicité;Impressions;Montant dépensé (EUR);Clics sur un lien\n"
                + "2025-01-08;C;A;12 abc;1;0\n"
                + "31/02/2025;C;A;1;1;0\n"
                + "2025-01-08;C;A;;1;0\n"
                + "2025-01-08;C;A;1;12,5 %;0\n"
                + "2025-01-08;C;A;1,5;1;0\n"
                + "2025-01-08;C;A\n";
        NativeParse p = meta.read(text, "x.csv", ConnectorOptions.defaults());
        assertEquals(List.of(), p.rows().stream().filter(r -> r.dataset().equals("ad_delivery")).toList());
        assertEquals(List.of(
                new RowIssue(2, "Impressions", RejectReason.BAD_NUMBER, "value is not a number (not a number)"),
                new RowIssue(3, "Jour", RejectReason.BAD_DATE,
                        "value is not a date (YYYY-MM-DD, DD/MM/YYYY, Jan 8, 2025 or 12 avril 2025)"),
                new RowIssue(4, "Impressions", RejectReason.MISSING_VALUE, "required value is empty"),
                new RowIssue(5, "Montant dépensé (EUR)", RejectReason.BAD_NUMBER,
                        "value is not a number (percentage where a number is expected)"),
                new RowIssue(6, "Impressions", RejectReason.BAD_NUMBER, "value is not a whole number"),
                new RowIssue(7, null, RejectReason.MALFORMED_ROW, "row has 3 cells, the header 6")), p.issues());
    }

    @Test
    void quotedCellsWithLineBreaksKeepPhysicalLines() {
        String text = "Day,Campaign name,Ad name,Impressions,Amount spent (EUR),Link clicks\n"
                + "2025-01-08,\"Campagne\nsur deux lignes\",A,1,2,0\n"
                + "2025-01-09,C,A,3,4,1\n";
        NativeParse p = meta.read(text, "x.csv", ConnectorOptions.defaults());
        assertEquals(List.of(2L, 4L, 2L), p.rows().stream().map(CanonicalRow::line).toList());
        assertEquals("campagne-sur-deux-lignes", p.rows().get(0).values().get("campaign_id"));
    }

    @Test
    void excelSepLineIsSkippedAsPreamble() {
        String text = "sep=;\nJour;Nom de la campagne;Nom de la publicité;Impressions;Montant dépensé (EUR);Clics sur un lien\n"
                + "2025-01-08;C;A;1 000;2,5;3\n";
        NativeParse p = meta.read(text, "x.csv", ConnectorOptions.defaults());
        assertEquals(List.of(
                delivery(3, "2025-01-08", "facebook", "c", "a", 1000, null, 3, null, "2.5"),
                creative(3, "a", "facebook", "other", "A")), p.rows());
    }

    @Test
    void detectsEnglishAndFrenchHeaders() {
        assertEquals(true, meta.detects(List.of("\uFEFFJour", "Nom de la campagne", "Impressions", "Montant dépensé (EUR)")));
        assertEquals(true, meta.detects(List.of("Reporting starts", "Campaign name", "Impressions", "Amount spent (EUR)")));
        assertEquals(false, meta.detects(List.of("Campaign Name", "Paid Impressions", "Amount Spent", "Ad Squad Name")));
    }
}
