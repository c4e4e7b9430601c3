package org.maraude.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.attribution.AttributionJob;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.IngestLimits;
import org.maraude.jobs.journey.JourneyJob;
import org.maraude.jobs.spark.Location;

/**
 * Creative and channel scores on a tiny inbox worked out by hand. Project p1, March 2026:
 * cr-a and cr-b (tiktok, campaign c1, spend 30 and 10), cr-i (instagram, c2, spend 20), cr-p
 * (offline poster, no spend). Costs: 100 on campaign c1 (→ cr-a 75, cr-b 25 by spend share), 60 of
 * offline events (no offline spend → the catalogue's only offline creative, cr-p), 120 of staff
 * (→ the project's creatives by March spend 30:10:20 → 60, 20, 40), 50 on snapchat (no snapchat
 * creative: stays with the snapchat channel). Youth 1, 2, 3 come from cr-a (3 known; 1 handed off),
 * 4 from cr-b (known), 5 and 6 by referral code cr-p (5 handed off), 7 declared "friend"
 * (unattributed). Youth 1 contacts p2 in April, declaring instagram.
 */
class ScoringJobTest {
    @TempDir
    static Path dir;
    static Map<String, Row> creatives = new TreeMap<>();
    static Map<String, Row> channels = new TreeMap<>();

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
        write(p1.resolve("creatives/c.csv"), "creative_id,platform,format,theme,creator,label\n"
                + "cr-a,tiktok,video,esport,own,A\ncr-b,tiktok,video,jobs,own,B\ncr-p,offline,poster,music,own,P\n"
                + "cr-i,instagram,story,jobs,own,I\n");
        write(p1.resolve("ad_delivery/a.csv"), "date,platform,campaign_id,creative_id,impressions,clicks,spend_eur\n"
                + "2026-03-02,tiktok,c1,cr-a,1000,20,30.00\n2026-03-02,tiktok,c1,cr-b,1000,10,10.00\n"
                + "2026-03-02,instagram,c2,cr-i,500,5,20.00\n");
        write(p1.resolve("costs/c.csv"), "month,category,platform,campaign_id,amount_eur\n2026-03,influencer,,c1,100.00\n"
                + "2026-03,events,offline,,60.00\n2026-03,staff,,,120.00\n2026-03,media,snapchat,,50.00\n");
        StringBuilder t = new StringBuilder("ts,visitor_key,youth_key,touch_type,platform,creative_id\n");
        for (char y : new char[] {'1', '2', '3'}) {
            t.append("2026-03-10T10:00:00Z,").append(key(y)).append(',').append(key(y)).append(",ad_click,tiktok,cr-a\n");
        }
        t.append("2026-03-10T10:00:00Z,").append(key('4')).append(',').append(key('4')).append(",ad_click,tiktok,cr-b\n");
        write(p1.resolve("touchpoints/t.csv"), t.toString());
        String h = "ts,youth_key,event,channel,partner_type,referral_code,declared_source\n";
        write(p1.resolve("contacts/c.csv"), h
                + "2026-03-11T10:00:00Z," + key('1') + ",first_contact,whatsapp,,,\n"
                + "2026-03-12T10:00:00Z," + key('1') + ",handoff,phone,mission_locale,,\n"
                + "2026-03-11T10:00:00Z," + key('2') + ",first_contact,whatsapp,,,\n"
                + "2026-03-11T10:00:00Z," + key('3') + ",first_contact,whatsapp,,,\n"
                + "2026-03-11T10:00:00Z," + key('4') + ",first_contact,whatsapp,,,\n"
                + "2026-03-11T10:00:00Z," + key('5') + ",first_contact,sms,,cr-p,\n"
                + "2026-03-13T10:00:00Z," + key('5') + ",handoff,phone,mission_locale,,\n"
                + "2026-03-11T10:00:00Z," + key('6') + ",first_contact,sms,,cr-p,\n"
                + "2026-03-11T10:00:00Z," + key('7') + ",first_contact,sms,,,friend\n");
        write(inbox.resolve("p2/contacts/c.csv"), h + "2026-04-05T10:00:00Z," + key('1')
                + ",first_contact,instagram_dm,,,instagram\n");
        write(inbox.resolve("_registry/known_youth/r.csv"), "youth_key,source,known_since\n" + key('3')
                + ",france_travail,2025-01-01\n" + key('4') + ",mission_locale,2025-01-01\n");
        SparkSession spark = SparkTestSession.get();
        IngestJob.Result in = IngestJob.run(spark, inbox, dir.resolve("staging"), IngestLimits.defaults());
        JourneyJob.Result j = JourneyJob.run(in, JourneyJob.Params.defaults());
        AttributionJob.Result none = new AttributionJob.Result(null, spark.createDataFrame(List.of(),
                AttributionJob.METRICS), spark.createDataFrame(List.of(), AttributionJob.EFFECTS), null);
        ScoringJob.Result r = ScoringJob.run(in, j, none, ScoringJob.Params.defaults().withMinContacts(2),
                Location.local(dir.resolve("models")), "run-1");
        r.creativeScores().collectAsList().forEach(c -> creatives.put(c.getAs("project_id") + "/" + c.getAs("creative_id"), c));
        r.channelScores().collectAsList().forEach(c -> channels.put(c.getAs("project_id") + "/" + c.getAs("platform"), c));
    }

    static double d(Row r, String c) {
        return r.<Double>getAs(c);
    }

    static long l(Row r, String c) {
        return r.<Long>getAs(c);
    }

    @Test
    void countsAndAllocatedCostsPerCreative() {
        assertEquals(List.of("p1/cr-a", "p1/cr-b", "p1/cr-i", "p1/cr-p"), List.copyOf(creatives.keySet()));
        // creative: impressions, clicks, spend, other costs, contacted, unknown, handed off
        Map<String, double[]> expected = Map.of(
                "p1/cr-a", new double[] {1000, 20, 30, 75 + 60, 3, 2, 1},
                "p1/cr-b", new double[] {1000, 10, 10, 25 + 20, 1, 0, 0},
                "p1/cr-i", new double[] {500, 5, 20, 40, 0, 0, 0},
                "p1/cr-p", new double[] {0, 0, 0, 60, 2, 2, 1});
        expected.forEach((k, e) -> {
            Row r = creatives.get(k);
            assertArrayEquals(e, new double[] {l(r, "impressions"), l(r, "clicks"), d(r, "spend_eur"),
                d(r, "other_costs_eur"), l(r, "contacted"), l(r, "contacted_unknown"), l(r, "handed_off")}, 1e-9, k);
            assertEquals(e[2] + e[3], d(r, "cost_eur"), 1e-9);
        });
        assertEquals("offline", creatives.get("p1/cr-p").getAs("platform"));
        assertEquals("esport", creatives.get("p1/cr-a").getAs("theme"));
    }

    @Test
    void ratesHaveWilsonIntervals() {
        Row a = creatives.get("p1/cr-a");
        assertEquals(0.02, d(a, "ctr"), 1e-12);
        assertArrayEquals(Stats.wilson(20, 1000, Stats.Z95), new double[] {d(a, "ctr_lo"), d(a, "ctr_hi")}, 1e-12);
        assertEquals(2.0 / 3, d(a, "unknown_share"), 1e-12);
        assertArrayEquals(Stats.wilson(2, 3, Stats.Z95), new double[] {d(a, "unknown_share_lo"), d(a, "unknown_share_hi")},
                1e-12);
        assertEquals(3.0, d(a, "contacts_per_1000_impressions"), 1e-12);
        // a poster has contacts but no clicks: contacts per click is not a proportion
        assertNull(creatives.get("p1/cr-p").getAs("contact_per_click"));
        assertNull(creatives.get("p1/cr-i").getAs("unknown_share"));
    }

    @Test
    void costPerOutcomeWithExactPoissonIntervals() {
        // R poisson.test(2)$conf.int = 0.2422093 7.2246877; poisson.test(1) = 0.02531781 5.57164339; (0) upper 3.688879
        Row a = creatives.get("p1/cr-a");
        assertArrayEquals(new double[] {82.5, 165 / 7.2246877, 165 / 0.2422093}, new double[] {d(a, "cost_per_unknown"),
            d(a, "cost_per_unknown_lo"), d(a, "cost_per_unknown_hi")}, 1e-4);
        Row p = creatives.get("p1/cr-p");
        assertArrayEquals(new double[] {60, 60 / 5.57164339, 60 / 0.02531781}, new double[] {d(p, "cost_per_handoff"),
            d(p, "cost_per_handoff_lo"), d(p, "cost_per_handoff_hi")}, 1e-3);
        Row b = creatives.get("p1/cr-b");
        assertNull(b.getAs("cost_per_unknown"));
        assertEquals(55 / 3.688879, d(b, "cost_per_unknown_lo"), 1e-4);
        assertNull(b.getAs("cost_per_unknown_hi"));
    }

    @Test
    void probabilityBestAndRank() {
        double sum = 0;
        for (String k : List.of("p1/cr-a", "p1/cr-b", "p1/cr-p")) {
            sum += d(creatives.get(k), "prob_best");
        }
        assertEquals(1.0, sum, 1e-12);
        assertNull(creatives.get("p1/cr-i").getAs("prob_best"));
        // Priors come from the other rows only. cr-p: no other offline creative → mean = the rest of the project,
        // 2 of 4 → 0.5 → Beta(5.5, 5.5), score (2 + 5.5)/13. cr-a: the other tiktok creative has 0 of 1, shrunk by 10
        // towards the rest of the project (2 of 3): mean (0 + 10·2/3)/11 = 20/33 → Beta(200/33 + .5, 130/33 + .5),
        // score (2 + 200/33 + .5)/14. cr-b: others 2 of 3 towards 4/5: mean 10/13 → score (100/13 + .5)/12.
        // Enough evidence (≥ 2 contacts) first: cr-a (0.611), cr-p (0.577); then cr-b (1 contact), cr-i (none).
        Map<String, Integer> rank = new TreeMap<>();
        creatives.forEach((k, r) -> rank.put(k, r.<Integer>getAs("rank")));
        assertEquals(Map.of("p1/cr-a", 1, "p1/cr-p", 2, "p1/cr-b", 3, "p1/cr-i", 4), rank);
        assertEquals(7.5 / 13, d(creatives.get("p1/cr-p"), "score"), 1e-12);
        assertEquals((2 + 200.0 / 33 + 0.5) / 14, d(creatives.get("p1/cr-a"), "score"), 1e-12);
        assertEquals((100.0 / 13 + 0.5) / 12, d(creatives.get("p1/cr-b"), "score"), 1e-12);
        assertEquals(true, creatives.get("p1/cr-a").getAs("enough_evidence"));
        assertEquals(false, creatives.get("p1/cr-b").getAs("enough_evidence"));
    }

    @Test
    void channelsPerProjectAndAcrossProjects() {
        // channel: impressions, spend, other costs, contacted, unknown
        Map<String, double[]> expected = Map.of(
                "p1/tiktok", new double[] {2000, 40, 75 + 25 + 60 + 20, 4, 2},
                "p1/instagram", new double[] {500, 20, 40, 0, 0},
                "p1/offline", new double[] {0, 0, 60, 2, 2},
                "p1/snapchat", new double[] {0, 0, 50, 0, 0},
                "p1/unattributed", new double[] {0, 0, 0, 1, 1},
                "p2/instagram", new double[] {0, 0, 0, 1, 1},
                // across projects youth 1 counts once, at her first contact (p1, tiktok)
                "*/tiktok", new double[] {2000, 40, 180, 4, 2},
                "*/instagram", new double[] {500, 20, 40, 0, 0},
                "*/offline", new double[] {0, 0, 60, 2, 2},
                "*/snapchat", new double[] {0, 0, 50, 0, 0});
        expected.forEach((k, e) -> {
            Row r = channels.get(k);
            assertArrayEquals(e, new double[] {l(r, "impressions"), d(r, "spend_eur"), d(r, "other_costs_eur"),
                l(r, "contacted"), l(r, "contacted_unknown")}, 1e-9, k);
        });
        assertEquals(1L, l(channels.get("*/unattributed"), "contacted"));
        assertNull(channels.get("p1/unattributed").getAs("rank"));
        assertEquals(1, (int) channels.get("p1/offline").<Integer>getAs("rank"));
        // a single-creative channel's probability of being best is not inflated by its own data
        assertTrue(d(creatives.get("p1/cr-p"), "prob_best") < 0.9);
    }

    @Test
    void fatigueTrendFromWeeklyClickThroughRates() {
        // x: weekly CTR 5%, 4%, 3%, 2%, 1% (falling, slope −1 point a week, mean 3% → −1/3 relative);
        // y: 2% every week (flat); z: two weeks only (no trend).
        List<Row> rows = new java.util.ArrayList<>();
        for (int w = 0; w < 5; w++) {
            java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 2).plusDays(7L * w);
            rows.add(RowFactory.create("p", "x", day, 1000L, (long) (50 - 10 * w)));
            rows.add(RowFactory.create("p", "y", day, 1000L, 20L));
            if (w < 2) {
                rows.add(RowFactory.create("p", "z", day, 1000L, 20L));
            }
        }
        Dataset<Row> daily = SparkTestSession.get().createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("project_id", DataTypes.StringType, false),
                DataTypes.createStructField("creative_id", DataTypes.StringType, false),
                DataTypes.createStructField("date", DataTypes.DateType, false),
                DataTypes.createStructField("impressions", DataTypes.LongType, false),
                DataTypes.createStructField("clicks", DataTypes.LongType, false))));
        Map<String, Row> trend = new TreeMap<>();
        Scores.weeklyTrend(daily, "project_id", "creative_id").collectAsList()
                .forEach(r -> trend.put(r.getAs("creative_id"), r));
        assertEquals(List.of("x", "y"), List.copyOf(trend.keySet()));
        assertEquals("falling", trend.get("x").getAs("trend"));
        assertEquals(-1.0 / 3, trend.get("x").<Double>getAs("trend_slope"), 1e-9);
        assertEquals(5, (int) trend.get("x").<Integer>getAs("trend_weeks"));
        assertEquals("flat", trend.get("y").getAs("trend"));
    }
}
