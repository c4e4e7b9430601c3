package org.maraude.jobs.ingest.connectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.maraude.jobs.ingest.connectors.Fixtures.post;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.ingest.FileRejectedException;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.RowIssue;

/** YouTube Studio and TikTok analytics exports to social_posts. */
class OrganicConnectorsTest {

    @Test
    void youtubeStudioTableData() {
        NativeParse p = new YouTubeStudioConnector().read(Fixtures.text("youtube-studio/Table data.csv"), "Table data.csv",
                ConnectorOptions.defaults());
        assertEquals("youtube-studio", p.tool());
        assertEquals(List.of(
                post(3, "2025-01-08", "youtube", "dQw4w9WgXcQ", null, 12004, null, null, null, null, null, 45),
                post(5, "2025-03-03", "youtube", "Zz9_-Xy8WvU", null, 0, null, null, null, null, null, 0)), p.rows());
        assertEquals(List.of(
                new RowIssue(2, null, RejectReason.TOTAL_ROW, "totals row of the export, not data"),
                new RowIssue(4, "Subscribers", RejectReason.NEGATIVE_VALUE, "value is negative")), p.issues());
    }

    @Test
    void youtubeStudioFrenchWithDailyDateAndEngagement() {
        String text = "Date,Contenu,Titre de la vidéo,Heure de publication de la vidéo,Vues,Abonnés,J'aime,Partages,"
                + "Commentaires ajoutés,Spectateurs uniques\n"
                + "Total,,,,\"1 500\",3,40,2,1,900\n"
                + "2025-02-01,dQw4w9WgXcQ,Titre,\"8 janv. 2025\",\"1 500\",3,40,2,1,900\n";
        NativeParse p = new YouTubeStudioConnector().read(text, "Table data.csv", ConnectorOptions.defaults());
        assertEquals(List.of(post(3, "2025-02-01", "youtube", "dQw4w9WgXcQ", null, 1500, 900, 40, 1, 2, null, 3)),
                p.rows());
    }

    @Test
    void youtubeStudioWithoutDatesIsUnmapped() {
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> new YouTubeStudioConnector()
                .read("Content,Video title,Views\nabc,t,1\n", "Table data.csv", ConnectorOptions.defaults()));
        assertEquals("missing columns: Video publish time / Heure de publication de la vidéo", e.getMessage());
    }

    @Test
    void tiktokOverviewYearFromFileNameAcrossNewYear() {
        NativeParse p = new TikTokOverviewConnector().read(Fixtures.text("tiktok-analytics/Overview_2025-01-03.csv"),
                "exports/Overview_2025-01-03.csv", ConnectorOptions.defaults());
        assertEquals("tiktok-analytics", p.tool());
        String id = TikTokOverviewConnector.POST_ID;
        assertEquals(List.of(
                post(2, "2024-12-30", "tiktok", id, null, 120, null, 10, 1, 0, null, null),
                post(3, "2024-12-31", "tiktok", id, null, 80, null, 5, 0, 1, null, null),
                post(4, "2025-01-01", "tiktok", id, null, 1204, null, 100, 12, 7, null, null),
                post(5, "2025-01-02", "tiktok", id, null, null, null, 0, 0, 0, null, null)), p.rows());
        assertEquals(List.of(), p.issues());
    }

    @Test
    void tiktokOverviewFrenchWithYearOption() {
        NativeParse p = new TikTokOverviewConnector().read(Fixtures.text("tiktok-analytics/Overview_fr.csv"),
                "Overview_fr.csv", new ConnectorOptions("facebook", 2025));
        String id = TikTokOverviewConnector.POST_ID;
        assertEquals(List.of(
                post(2, "2025-04-12", "tiktok", id, null, 1204, null, 100, 12, 7, null, null),
                post(3, "2025-04-13", "tiktok", id, null, 980, null, null, 3, 1, null, null)), p.rows());
    }

    @Test
    void tiktokOverviewWithoutAnyYearIsRefused() {
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> new TikTokOverviewConnector()
                .read(Fixtures.text("tiktok-analytics/Overview_fr.csv"), "Overview_fr.csv", ConnectorOptions.defaults()));
        assertEquals(RejectReason.NATIVE_UNMAPPED, e.reason());
        assertEquals("dates have no year: set the year option or put the year in the file name (Overview_2025.csv)",
                e.getMessage());
    }

    @Test
    void tiktokOverviewFeb29AndBadDates() {
        String text = "\"Date\",\"Video Views\",\"Profile Views\",\"Likes\",\"Comments\",\"Shares\"\n"
                + "\"February 28\",\"1\",\"0\",\"0\",\"0\",\"0\"\n"
                + "\"February 29\",\"1\",\"0\",\"0\",\"0\",\"0\"\n"
                + "\"Smarch 3\",\"1\",\"0\",\"0\",\"0\",\"0\"\n";
        NativeParse p = new TikTokOverviewConnector().read(text, "Overview 2025.csv", ConnectorOptions.defaults());
        assertEquals(1, p.rows().size());
        assertEquals(List.of(
                new RowIssue(3, "Date", RejectReason.BAD_DATE, "date does not exist in that year"),
                new RowIssue(4, "Date", RejectReason.BAD_DATE,
                        "value is not a date (YYYY-MM-DD, DD/MM/YYYY, Jan 8, 2025 or 12 avril 2025)")), p.issues());
    }

    @Test
    void yearsInFileNamesAndWraps() {
        assertEquals(2025, TikTokOverviewConnector.yearInFileName("Overview_2025-01-03.csv"));
        assertEquals(2025, TikTokOverviewConnector.yearInFileName("2024-12_to_2025-01 Overview.csv"));
        assertEquals(2024, TikTokOverviewConnector.yearInFileName("/inbox/2023/p1/Overview-2024.csv"));
        assertNull(TikTokOverviewConnector.yearInFileName("Overview.csv"));
        assertNull(TikTokOverviewConnector.yearInFileName("Overview_120250.csv"));
        List<NativeValues.PartialDate> dates = List.of(new NativeValues.PartialDate(null, 11, 30),
                new NativeValues.PartialDate(null, 12, 31), new NativeValues.PartialDate(null, 1, 1),
                new NativeValues.PartialDate(null, 6, 1));
        assertArrayEquals(new int[] {2024, 2024, 2025, 2025}, TikTokOverviewConnector.assignYears(dates, 2025));
    }
}
