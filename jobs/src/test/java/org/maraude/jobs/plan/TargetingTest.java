package org.maraude.jobs.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.SparkTestSession;

/**
 * The targeting tables on a hand-made project "t" (the columns the transforms read, built in the
 * test): tiktok cr-1 spends 200 € (2 paid contacts, 1 unknown, dept 93), instagram cr-2 spends 50 €
 * (1 unknown contact, dept 13), one youth came by QR placement pl-1 (dept 13, unknown), one is
 * unattributed; placements pl-1 (25 scans), pl-2 (30 scans, nobody), pl-3 (5 scans).
 */
class TargetingTest {
    static SparkSession spark;
    static Dataset<Row> journey;
    static Dataset<Row> ad;
    static Dataset<Row> creatives;
    static Dataset<Row> touches;

    static Dataset<Row> frame(String spec, List<Object[]> rows) {
        List<StructField> f = new ArrayList<>();
        for (String c : spec.split(",")) {
            String[] nt = c.trim().split(" ");
            DataType t = switch (nt[1]) {
                case "date" -> DataTypes.DateType;
                case "bool" -> DataTypes.BooleanType;
                case "long" -> DataTypes.LongType;
                case "eur" -> DataTypes.createDecimalType(18, 4);
                default -> DataTypes.StringType;
            };
            f.add(DataTypes.createStructField(nt[0], t, true));
        }
        return spark.createDataFrame(rows.stream().map(RowFactory::create).toList(), DataTypes.createStructType(f));
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        journey = frame("project_id s, youth_key s, first_contact_date date, dept s, previously_unknown bool, "
                + "accompanied bool, handed_off bool, source_creative_id s, source_campaign_id s, source_placement_id s",
                List.of(new Object[] {"t", "y1", d("2026-03-04"), "93", true, false, false, "cr-1", "camp-t", null},
                        new Object[] {"t", "y2", d("2026-03-10"), "93", false, true, false, "cr-1", "camp-t", null},
                        new Object[] {"t", "y3", d("2026-03-05"), "13", true, false, true, "cr-2", "camp-i", null},
                        new Object[] {"t", "y4", d("2026-03-06"), "13", true, false, false, null, null, "pl-1"},
                        new Object[] {"t", "y5", d("2026-03-07"), null, false, false, false, null, null, null}));
        ad = frame("project_id s, date date, platform s, campaign_id s, creative_id s, impressions long, spend_eur eur",
                List.of(new Object[] {"t", d("2026-03-02"), "tiktok", "camp-t", "cr-1", 1000L, new BigDecimal("100.00")},
                        new Object[] {"t", d("2026-03-09"), "tiktok", "camp-t", "cr-1", 1000L, new BigDecimal("100.00")},
                        new Object[] {"t", d("2026-03-02"), "instagram", "camp-i", "cr-2", 500L, new BigDecimal("50.00")}));
        creatives = frame("project_id s, creative_id s, platform s, theme s, creator s, format s",
                List.of(new Object[] {"t", "cr-1", "tiktok", "jobs", "own", "video"},
                        new Object[] {"t", "cr-2", "instagram", "music", "creator-01", "image"}));
        List<Object[]> t = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String pl = i < 25 ? "pl-1" : i < 55 ? "pl-2" : "pl-3";
            t.add(new Object[] {"t", "qr_scan", pl, "v" + i, "13", d("2026-03-01").plusDays(i % 20)});
        }
        t.add(new Object[] {"t", "ad_click", null, "v99", null, d("2026-03-02")});
        touches = frame("project_id s, touch_type s, placement_id s, visitor_key s, dept s, local_date date", t);
    }

    static List<String> strings(Row r, String... cols) {
        return Arrays.stream(cols).map(c -> String.valueOf(r.<Object>getAs(c))).toList();
    }

    @Test
    void departementsPerThousandEurosOfTheSpendTheirYouthStandFor() {
        Dataset<Row> paid = Weekly.paidYouth(journey, ad, creatives);
        List<Row> rows = Targeting.depts(spark, journey, paid, ad, null).orderBy("dept").collectAsList();
        // cost per paid contact: tiktok 200 € / 2, instagram 50 € / 1
        assertEquals(List.of("null", "null", "1", "0", "0", "0.0", "null", "null"), strings(rows.get(0), "dept",
                "dept_name", "contacted", "contacted_unknown", "paid_contacted", "paid_spend_eur", "unknown_per_1000_eur",
                "youth_population"));
        assertEquals(List.of("13", "Bouches-du-Rhône", "93", "2", "2", "1.0", "1", "1", "50.0", "20.0", "null", "null"),
                strings(rows.get(1), "dept", "dept_name", "region_code", "contacted", "contacted_unknown",
                        "unknown_share", "paid_contacted", "paid_unknown", "paid_spend_eur", "unknown_per_1000_eur",
                        "youth_population", "unknown_per_10000_youth"));
        assertEquals(List.of("93", "Seine-Saint-Denis", "2", "1", "0.5", "2", "1", "200.0", "5.0"), strings(rows.get(2),
                "dept", "dept_name", "contacted", "contacted_unknown", "unknown_share", "paid_contacted", "paid_unknown",
                "paid_spend_eur", "unknown_per_1000_eur"));
    }

    @Test
    void populationRelativeFiguresNeedAPopulationFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path pop = dir.resolve("pop.csv");
        java.nio.file.Files.writeString(pop, "dept,youth_population\n93,200000\n13,250000\n");
        Dataset<Row> paid = Weekly.paidYouth(journey, ad, creatives);
        Row r = Targeting.depts(spark, journey, paid, ad, pop).filter("dept = '13'").collectAsList().get(0);
        assertEquals(250000L, (long) r.<Long>getAs("youth_population"));
        assertEquals(0.08, r.<Double>getAs("unknown_per_10000_youth"), 1e-9); // 2 / 250,000 × 10,000
    }

    @Test
    void theBundledDepartementListIsTheShippedReference() throws Exception {
        byte[] shipped = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                "../sample-data/reference/departements-insee-cog-2022.csv"));
        try (java.io.InputStream in = Targeting.class.getResourceAsStream(Targeting.DEPARTEMENTS)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(shipped, in.readAllBytes());
        }
        assertEquals(101, Targeting.departementRows().size());
    }

    @Test
    void placementsToKeepOrDrop() {
        List<Object[]> rows = Targeting.placements(Targeting.placementFacts(Targeting.scanVisitors(touches), journey).collectAsList());
        assertEquals(3, rows.size());
        // medians over placements with ≥ 20 scans (pl-1: 4 per 100, pl-2: 0): 2 contacts per 100 scans
        assertEquals(List.of("t", "pl-1", "13", "25", "25", "1", "1", "4.0", "keep"),
                pick(rows.get(0), 0, 1, 2, 3, 4, 7, 8, 10, 12));
        assertEquals(List.of("pl-2", "30", "0", "drop", "30 scans and no contact"), pick(rows.get(1), 1, 3, 7, 12, 13));
        assertEquals(List.of("pl-3", "5", "too_few"), pick(rows.get(2), 1, 3, 12));
        assertEquals(LocalDate.of(2026, 3, 1), rows.get(0)[5]);
    }

    @Test
    void placementScansCombineAcrossGroupsOfTouchpoints() {
        // a later group (another layer of the touchpoints): five of pl-1's visitors scan again, one new visitor
        List<Object[]> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(new Object[] {"t", "qr_scan", "pl-1", "v" + i, "13", d("2026-04-01")});
        }
        later.add(new Object[] {"t", "qr_scan", "pl-1", "v-new", "93", d("2026-04-02")});
        later.add(new Object[] {"t", "landing_view", "pl-1", "v-new", "93", d("2026-04-02")});
        Dataset<Row> more = frame("project_id s, touch_type s, placement_id s, visitor_key s, dept s, local_date date",
                later);
        Row pl1 = Targeting.placementFacts(Targeting.scanVisitors(touches).unionByName(Targeting.scanVisitors(more)),
                journey).filter("placement_id = 'pl-1'").collectAsList().get(0);
        assertEquals(31L, (long) pl1.<Long>getAs("scans"));
        assertEquals(26L, (long) pl1.<Long>getAs("visitors")); // v0..v4 counted once
        assertEquals("93", pl1.getAs("dept"));
        assertEquals(d("2026-03-01"), pl1.getAs("first_scan_date"));
        assertEquals(d("2026-04-02"), pl1.getAs("last_scan_date"));
        assertEquals(1L, (long) pl1.<Long>getAs("contacted"));
        // the same as from all the touchpoints at once
        assertEquals(pl1, Targeting.placementFacts(Targeting.scanVisitors(touches.unionByName(more)), journey)
                .filter("placement_id = 'pl-1'").collectAsList().get(0));
    }

    static List<String> pick(Object[] row, int... idx) {
        return Arrays.stream(idx).mapToObj(i -> String.valueOf(row[i])).toList();
    }

    @Test
    void creativesThemesAndCreators() {
        List<Row> weeks = Targeting.creativeWeeks(ad, frame("project_id s, date date, creative_id s, views long",
                List.of()), journey).collectAsList();
        List<Object[]> rows = Targeting.creatives(weeks, creatives.collectAsList());
        Object[] cr1 = rows.stream().filter(r -> r[1].equals("creative") && r[2].equals("cr-1")).findFirst().orElseThrow();
        // cr-1: 200 €, 2000 impressions, 2 contacts, 1 unknown → 5 unknown per 1,000 €, 200 € per unknown
        assertEquals(List.of("tiktok", "jobs", "own", "2026-03-02", "2026-03-09", "2", "200.0", "2000.0", "2", "1", "0.5",
                "5.0", "200.0", "too_few"), pick(cr1, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20));
        Object[] music = rows.stream().filter(r -> r[1].equals("theme") && r[2].equals("music")).findFirst().orElseThrow();
        assertEquals(List.of("instagram", "music", "1", "1"), pick(music, 3, 4, 12, 13));
        assertTrue(rows.stream().anyMatch(r -> r[1].equals("creator") && r[2].equals("creator-01")));
    }

    @Test
    void fatigueIsTheWeeklyChangeOfContactsPerExposure() {
        // constant exposure; contacts fall ~20% a week over six weeks: 50, 40, 32, 26, 20, 16
        long[] y = {50, 40, 32, 26, 20, 16};
        List<Object[]> w = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            w.add(new Object[] {"t", "cr-9", d("2026-01-05").plusWeeks(i), 100.0, 10_000.0, y[i], y[i] / 2});
        }
        Dataset<Row> df = spark.createDataFrame(w.stream().map(RowFactory::create).toList(), DataTypes.createStructType(List.of(
                DataTypes.createStructField("project_id", DataTypes.StringType, false),
                DataTypes.createStructField("creative_id", DataTypes.StringType, false),
                DataTypes.createStructField("week_start", DataTypes.DateType, false),
                DataTypes.createStructField("spend", DataTypes.DoubleType, false),
                DataTypes.createStructField("exposure", DataTypes.DoubleType, false),
                DataTypes.createStructField("contacted", DataTypes.LongType, false),
                DataTypes.createStructField("contacted_unknown", DataTypes.LongType, false))));
        List<Row> rows = df.collectAsList();
        double[] f = Targeting.fatigue(rows, d("2026-01-05"));
        assertEquals(-0.2, f[0], 0.02);
        assertTrue(f[1] < f[0] && f[0] < f[2] && f[2] < 0, Arrays.toString(f));
        List<Object[]> out = Targeting.creatives(rows, List.of());
        assertEquals("refresh", out.get(0)[20]);
        // a flat rate shows no fatigue
        List<Row> flat = spark.createDataFrame(w.stream().map(r -> RowFactory.create(r[0], r[1], r[2], r[3], r[4], 30L, 10L))
                .toList(), df.schema()).collectAsList();
        assertEquals(0.0, Targeting.fatigue(flat, d("2026-01-05"))[0], 1e-6);
        assertEquals("keep", Targeting.creatives(flat, List.of()).get(0)[20]);
        assertNull(Targeting.fatigue(flat.subList(0, 2), d("2026-01-05")));
    }
}
