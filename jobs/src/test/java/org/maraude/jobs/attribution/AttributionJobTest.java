package org.maraude.jobs.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.IngestLimits;
import org.maraude.jobs.journey.JourneyJob;

/**
 * The attribution stage on a tiny inbox worked out by hand (project p1, first contacts 15 and 20
 * March and 2 April 2026):
 * <ul>
 *   <li>youth a (unknown, accompanied): tiktok cr-t 10 days before, instagram cr-i 3 days before,
 *       tiktok cr-t 1 day before; a snapchat touch 1 hour after contact never counts;
 *   <li>youth b (known, handed off): instagram cr-i 2 days before, through visitor 5's identity link;
 *   <li>youth c (unknown), April: no touch, declared snapchat;
 *   <li>youth d (known): one touch 40 days before (outside the window), nothing else: unattributed;
 *   <li>anonymous visitor 1: instagram; visitor 2: tiktok.
 * </ul>
 */
class AttributionJobTest {
    @TempDir
    static Path dir;
    static AttributionJob.Result result;
    static JourneyJob.Result journeys;

    static String key(char c) {
        return String.valueOf(c).repeat(64);
    }

    static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @BeforeAll
    static void build() throws IOException {
        Path inbox = dir.resolve("inbox");
        Path p1 = inbox.resolve("p1");
        write(p1.resolve("creatives/c.csv"), "creative_id,platform,format\ncr-t,tiktok,video\ncr-i,instagram,story\n"
                + "cr-s,snapchat,video\n");
        write(p1.resolve("ad_delivery/a.csv"), "date,platform,campaign_id,creative_id,impressions,clicks,spend_eur\n"
                + "2026-03-10,tiktok,camp,cr-t,1000,10,5.00\n2026-03-10,instagram,camp,cr-i,1000,10,5.00\n"
                + "2026-03-10,snapchat,camp,cr-s,1000,10,5.00\n");
        write(p1.resolve("touchpoints/t.csv"), "ts,visitor_key,youth_key,touch_type,platform,creative_id\n"
                + "2026-03-05T12:00:00Z," + key('a') + "," + key('a') + ",ad_click,tiktok,cr-t\n"
                + "2026-03-12T12:00:00Z," + key('a') + "," + key('a') + ",ad_click,instagram,cr-i\n"
                + "2026-03-14T12:00:00Z," + key('a') + "," + key('a') + ",ad_click,tiktok,cr-t\n"
                + "2026-03-15T13:00:00Z," + key('a') + "," + key('a') + ",ad_click,snapchat,cr-s\n"
                + "2026-03-18T12:00:00Z," + key('5') + ",,ad_click,instagram,cr-i\n"
                + "2026-01-30T12:00:00Z," + key('d') + "," + key('d') + ",ad_click,tiktok,cr-t\n"
                + "2026-03-11T12:00:00Z," + key('1') + ",,ad_click,instagram,cr-i\n"
                + "2026-03-11T12:00:00Z," + key('2') + ",,ad_click,tiktok,cr-t\n");
        write(p1.resolve("identity_links/l.csv"), "ts,visitor_key,youth_key\n2026-03-20T12:00:00Z," + key('5') + ","
                + key('b') + "\n");
        write(p1.resolve("contacts/c.csv"), "ts,youth_key,event,channel,partner_type,declared_source\n"
                + "2026-03-15T12:00:00Z," + key('a') + ",first_contact,whatsapp,,\n"
                + "2026-03-16T12:00:00Z," + key('a') + ",accompaniment_start,whatsapp,,\n"
                + "2026-03-20T12:00:00Z," + key('b') + ",first_contact,whatsapp,,\n"
                + "2026-03-25T12:00:00Z," + key('b') + ",handoff,phone,mission_locale,\n"
                + "2026-04-02T12:00:00Z," + key('c') + ",first_contact,snapchat,,snapchat\n"
                + "2026-03-20T12:00:00Z," + key('d') + ",first_contact,sms,,\n");
        write(inbox.resolve("_registry/known_youth/r.csv"), "youth_key,source,known_since\n" + key('b')
                + ",france_travail,2025-01-01\n" + key('d') + ",mission_locale,2025-01-01\n");
        IngestJob.Result in = IngestJob.run(SparkTestSession.get(), inbox, dir.resolve("staging"), IngestLimits.defaults());
        journeys = JourneyJob.run(in, JourneyJob.Params.defaults());
        long t0 = System.nanoTime();
        result = AttributionJob.run(in, journeys, AttributionJob.Params.defaults());
        rows = result.attribution().collectAsList();
        System.out.println("attribution: " + (System.nanoTime() - t0) / 1e9 + " s, " + rows.size() + " rows");
    }

    static List<Row> rows;

    /** platform/creative → credit of one model, outcome and month (zero rows included). */
    static Map<String, Double> credits(String month, String model, String outcome) {
        Map<String, Double> m = new TreeMap<>();
        for (Row r : rows) {
            if (!r.getAs("month").equals(month) || !r.getAs("model").equals(model) || !r.getAs("outcome").equals(outcome)) {
                continue;
            }
            m.merge(r.getAs("platform") + "/" + r.getAs("creative_id"), r.<Double>getAs("credit"), Double::sum);
        }
        return m;
    }

    static void assertCredits(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "rows");
        expected.forEach((k, v) -> assertEquals(v, actual.get(k), 1e-9, k));
    }

    @Test
    void creditsOfEachModelSumToTheOutcomes() {
        // March: contacted a, b, d; unknown a; accompanied a; handed off b. April: c, unknown.
        Map<String, Long> expected = Map.of("2026-03/contacted", 3L, "2026-03/contacted_unknown", 1L,
                "2026-03/accompanied", 1L, "2026-03/handed_off", 1L, "2026-04/contacted", 1L,
                "2026-04/contacted_unknown", 1L, "2026-04/accompanied", 0L, "2026-04/handed_off", 0L);
        Map<String, Double> sums = new TreeMap<>();
        for (Row r : rows) {
            sums.merge(r.getAs("month") + "/" + r.getAs("outcome") + "/" + r.getAs("model"), r.<Double>getAs("credit"),
                    Double::sum);
        }
        assertEquals(8 * 8, sums.size());
        sums.forEach((k, v) -> assertEquals(expected.get(k.substring(0, k.lastIndexOf('/'))), v, 1e-9, k));
    }

    @Test
    void heuristicModelsOnYouthA() {
        // creatives running that month without credit show as zero rows (and so do their channels)
        assertCredits(Map.of("tiktok/cr-t", 1.0, "snapchat/cr-s", 0.0, "instagram/cr-i", 0.0),
                credits("2026-03", "last_touch", "accompanied"));
        // position-based: first and last touch are both cr-t (0.4 + 0.4), the middle cr-i 0.2
        assertCredits(Map.of("tiktok/cr-t", 0.8, "instagram/cr-i", 0.2, "snapchat/cr-s", 0.0),
                credits("2026-03", "position_based", "accompanied"));
        assertCredits(Map.of("tiktok/cr-t", 2.0 / 3, "instagram/cr-i", 1.0 / 3, "snapchat/cr-s", 0.0),
                credits("2026-03", "linear", "accompanied"));
        // time decay, half-life 7 days: touches 10, 3 and 1 days before contact
        double w10 = Math.pow(2, -10.0 / 7);
        double w3 = Math.pow(2, -3.0 / 7);
        double w1 = Math.pow(2, -1.0 / 7);
        assertCredits(Map.of("tiktok/cr-t", (w10 + w1) / (w10 + w3 + w1), "instagram/cr-i", w3 / (w10 + w3 + w1),
                "snapchat/cr-s", 0.0), credits("2026-03", "time_decay", "accompanied"));
    }

    @Test
    void lastTouchEqualsTheIntegerSource() {
        // a and b by their last touch, d unattributed (its touch is 40 days old); snapchat ran with no credit
        assertCredits(Map.of("tiktok/cr-t", 1.0, "instagram/cr-i", 1.0, "unattributed/null", 1.0, "snapchat/cr-s", 0.0),
                credits("2026-03", "last_touch", "contacted"));
        List<Row> bySource = journeys.youthJourney().groupBy(org.apache.spark.sql.functions.expr(
                "date_format(first_contact_date, 'yyyy-MM')").as("month"), org.apache.spark.sql.functions.expr(
                "coalesce(source_platform, 'unattributed')").as("platform"), org.apache.spark.sql.functions.col(
                "source_creative_id").as("creative_id")).count().collectAsList();
        for (Row r : bySource) {
            Map<String, Double> c = credits(r.getAs("month"), "last_touch", "contacted");
            assertEquals((double) r.<Long>getAs("count"), c.get(r.getAs("platform") + "/" + r.getAs("creative_id")), 1e-12);
        }
        // c has no touch: every model gives April to her declared snapchat
        for (String model : AttributionJob.MODELS) {
            assertEquals(1.0, credits("2026-04", model, "contacted").get("snapchat/null"), 1e-12, model);
            assertEquals(0.0, credits("2026-04", model, "contacted").get("tiktok/null"), 1e-12, model);
        }
    }

    @Test
    void markovAndShapleyShareTheMonthsConversions() {
        // March paths for "contacted": a t>i>t converts, b i converts, visitor 1 i and visitor 2 t do not.
        // Order 1: x_t = x_i/3 + 1/3 and x_i = x_t/3 + 1/3 → P = 1/2; without t: 1/2·1/3 = 1/6 → RE_t = 2/3 = RE_i:
        // the 2 path converters split 1 : 1 (d, without a path, stays unattributed).
        assertCredits(Map.of("tiktok/null", 1.0, "instagram/null", 1.0, "unattributed/null", 1.0, "snapchat/null", 0.0),
                credits("2026-03", "markov_1", "contacted"));
        // Order 2: P = 1/2·1/2 + 1/2·1/2; without t: 1/4 → RE_t = 1/2; without i: 0 → RE_i = 1.
        assertCredits(Map.of("tiktok/null", 2.0 / 3, "instagram/null", 4.0 / 3, "unattributed/null", 1.0,
                "snapchat/null", 0.0), credits("2026-03", "markov_2", "contacted"));
        // Shapley: v({t}) = v({i}) = 1/2·1/3 = 1/6, v({t,i}) = 1/2 → φ_t = φ_i = 1/4.
        assertCredits(Map.of("tiktok/null", 1.0, "instagram/null", 1.0, "unattributed/null", 1.0, "snapchat/null", 0.0),
                credits("2026-03", "shapley", "contacted"));
        // Accompanied (only a converts): x_t = x_i/3 + 1/3, x_i = x_t/3 → P = 1/4; without t: 0; without i:
        // 1/2·1/3 = 1/6 → RE_i = 1/3: 1 accompanied youth split 1 : 1/3.
        assertCredits(Map.of("tiktok/null", 0.75, "instagram/null", 0.25, "snapchat/null", 0.0),
                credits("2026-03", "markov_1", "accompanied"));
    }

    @Test
    void markovDiagnosticsAreWrittenForEachOrder() {
        List<Row> m = result.metrics().filter("target = 'contacted' AND scope = 'p1'").collectAsList();
        assertTrue(m.stream().anyMatch(r -> r.getAs("model").equals("markov") && r.getAs("metric").equals("chosen_order")));
        assertEquals(0.5, m.stream().filter(r -> r.getAs("model").equals("markov_1")
                && r.getAs("metric").equals("conversion_probability")).findFirst().orElseThrow().<Double>getAs("value"), 1e-12);
        Map<String, Double> re = new TreeMap<>();
        result.effects().filter("target = 'contacted' AND model = 'markov_2'").collectAsList()
                .forEach(r -> re.put(r.getAs("level"), r.getAs("value")));
        assertEquals(Map.of("instagram", 1.0, "tiktok", 0.5), re);
    }
}
