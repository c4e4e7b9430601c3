package org.maraude.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.contract.Contract;

/** Ingest: one fixture per reject reason, the input formats, and the incremental cases. */
class IngestJobTest {
    @TempDir
    static Path dir;
    static IngestJob.Result result;
    static Map<String, String> reasonByFile;

    static final String K = "a".repeat(64);
    static final String CONTACTS = "ts,youth_key,event,channel,mediator_key,partner_type,partner_id,referral_code,declared_source\n";
    static final String GOOD = "2026-03-01T10:00:00+01:00," + K + ",first_contact,whatsapp,,,,,\n";

    static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    static void writeBytes(Path p, byte[] b) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, b);
    }

    static Map<String, String> fileRejects(IngestJob.Result r) {
        return r.rejects().filter("line IS NULL").collectAsList().stream()
                .collect(Collectors.toMap(x -> x.<String>getAs("file"), x -> x.<String>getAs("reason"), (a, b) -> a, TreeMap::new));
    }

    static List<String> rowRejects(IngestJob.Result r, String file) {
        return r.rejects().filter("file = '" + file + "' AND line IS NOT NULL").orderBy("line").collectAsList().stream()
                .map(x -> x.getAs("line") + ":" + x.getAs("column") + ":" + x.getAs("reason")).toList();
    }

    @BeforeAll
    static void ingest() throws Exception {
        Path in = dir.resolve("inbox");
        Path c = in.resolve("proj/contacts");
        write(c.resolve("good.csv"), "\uFEFF" + CONTACTS + GOOD); // BOM tolerated
        write(c.resolve("missing-column.csv"), "ts,youth_key\n2026-03-01T10:00:00Z," + K + "\n");
        write(c.resolve("duplicate-column.csv"), "ts,ts,youth_key,event\n");
        write(c.resolve("empty.csv"), "");
        write(c.resolve("semicolons.csv"), "ts;youth_key;event\n");
        writeBytes(c.resolve("latin1.csv"), (CONTACTS + "2026-03-01T10:00:00Z," + K + ",first_contact,whatsapp,,association,caf\u00e9,,\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        write(c.resolve("mojibake.csv"), CONTACTS + "2026-03-01T10:00:00Z," + K + ",first_contact,whatsapp,,,Ã©cole,,\n");
        writeBytes(c.resolve("binary.csv"), new byte[] {'t', 's', 0, 1, 2, '\n'});
        byte[] gz = gzip((CONTACTS + GOOD).getBytes(StandardCharsets.UTF_8));
        writeBytes(c.resolve("ok.csv.gz"), gz);
        writeBytes(c.resolve("truncated.csv.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        write(c.resolve("notes.txt"), "hello");
        write(in.resolve("proj/unknown_things/x.csv"), "a\n1\n");
        write(in.resolve("Bad_Project/contacts/x.csv"), CONTACTS + GOOD);
        write(in.resolve("loose.csv"), "a\n");
        Path outside = dir.resolve("outside.csv");
        write(outside, CONTACTS + GOOD);
        Files.createDirectories(in.resolve("proj/youth"));
        Files.createSymbolicLink(in.resolve("proj/youth/link.csv"), outside);
        // one row per row-level reason, in order of lines 2..
        write(c.resolve("rows.csv"), CONTACTS
                + "2026-03-01T10:00:00Z,NOTAKEY,first_contact,whatsapp,,,,,\n" // 2 bad_key
                + "2026-03-01 10:00," + K + ",first_contact,whatsapp,,,,,\n" // 3 bad_timestamp
                + "2026-03-01T10:00:00Z," + K + ",hello,whatsapp,,,,,\n" // 4 bad_enum (strict)
                + "2026-03-01T10:00:00Z," + K + ",handoff,whatsapp,,,,,\n" // 5 missing partner_type
                + "2026-03-01T10:00:00Z,,first_contact,whatsapp,,,,,\n" // 6 missing youth_key
                + "2026-03-01T10:00:00Z," + K + ",first_contact,whatsapp,,,,+33 6 12 34 56 78,\n" // 7 phone
                + "1900-01-01T10:00:00Z," + K + ",first_contact,whatsapp,,,,,\n" // 8 out of range
                + "2026-03-01T10:00:00Z," + K + ",first_contact,\"whatsapp,,,,,\n" // 9 unterminated quote
                + "2026-03-01T10:00:00Z," + K + ",first_contact,whatsapp,,,,,,extra\n" // 10 wrong field count
                + "2026-03-01T10:00:00Z," + K + ",first_contact,whatsapp,,,," + "x".repeat(1001) + ",\n" // 11 too long
                + "2026-03-02T10:00:00Z," + K + ",inbound_message,signal,,,,,\n"); // 12 ok, channel → other
        write(in.resolve("proj/ad_delivery/a.csv"), "date,platform,campaign_id,creative_id,impressions,reach,clicks,video_views,spend_eur,project_id\n"
                + "2026-03-01,tiktok,c1,cr1,-5,,1,,1.00,proj\n" // 2 negative
                + "2026-03-01,tiktok,c1,cr1,10,,1,,abc,proj\n" // 3 bad number
                + "2026-03-01,tiktok,c1,cr1,10,,1,,1.00,other-proj\n" // 4 project mismatch
                + "2026-03-01,tiktok,c1,cr1,10,,1,,1.00,proj\n"); // 5 ok
        // Parquet input, written by DuckDB
        Path pq = in.resolve("proj/identity_links/links.parquet");
        Files.createDirectories(pq.getParent());
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement s = con.createStatement()) {
            s.execute("SET TimeZone='UTC'");
            s.execute("COPY (SELECT TIMESTAMPTZ '2026-03-01 09:00:00+00' AS ts, '" + "1".repeat(64) + "' AS visitor_key, '"
                    + K + "' AS youth_key UNION ALL SELECT TIMESTAMPTZ '2026-03-02 09:00:00+00', 'short', '" + K
                    + "') TO '" + pq + "' (FORMAT parquet)");
        }
        result = IngestJob.run(SparkTestSession.get(), in, dir.resolve("staging"), IngestLimits.defaults());
        reasonByFile = fileRejects(result);
    }

    static byte[] gzip(byte[] b) throws IOException {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bos)) {
            o.write(b);
        }
        return bos.toByteArray();
    }

    @Test
    void wholeFilesAreRefusedWithAReason() {
        assertEquals("missing_column", reasonByFile.get("proj/contacts/missing-column.csv"));
        assertEquals("duplicate_column", reasonByFile.get("proj/contacts/duplicate-column.csv"));
        assertEquals("empty_file", reasonByFile.get("proj/contacts/empty.csv"));
        assertEquals("not_csv", reasonByFile.get("proj/contacts/semicolons.csv"));
        assertEquals("not_utf8", reasonByFile.get("proj/contacts/latin1.csv"));
        assertEquals("mojibake", reasonByFile.get("proj/contacts/mojibake.csv"));
        assertEquals("not_csv", reasonByFile.get("proj/contacts/binary.csv"));
        assertEquals("corrupt_compression", reasonByFile.get("proj/contacts/truncated.csv.gz"));
        assertEquals("unsupported_format", reasonByFile.get("proj/contacts/notes.txt"));
        assertEquals("unknown_dataset", reasonByFile.get("proj/unknown_things/x.csv"));
        assertEquals("bad_project_id", reasonByFile.get("Bad_Project/contacts/x.csv"));
        assertEquals("unknown_dataset", reasonByFile.get("loose.csv"));
        assertEquals("symlink_outside", reasonByFile.get("proj/youth/link.csv"));
        assertEquals(13, reasonByFile.size(), reasonByFile.toString());
    }

    @Test
    void eachRefusedRowHasItsLineColumnAndReason() {
        assertEquals(List.of("2:youth_key:bad_key", "3:ts:bad_timestamp", "4:event:bad_enum",
                "5:partner_type:missing_value", "6:youth_key:missing_value", "7:referral_code:personal_data",
                "8:ts:date_out_of_range", "9:null:malformed_row", "10:null:malformed_row", "11:referral_code:value_too_long"),
                rowRejects(result, "proj/contacts/rows.csv"));
        assertEquals(List.of("2:impressions:negative_value", "3:spend_eur:bad_number", "4:project_id:project_mismatch"),
                rowRejects(result, "proj/ad_delivery/a.csv"));
        assertEquals(List.of("3:visitor_key:bad_key"), rowRejects(result, "proj/identity_links/links.parquet"));
        assertEquals(0, result.rejects().filter("message LIKE '%612%' OR message LIKE '%xxxx%'").count());
    }

    @Test
    void goodRowsOfEveryFormatArrive() {
        // good.csv + ok.csv.gz hold the same row: counted once; rows.csv line 12 adds one more
        List<Row> contacts = result.get(Contract.CONTACTS).orderBy("ts").collectAsList();
        assertEquals(2, contacts.size());
        assertEquals("other", contacts.get(1).getAs("channel"));
        assertEquals(1, result.get(Contract.IDENTITY_LINKS).count());
        assertEquals(1, result.get(Contract.AD_DELIVERY).count());
        assertEquals(1, result.warnings().filter("code = 'unknown_enum_value' AND column = 'channel'").count());
        // the file summary counts what was read, refused and kept
        Row rows = result.files().filter("file = 'proj/contacts/rows.csv'").collectAsList().get(0);
        assertEquals(List.of(11L, 10L, 1L), List.of(rows.<Long>getAs("rows_read"), rows.<Long>getAs("rows_rejected"),
                rows.<Long>getAs("rows_kept")));
    }

    @Test
    void nativeExportsArriveThroughTheirConnectors() throws IOException {
        Path in = dir.resolve("native-inbox");
        Path res = Path.of("src/test/resources/native");
        Files.createDirectories(in.resolve("p2/native/meta"));
        Files.createDirectories(in.resolve("p2/native/tiktok")); // not a tool name: detected by its header
        Files.copy(res.resolve("meta/meta_fr_jour_plateforme.csv"), in.resolve("p2/native/meta/export.csv"));
        Files.copy(res.resolve("tiktok-ads/tiktok_ads_report.csv"), in.resolve("p2/native/tiktok/report.csv"));
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), in, dir.resolve("native-staging"), IngestLimits.defaults());
        // Meta (French UI): 4 daily rows (audience_network kept as other); the summary row is a warning, the negative impressions a reject.
        // TikTok: 2 rows; <5 where a number is required and a USD row are rejected; the Total row is a warning.
        assertEquals(List.of("2025-03-01 facebook 2345 45.6000", "2025-03-01 instagram 4635 70.3500",
                "2025-03-02 instagram 1000 7.5000", "2025-03-02 other 12 0.0200",
                "2025-09-01 tiktok 25881 35.2000", "2025-09-02 tiktok 9120 12.0000"),
                r.get(Contract.AD_DELIVERY).collectAsList().stream().map(x -> x.getAs("date") + " " + x.getAs("platform")
                        + " " + x.getAs("impressions") + " " + x.getAs("spend_eur")).sorted().toList());
        assertEquals(List.of("p2/native/meta/export.csv:8:negative_value", "p2/native/tiktok/report.csv:4:masked_value",
                "p2/native/tiktok/report.csv:5:masked_value", "p2/native/tiktok/report.csv:6:bad_value"),
                r.rejects().collectAsList().stream().map(x -> x.getAs("file") + ":" + x.getAs("line") + ":"
                        + x.getAs("reason")).sorted().toList());
        assertEquals(2, r.warnings().filter("code = 'total_row'").count());
        assertTrue(r.get(Contract.CREATIVES).count() >= 3);
    }

    @Test
    void incrementalRunsReuseChangeAndDropFiles() throws IOException {
        Path in = dir.resolve("inc");
        Path staging = dir.resolve("inc-staging");
        Path ads = in.resolve("p1/ad_delivery");
        String header = "date,platform,campaign_id,creative_id,impressions,reach,clicks,video_views,spend_eur\n";
        write(ads.resolve("week1.csv"), header + "2026-03-01,tiktok,c,cr,100,,1,,1.00\n2026-03-02,tiktok,c,cr,100,,1,,1.00\n");
        Files.setLastModifiedTime(ads.resolve("week1.csv"), FileTime.fromMillis(1_000_000));
        write(in.resolve("p1/contacts/c.csv"), CONTACTS + GOOD);
        IngestJob.Result first = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(2, first.filesParsed());
        assertEquals(2, first.get(Contract.AD_DELIVERY).count());

        // unchanged files are reused; a re-export overlapping 2 March (newer) wins on the natural key
        write(ads.resolve("reexport.csv"), header + "2026-03-02,tiktok,c,cr,150,,2,,1.50\n2026-03-03,tiktok,c,cr,90,,1,,0.90\n");
        Files.setLastModifiedTime(ads.resolve("reexport.csv"), FileTime.fromMillis(2_000_000));
        IngestJob.Result second = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(1, second.filesParsed());
        assertEquals(2, second.filesReused());
        assertEquals(List.of("2026-03-01=100", "2026-03-02=150", "2026-03-03=90"),
                second.get(Contract.AD_DELIVERY).orderBy("date").collectAsList().stream()
                        .map(r -> r.getAs("date") + "=" + r.getAs("impressions")).toList());

        // a changed file replaces its earlier version; a removed file drops out
        write(ads.resolve("week1.csv"), header + "2026-03-01,tiktok,c,cr,120,,1,,1.00\n");
        Files.setLastModifiedTime(ads.resolve("week1.csv"), FileTime.fromMillis(500_000));
        Files.delete(in.resolve("p1/contacts/c.csv"));
        IngestJob.Result third = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(1, third.filesParsed());
        assertEquals(List.of("2026-03-01=120", "2026-03-02=150", "2026-03-03=90"),
                third.get(Contract.AD_DELIVERY).orderBy("date").collectAsList().stream()
                        .map(r -> r.getAs("date") + "=" + r.getAs("impressions")).toList());
        assertEquals(0, third.get(Contract.CONTACTS).count());

        // the same inbox twice gives identical tables, and the inbox was never touched
        IngestJob.Result again = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(0, again.filesParsed());
        assertEquals(third.get(Contract.AD_DELIVERY).orderBy("date").collectAsList(),
                again.get(Contract.AD_DELIVERY).orderBy("date").collectAsList());
        assertTrue(Files.exists(ads.resolve("reexport.csv")));
    }

    static final String TOUCHES = "ts,visitor_key,youth_key,touch_type,platform,creative_id\n";
    static final String V1 = "1".repeat(64);
    static final String V2 = "2".repeat(64);
    /** Two touches of a first file; R2 has an empty youth and creative (nulls). */
    static final String R1 = "2026-03-01T10:00:00Z," + V1 + ",,ad_click,tiktok,cr1\n";
    static final String R2 = "2026-03-01T11:00:00Z," + V2 + ",,landing_view,tiktok,\n";

    static List<String> touches(IngestJob.Result r) {
        return r.get(Contract.TOUCHPOINTS).collectAsList().stream().map(x -> x.getAs("ts") + " " + x.getAs("visitor_key")
                .toString().charAt(0) + " " + x.getAs("youth_key") + " " + x.getAs("creative_id") + " "
                + x.getAs("_file") + ":" + x.getAs("_line")).sorted().toList();
    }

    @Test
    void newerFilesAreMergedIntoTheLastNightsRows() throws IOException {
        Path in = dir.resolve("merge");
        Path staging = dir.resolve("merge-staging");
        Path t = in.resolve("p1/touchpoints");
        String r3 = "2026-03-02T10:00:00Z," + V1 + "," + K + ",chatbot_open,other,\n";
        write(t.resolve("a.csv"), TOUCHES + R1 + R1 + R2 + r3);
        Files.setLastModifiedTime(t.resolve("a.csv"), FileTime.fromMillis(1_000_000));
        IngestJob.Result first = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.ALL_FILES, first.counted().get("touchpoints"));
        List<String> firstRows = touches(first); // read now: a later night replaces the kept rows
        assertEquals(List.of("2026-03-01T10:00:00Z 1 null cr1 p1/touchpoints/a.csv:3",
                "2026-03-01T11:00:00Z 2 null null p1/touchpoints/a.csv:4",
                "2026-03-02T10:00:00Z 1 " + K + " null p1/touchpoints/a.csv:5"), firstRows);

        // a newer file repeats R2 (with its nulls) and has a duplicate of its own: merged, same rows as from scratch
        String r4 = "2026-03-03T10:00:00Z," + V2 + ",,qr_scan,offline,poster\n";
        write(t.resolve("b.csv"), TOUCHES + r4 + R2 + r4);
        Files.setLastModifiedTime(t.resolve("b.csv"), FileTime.fromMillis(2_000_000));
        IngestJob.Result second = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.MERGED, second.counted().get("touchpoints"));
        List<String> secondRows = touches(second);
        IngestJob.Result scratch = IngestJob.run(SparkTestSession.get(), in, dir.resolve("merge-scratch"),
                IngestLimits.defaults());
        assertEquals(IngestJob.Counted.ALL_FILES, scratch.counted().get("touchpoints"));
        assertEquals(touches(scratch), secondRows);
        assertEquals(List.of("2026-03-01T10:00:00Z 1 null cr1 p1/touchpoints/a.csv:3",
                "2026-03-01T11:00:00Z 2 null null p1/touchpoints/b.csv:3",
                "2026-03-02T10:00:00Z 1 " + K + " null p1/touchpoints/a.csv:5",
                "2026-03-03T10:00:00Z 2 null poster p1/touchpoints/b.csv:4"), secondRows);
        // the file records count each kept row under the copy that won
        assertEquals(List.of("p1/touchpoints/a.csv 4 2", "p1/touchpoints/b.csv 3 2"), touchpointFiles(second));

        // nothing new: the kept rows as they were
        IngestJob.Result third = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.UNCHANGED, third.counted().get("touchpoints"));
        assertEquals(secondRows, touches(third));

        // a file arriving with an older time than the kept ones could lose to them: everything is counted again
        String r5 = "2026-03-01T10:00:00Z," + V1 + ",,ad_click,tiktok,cr1\n"; // = R1, older copy: a.csv's lineage stays
        write(t.resolve("late.csv"), TOUCHES + r5);
        Files.setLastModifiedTime(t.resolve("late.csv"), FileTime.fromMillis(500_000));
        IngestJob.Result fourth = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.ALL_FILES, fourth.counted().get("touchpoints"));
        assertEquals(secondRows, touches(fourth));

        // a removed file: counted again without its rows; one kept copy of the rows on disk
        Files.delete(t.resolve("b.csv"));
        IngestJob.Result fifth = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.ALL_FILES, fifth.counted().get("touchpoints"));
        assertEquals(firstRows, touches(fifth));
        assertEquals(1, layers(staging));
    }

    /** Per touchpoints file: "file rows_read rows_kept". */
    static List<String> touchpointFiles(IngestJob.Result r) {
        return r.files().filter("dataset = 'touchpoints'").orderBy("file").collectAsList().stream()
                .map(x -> x.getAs("file") + " " + x.getAs("rows_read") + " " + x.getAs("rows_kept")).toList();
    }

    /** Folders kept under the de-duplicated touchpoints (the snapshot's layers, once a night has ended). */
    static long layers(Path staging) throws IOException {
        try (java.util.stream.Stream<Path> kept = Files.list(staging.resolve("_deduplicated/touchpoints"))) {
            return kept.count();
        }
    }

    @Test
    void rowsThatNoKeptRowHasAgainAreAddedAsALayer() throws IOException {
        Path in = dir.resolve("layers");
        Path staging = dir.resolve("layers-staging");
        Path t = in.resolve("p1/touchpoints");
        write(t.resolve("a.csv"), TOUCHES + R1 + R2);
        Files.setLastModifiedTime(t.resolve("a.csv"), FileTime.fromMillis(1_000_000));
        IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());

        // a new day: its rows (one twice) are new, so they are kept as a second layer beside the first
        String r3 = "2026-03-02T10:00:00Z," + V2 + ",,qr_scan,offline,poster\n";
        write(t.resolve("b.csv"), TOUCHES + r3 + r3);
        Files.setLastModifiedTime(t.resolve("b.csv"), FileTime.fromMillis(2_000_000));
        IngestJob.Result second = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.APPENDED, second.counted().get("touchpoints"));
        assertEquals(2, layers(staging));
        List<String> secondRows = touches(second);
        assertEquals(touches(IngestJob.run(SparkTestSession.get(), in, dir.resolve("layers-scratch-2"),
                IngestLimits.defaults())), secondRows);
        assertEquals(List.of("2026-03-01T10:00:00Z 1 null cr1 p1/touchpoints/a.csv:2",
                "2026-03-01T11:00:00Z 2 null null p1/touchpoints/a.csv:3",
                "2026-03-02T10:00:00Z 2 null poster p1/touchpoints/b.csv:3"), secondRows);
        assertEquals(List.of("p1/touchpoints/a.csv 2 2", "p1/touchpoints/b.csv 2 1"), touchpointFiles(second));

        // nothing new: both layers as they were
        IngestJob.Result third = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.UNCHANGED, third.counted().get("touchpoints"));
        assertEquals(secondRows, touches(third));

        // a file repeating a kept row (R1 of the first layer) replaces it: the dataset is written again, one layer
        String r4 = "2026-03-03T10:00:00Z," + V1 + ",,ad_click,tiktok,cr2\n";
        write(t.resolve("c.csv"), TOUCHES + r4 + R1);
        Files.setLastModifiedTime(t.resolve("c.csv"), FileTime.fromMillis(3_000_000));
        IngestJob.Result fourth = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.MERGED, fourth.counted().get("touchpoints"));
        assertEquals(1, layers(staging));
        assertEquals(touches(IngestJob.run(SparkTestSession.get(), in, dir.resolve("layers-scratch-4"),
                IngestLimits.defaults())), touches(fourth));
        assertEquals(List.of("2026-03-01T10:00:00Z 1 null cr1 p1/touchpoints/c.csv:3",
                "2026-03-01T11:00:00Z 2 null null p1/touchpoints/a.csv:3",
                "2026-03-02T10:00:00Z 2 null poster p1/touchpoints/b.csv:3",
                "2026-03-03T10:00:00Z 1 null cr2 p1/touchpoints/c.csv:2"), touches(fourth));

        // a row at the same instant as a kept one (R2) but another: the keys are compared, and it is a new layer
        String r5 = "2026-03-01T11:00:00Z," + V1 + ",,ad_click,tiktok,cr2\n";
        write(t.resolve("d.csv"), TOUCHES + r5);
        Files.setLastModifiedTime(t.resolve("d.csv"), FileTime.fromMillis(4_000_000));
        assertEquals(IngestJob.Counted.APPENDED, IngestJob.run(SparkTestSession.get(), in, staging,
                IngestLimits.defaults()).counted().get("touchpoints"));
        assertEquals(2, layers(staging));
        // a removed file under a layered snapshot: counted again from the files, one layer
        Files.delete(t.resolve("b.csv"));
        IngestJob.Result sixth = IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        assertEquals(IngestJob.Counted.ALL_FILES, sixth.counted().get("touchpoints"));
        assertEquals(1, layers(staging));
        assertEquals(touches(IngestJob.run(SparkTestSession.get(), in, dir.resolve("layers-scratch-6"),
                IngestLimits.defaults())), touches(sixth));
    }

    @Test
    void theHoursKeptWithALayerSettleANewDayAndOnlyANewDay() throws IOException {
        Path in = dir.resolve("days");
        Path staging = dir.resolve("days-staging");
        write(in.resolve("p1/touchpoints/a.csv"), TOUCHES + R1 + R2);
        IngestJob.run(SparkTestSession.get(), in, staging, IngestLimits.defaults());
        org.maraude.jobs.spark.Location root = org.maraude.jobs.spark.Location.local(staging.resolve(Deduplicated.DIR));
        Deduplicated.Snapshot last = Deduplicated.latest(root, Contract.TOUCHPOINTS).orElseThrow();
        org.apache.spark.sql.Dataset<Row> older = last.read(SparkTestSession.get(), Contract.TOUCHPOINTS);
        Path hours = last.dir().localPath().orElseThrow().resolve("_aggregates").resolve(Deduplicated.PROBE_HOURS);

        // any layer is kept at 0 bytes: its hours are written once, then read instead of its rows
        String nextDay = "2026-03-02T00:30:00+01:00," + V2 + ",,qr_scan,offline,poster\n"; // 1 March in UTC
        assertTrue(Deduplicated.canAppend(last, Contract.TOUCHPOINTS, older, rows("d1", nextDay), 0));
        assertTrue(Files.exists(hours.resolve("_DONE")));
        // the same hour, another instant: the hours meet, the instants do not
        String sameHour = "2026-03-01T10:59:00Z," + V1 + ",,ad_click,tiktok,cr1\n";
        assertTrue(Deduplicated.canAppend(last, Contract.TOUCHPOINTS, older, rows("d2", sameHour), 0));
        // a kept row again, with a new day: written again as one
        assertFalse(Deduplicated.canAppend(last, Contract.TOUCHPOINTS, older, rows("d3", nextDay + R1), 0));
        // the same instant in another time zone's notation is the same hour: compared, and the kept row found
        String r1Paris = "2026-03-01T11:00:00+01:00," + V1 + ",,ad_click,tiktok,cr1\n";
        assertFalse(Deduplicated.canAppend(last, Contract.TOUCHPOINTS, older, rows("d4", r1Paris), 0));
    }

    /** The staged touchpoint rows of a file with {@code lines} (after the header), ingested on their own. */
    private static org.apache.spark.sql.Dataset<Row> rows(String name, String lines) throws IOException {
        Path in = dir.resolve("days-" + name);
        write(in.resolve("p1/touchpoints/" + name + ".csv"), TOUCHES + lines);
        return IngestJob.run(SparkTestSession.get(), in, dir.resolve("days-" + name + "-staging"), IngestLimits.defaults())
                .get(Contract.TOUCHPOINTS);
    }

    /**
     * In a night that interprets its plans by {@code spark.codegen=auto}, a dataset over the size threshold is parsed
     * and de-duplicated on a session that compiles them: the same rows, lineage and file counts as interpreted.
     */
    @Test
    void aDatasetParsedAndDeduplicatedWithCompiledPlansKeepsTheSameRows() throws IOException {
        Path in = dir.resolve("compiled");
        Path t = in.resolve("p1/touchpoints");
        String r3 = "2026-03-02T10:00:00Z," + V2 + ",,qr_scan,offline,poster\n";
        write(t.resolve("a.csv"), TOUCHES + R1 + R2 + R1);
        Files.setLastModifiedTime(t.resolve("a.csv"), FileTime.fromMillis(1_000_000));
        write(t.resolve("b.csv"), TOUCHES + R2 + r3 + "2026-03-02 10:00," + V2 + ",,qr_scan,offline,poster\n");
        Files.setLastModifiedTime(t.resolve("b.csv"), FileTime.fromMillis(2_000_000));
        write(in.resolve("p1/contacts/c.csv"), CONTACTS + GOOD + GOOD);
        org.apache.spark.sql.SparkSession spark = SparkTestSession.get();
        IngestJob.Result interpreted = IngestJob.run(spark, in, dir.resolve("compiled-staging-1"), IngestLimits.defaults());
        // and de-duplicated by the rows' hashes first (IngestJob.byHashes), as a dataset of 512 MB or more is
        java.util.Map<String, String> night = java.util.Map.of("spark.maraude.codegen.auto", "true",
                "spark.maraude.codegen.dataset.bytes", "1", "spark.sql.codegen.wholeStage", "false",
                "spark.sql.codegen.factoryMode", "NO_CODEGEN", IngestJob.BY_HASHES_BYTES_KEY, "1");
        night.forEach(spark.conf()::set);
        IngestJob.Result compiled;
        List<String> rows;
        List<String> files;
        List<String> rejected;
        try {
            compiled = IngestJob.run(spark, in, dir.resolve("compiled-staging-2"), IngestLimits.defaults());
            rows = touches(compiled);
            files = touchpointFiles(compiled);
            rejected = rowRejects(compiled, "p1/touchpoints/b.csv");
        } finally {
            night.keySet().forEach(spark.conf()::unset);
        }
        assertEquals(List.of("2026-03-01T10:00:00Z 1 null cr1 p1/touchpoints/a.csv:4",
                "2026-03-01T11:00:00Z 2 null null p1/touchpoints/b.csv:2",
                "2026-03-02T10:00:00Z 2 null poster p1/touchpoints/b.csv:3"), rows);
        assertEquals(touches(interpreted), rows);
        assertEquals(List.of("p1/touchpoints/a.csv 3 1", "p1/touchpoints/b.csv 3 2"), files); // read, kept
        assertEquals(touchpointFiles(interpreted), files);
        assertEquals(List.of("4:ts:bad_timestamp"), rejected);
        assertEquals(1, compiled.get(Contract.CONTACTS).count());
    }

    @Test
    void theTimeAndProjectAreProbedBeforeTheWholeKey() {
        assertEquals(List.of("project_id", "ts"), Deduplicated.probe(Contract.TOUCHPOINTS));
        assertEquals(List.of("project_id", "date"), Deduplicated.probe(Contract.AD_DELIVERY));
        assertEquals(List.of("project_id", "creative_id"), Deduplicated.probe(Contract.CREATIVES));
    }

    @Test
    void aSnapshotOfTheMostLayersTakesNoMore() {
        List<org.maraude.jobs.spark.Location> layers = java.util.stream.IntStream.range(0, Deduplicated.MAX_LAYERS)
                .mapToObj(i -> org.maraude.jobs.spark.Location.local(dir.resolve("l" + i))).toList();
        Deduplicated.Snapshot full = new Deduplicated.Snapshot(layers.get(layers.size() - 1), java.util.Set.of(), layers);
        // decided by the count alone: the rows are not even read
        assertFalse(Deduplicated.canAppend(full, Contract.TOUCHPOINTS, null, null));
    }
}
