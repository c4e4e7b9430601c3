package org.maraude.jobs.ingest.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NativeConnectorsTest {

    @Test
    void toolsByName() {
        assertEquals(List.of("youtube-studio", "tiktok-analytics", "google-ads", "snapchat", "meta", "tiktok-ads"),
                NativeConnectors.all().stream().map(NativeConnector::tool).toList());
        assertEquals("meta", NativeConnectors.forTool(" Meta ").orElseThrow().tool());
        assertEquals(Optional.empty(), NativeConnectors.forTool("linkedin"));
        assertEquals(Optional.empty(), NativeConnectors.forTool(null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "meta/meta_fr_jour_plateforme.csv | meta",
        "meta/meta_en_reporting_range.csv | meta",
        "tiktok-ads/tiktok_ads_report.csv | tiktok-ads",
        "snapchat/snapchat_ads.csv | snapchat",
        "google-ads/Campaign report.csv | google-ads",
        "youtube-studio/Table data.csv | youtube-studio",
        "tiktok-analytics/Overview_2025-01-03.csv | tiktok-analytics",
        "tiktok-analytics/Overview_fr.csv | tiktok-analytics",
    })
    void detectsEachFixtureFromItsText(String fixture, String tool) {
        assertEquals(tool, NativeConnectors.detectText(Fixtures.text(fixture)).orElseThrow().tool());
    }

    @Test
    void detectsFromHeaderCells() {
        assertEquals("meta", NativeConnectors.detect(List.of("Jour", "Nom de la campagne", "Nom de la publicité",
                "Impressions", "Montant dépensé (EUR)", "Clics sur un lien")).orElseThrow().tool());
        assertEquals("tiktok-ads", NativeConnectors.detect(List.of("By Day", "Campaign name", "Ad name", "Cost",
                "Impressions", "Clicks (destination)")).orElseThrow().tool());
        assertEquals("google-ads", NativeConnectors.detect(List.of("Campaign", "Campaign type", "Impr.", "Clicks",
                "Cost")).orElseThrow().tool());
        assertEquals(Optional.empty(), NativeConnectors.detect(List.of("date", "platform", "campaign_id", "creative_id",
                "impressions", "reach", "clicks", "video_views", "spend_eur")));
        assertTrue(NativeConnectors.detectText("Campaign report\nAll time\n").isEmpty());
    }
}
