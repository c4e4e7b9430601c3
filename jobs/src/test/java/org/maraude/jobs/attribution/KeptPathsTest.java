package org.maraude.jobs.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.maraude.jobs.Nights.key;
import static org.maraude.jobs.Nights.rows;
import static org.maraude.jobs.Nights.write;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.contract.DatasetSpec;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.IngestLimits;
import org.maraude.jobs.journey.JourneyJob;
import org.maraude.jobs.spark.Location;

/**
 * Counts of the paths that did not convert, brought up to date with added rows, against counting every touch again:
 * on random touchpoints, identity links and contacts (visitors linked to several youth, youth contacted later, a
 * creative whose platform comes from the catalogue), added as a new day or scattered over the past.
 */
class KeptPathsTest {
    private static final SparkSession SPARK = SparkTestSession.get();
    private static final JourneyJob.Params JOURNEYS = JourneyJob.Params.defaults();
    /** Three holdout buckets, so that both sides of the split are counted. */
    private static final AttributionJob.Params PARAMS = new AttributionJob.Params(30, 7, 0.4, 0.4, 15, 2000, 3, 5L);
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant NEW_DAY = Instant.parse("2026-05-20T00:00:00Z");

    private record Rows(List<Row> touchpoints, List<Row> links, List<Row> contacts) {}

    /** Random rows over three months (the "new day" is the last ten days, so that links and contacts come too), two projects, 40 visitors and 16 youth (seeded). */
    private static Rows random(long seed) {
        Random r = new Random(seed);
        List<Row> touchpoints = new ArrayList<>();
        List<Row> links = new ArrayList<>();
        List<Row> contacts = new ArrayList<>();
        String[] platforms = {"tiktok", "instagram", "youtube", null};
        String[] types = {"ad_click", "post_click", "qr_scan", "landing_view"};
        String[] events = {"first_contact", "inbound_message", "mediator_reply", "handoff", "outbound_message"};
        for (int i = 0; i < 400; i++) {
            String creative = r.nextInt(4) == 0 ? "cr-x" : null;
            String platform = platforms[r.nextInt(platforms.length)];
            touchpoints.add(RowFactory.create("p" + r.nextInt(2), ts(r), "v" + r.nextInt(40),
                    r.nextInt(4) == 0 ? "y" + r.nextInt(16) : null, types[r.nextInt(types.length)],
                    platform == null && creative == null && r.nextBoolean() ? "tiktok" : platform, creative));
        }
        for (int i = 0; i < 30; i++) {
            links.add(RowFactory.create("p" + r.nextInt(2), ts(r), "v" + r.nextInt(40), "y" + r.nextInt(16)));
        }
        for (int i = 0; i < 24; i++) {
            contacts.add(RowFactory.create("p" + r.nextInt(2), ts(r), "y" + r.nextInt(16), events[r.nextInt(events.length)]));
        }
        return new Rows(touchpoints, links, contacts);
    }

    private static Timestamp ts(Random r) {
        return Timestamp.from(START.plusSeconds(r.nextInt(92 * 86_400)));
    }

    /** Rows in a dataset's staged schema: the given columns, nulls elsewhere. */
    private static Dataset<Row> staged(DatasetSpec spec, List<Row> rows, String... columns) {
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(DataTypes.createStructField(c, spec.stagedSchema().apply(c).dataType(), true));
        }
        Dataset<Row> d = SPARK.createDataFrame(rows, DataTypes.createStructType(fields));
        List<String> given = List.of(columns);
        return d.select(java.util.Arrays.stream(spec.stagedSchema().fields())
                .map(f -> given.contains(f.name()) ? col(f.name()) : lit(null).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new));
    }

    private static KeptPaths.Sources sources(Rows rows) {
        return new KeptPaths.Sources(
                staged(Contract.TOUCHPOINTS, rows.touchpoints(), "project_id", "ts", "visitor_key", "youth_key", "touch_type",
                        "platform", "creative_id"),
                staged(Contract.IDENTITY_LINKS, rows.links(), "project_id", "ts", "visitor_key", "youth_key"),
                staged(Contract.CONTACTS, rows.contacts(), "project_id", "ts", "youth_key", "event"));
    }

    private static Dataset<Row> creatives() {
        return staged(Contract.CREATIVES, List.of(RowFactory.create("p0", "cr-x", "snapchat"),
                RowFactory.create("p1", "cr-x", "twitch")), "project_id", "creative_id", "platform");
    }

    /** Every touch counted, as the nightly run does without kept counts. */
    private static Dataset<Row> counted(KeptPaths.Sources s) {
        return Paths.otherPathCounts(Paths.channelTouches(JourneyJob.stitch(s.touchpoints(), s.links(), JOURNEYS),
                creatives()), JourneyJob.contacted(s.contacts()), PARAMS.sourceWindowDays(), PARAMS.holdoutBuckets(),
                PARAMS.seed());
    }

    private static List<String> sorted(Dataset<Row> counts) {
        return counts.collectAsList().stream().map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getList(2) + " "
                + r.getBoolean(3) + " n=" + r.getLong(4) + " c=" + r.getLong(5)).sorted().toList();
    }

    private static void split(List<Row> all, Predicate<Row> isAdded, List<Row> before, List<Row> added) {
        all.forEach(row -> (isAdded.test(row) ? added : before).add(row));
    }

    private static void assertUpdateCountsAgain(Rows all, Predicate<Row> isAdded) {
        Rows before = new Rows(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Rows added = new Rows(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        split(all.touchpoints(), isAdded, before.touchpoints(), added.touchpoints());
        split(all.links(), isAdded, before.links(), added.links());
        split(all.contacts(), isAdded, before.contacts(), added.contacts());
        assertTrue(!added.touchpoints().isEmpty() && !added.links().isEmpty() && !added.contacts().isEmpty(),
                "every dataset gains rows");
        KeptPaths.Sources was = sources(before);
        List<String> then = sorted(counted(was));
        List<String> now = sorted(counted(sources(all)));
        assertNotEquals(then, now, "the added rows change the counts");
        List<String> updated = sorted(KeptPaths.update(counted(was), was, sources(added), creatives(), JOURNEYS, PARAMS));
        assertEquals(now, updated);
    }

    @Test
    void aNewDayGivesTheCountsOfEveryTouch() {
        for (long seed : new long[] {1, 2}) {
            assertUpdateCountsAgain(random(seed), row -> ((Timestamp) row.get(1)).toInstant().isAfter(NEW_DAY));
        }
    }

    @Test
    void rowsAddedAnywhereInThePastGiveTheCountsOfEveryTouch() {
        Random pick = new Random(99);
        for (long seed : new long[] {4}) {
            Rows all = random(seed);
            java.util.Set<Row> added = new java.util.HashSet<>();
            for (List<Row> rows : List.of(all.touchpoints(), all.links(), all.contacts())) {
                rows.stream().filter(x -> pick.nextInt(5) == 0).forEach(added::add);
            }
            assertUpdateCountsAgain(all, added::contains);
        }
    }

    private static String touch(String ts, char visitor, Character youth, String platform, String creative) {
        return ts + "," + key(visitor) + "," + (youth == null ? "" : key(youth)) + ",ad_click," + platform + ","
                + creative + "\n";
    }

    /**
     * Ingest, journeys and attribution with kept path counts, night after night: a night that adds a day of
     * touchpoints, links and contacts publishes the attribution and channel-model metrics that counting every touch
     * gives, and a night without new files keeps the counts as they are.
     */
    @Test
    void keptCountsGiveTheAttributionOfEveryTouch(@TempDir Path dir) throws IOException {
        Path inbox = dir.resolve("inbox");
        Path p1 = inbox.resolve("p1");
        long day1 = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();
        long day2 = day1 + 86_400_000L;
        write(p1.resolve("creatives/c.csv"), "creative_id,platform,format\ncr-t,tiktok,video\ncr-i,instagram,story\n", day1);
        String header = "ts,visitor_key,youth_key,touch_type,platform,creative_id\n";
        write(p1.resolve("touchpoints/t1.csv"), header
                + touch("2026-03-05T12:00:00Z", 'a', 'a', "tiktok", "cr-t")
                + touch("2026-03-12T12:00:00Z", 'a', 'a', "instagram", "cr-i")
                + touch("2026-03-10T12:00:00Z", 'e', 'e', "tiktok", "cr-t")
                + touch("2026-03-11T12:00:00Z", '1', null, "instagram", "cr-i")
                + touch("2026-03-11T12:00:00Z", '2', null, "tiktok", "cr-t")
                + touch("2026-03-12T12:00:00Z", '2', null, "instagram", "cr-i")
                + touch("2026-03-13T12:00:00Z", '3', null, "instagram", "cr-i")
                + touch("2026-03-14T12:00:00Z", '4', null, "tiktok", "cr-t")
                + touch("2026-03-15T12:00:00Z", '5', null, "tiktok", "cr-t"), day1);
        write(p1.resolve("identity_links/l1.csv"), "ts,visitor_key,youth_key\n2026-03-16T12:00:00Z," + key('5') + ","
                + key('b') + "\n", day1);
        write(p1.resolve("contacts/c1.csv"), "ts,youth_key,event,channel\n2026-03-13T12:00:00Z," + key('a')
                + ",first_contact,whatsapp\n2026-03-17T12:00:00Z," + key('b') + ",first_contact,whatsapp\n", day1);
        Path kept = dir.resolve("staging").resolve(AttributionJob.KEPT_PATHS);
        SparkSession spark = SparkTestSession.get();
        AttributionJob.Params p = AttributionJob.Params.defaults();
        java.util.function.BiConsumer<String, Boolean> night = (note, compare) -> {
            IngestJob.Result in = IngestJob.run(spark, inbox, dir.resolve("staging"), IngestLimits.defaults());
            JourneyJob.Result j = JourneyJob.run(in, JourneyJob.Params.defaults());
            AttributionJob.Result a = AttributionJob.run(in, j, p, Location.local(kept), org.maraude.jobs.spark.Stored.inMemory());
            assertTrue(a.pathsNote().startsWith(note), a.pathsNote());
            if (compare) {
                AttributionJob.Result all = AttributionJob.run(in, j, p);
                assertEquals(rows(all.attribution()), rows(a.attribution()));
                assertEquals(rows(all.metrics()), rows(a.metrics()));
            }
        };
        night.accept("counted from every touch: no kept counts", false);
        // A day later: visitor 2 comes back, visitor 3 signs in as youth c, youth e (touched, never contacted) and
        // youth c are contacted, a new visitor arrives.
        write(p1.resolve("touchpoints/t2.csv"), header
                + touch("2026-03-20T12:00:00Z", '2', null, "tiktok", "cr-t")
                + touch("2026-03-20T13:00:00Z", '6', null, "instagram", "cr-i")
                + touch("2026-03-20T14:00:00Z", 'e', 'e', "instagram", "cr-i"), day2);
        write(p1.resolve("identity_links/l2.csv"), "ts,visitor_key,youth_key\n2026-03-20T15:00:00Z," + key('3') + ","
                + key('c') + "\n", day2);
        write(p1.resolve("contacts/c2.csv"), "ts,youth_key,event,channel\n2026-03-21T12:00:00Z," + key('e')
                + ",first_contact,whatsapp\n2026-03-21T13:00:00Z," + key('c') + ",inbound_message,sms\n", day2);
        night.accept("brought up to date with the added layers {touchpoints=1, identity_links=1, contacts=1}", true);
        night.accept("kept: no touchpoints", false);
    }

    private static KeptPaths.Inputs inputs(String settings, List<String> touchpoints, List<String> links,
            List<String> contacts, List<String> creatives) {
        return new KeptPaths.Inputs(Map.of("touchpoints", touchpoints, "identity_links", links, "contacts", contacts,
                "creatives", creatives), settings);
    }

    @Test
    void onlyLayersAddedOnTopOfTheKeptOnesAreFollowed() {
        KeptPaths.Inputs then = inputs("s", List.of("t1", "t2"), List.of("l1"), List.of("c1"), List.of("k1"));
        KeptPaths.Decision added = KeptPaths.decide(then, inputs("s", List.of("t1", "t2", "t3"), List.of("l1"),
                List.of("c1", "c2"), List.of("k1")));
        assertEquals(Map.of("touchpoints", 1, "identity_links", 0, "contacts", 1), added.added());
        assertTrue(!added.unchanged());
        assertTrue(KeptPaths.decide(then, then).unchanged());
        assertNull(KeptPaths.decide(null, then).added());
        assertEquals("the settings changed (s → s2)", KeptPaths.decide(then, inputs("s2", List.of("t1", "t2"),
                List.of("l1"), List.of("c1"), List.of("k1"))).reason());
        assertEquals("the creatives changed", KeptPaths.decide(then, inputs("s", List.of("t1", "t2"), List.of("l1"),
                List.of("c1"), List.of("k2"))).reason());
        assertEquals("touchpoints were written again", KeptPaths.decide(then, inputs("s", List.of("t9"), List.of("l1"),
                List.of("c1"), List.of("k1"))).reason());
        assertEquals("identity_links were written again", KeptPaths.decide(then, inputs("s", List.of("t1", "t2"),
                List.of(), List.of("c1"), List.of("k1"))).reason());
        assertEquals("contacts were written again", KeptPaths.decide(then, inputs("s", List.of("t1", "t2"), List.of("l1"),
                List.of("c0", "c1"), List.of("k1"))).reason());
    }

    @Test
    void theStateLineReadsBackAndACutOneIsIgnored() {
        KeptPaths.Inputs in = new KeptPaths.Inputs(new java.util.LinkedHashMap<>(Map.of("touchpoints", List.of("a", "b"))),
                "lookback=30 window=30");
        in.layers().put("contacts", List.of());
        assertEquals(in, KeptPaths.Inputs.parse(in.text()));
        String text = in.text();
        assertNull(KeptPaths.Inputs.parse(text.substring(0, text.length() - 4)));
    }
}
