package org.maraude.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.contract.Contract;

/**
 * A corpus of hostile and broken files, each with its expected outcome. The run never crashes,
 * records every refusal with a reason, and never loses another file's rows.
 */
class HostileInputTest {
    @TempDir
    static Path dir;
    static IngestJob.Result result;
    static final String K = "b".repeat(64);
    static final String HEADER = "ts,youth_key,event,channel,mediator_key,partner_type,partner_id,referral_code,declared_source\n";
    static final String ROW = "2026-03-01T10:00:00+01:00," + K + ",first_contact,whatsapp,,,,,\n";
    static final String CREATIVES = "creative_id,platform,format,theme,creator,label,launched_on\n";

    /** Expected file-level outcome per file (null: the file is read). */
    static final Map<String, String> FILES = new LinkedHashMap<>();
    /** Expected row-level reason per file:line. */
    static final Map<String, String> ROWS = new TreeMap<>();

    static void write(String rel, byte[] b) throws IOException {
        Path p = dir.resolve("inbox").resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, b);
    }

    static void write(String rel, String s) throws IOException {
        write(rel, s.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void corpus() throws IOException {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        write("pp/contacts/binary.csv", random);
        FILES.put("pp/contacts/binary.csv", "not_utf8");
        StringBuilder longLine = new StringBuilder(HEADER).append("2026-03-01T10:00:00Z,").append(K)
                .append(",first_contact,whatsapp,,,,");
        longLine.append("x".repeat(50 << 20)).append(",\n");
        write("pp/contacts/one-50mb-line.csv", longLine.toString());
        ROWS.put("pp/contacts/one-50mb-line.csv:2", "value_too_long");
        write("pp/contacts/latin1.csv", (HEADER + "2026-03-01T10:00:00Z," + K + ",first_contact,whatsapp,,,,é,\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        FILES.put("pp/contacts/latin1.csv", "not_utf8");
        // UTF-16 with a BOM ("Excel CSV"): decoded and read
        byte[] utf16 = ("\uFEFF" + HEADER + ROW.replace(K, "c".repeat(64))).getBytes(StandardCharsets.UTF_16LE);
        write("pp/contacts/utf16.csv", utf16);
        FILES.put("pp/contacts/utf16.csv", null);
        write("pp/contacts/missing-header-name.csv", HEADER.replace("mediator_key", "") + ROW.replace(K, "d".repeat(64)));
        FILES.put("pp/contacts/missing-header-name.csv", null);
        write("pp/contacts/duplicate-header.csv", HEADER.replace("mediator_key", "channel") + ROW);
        FILES.put("pp/contacts/duplicate-header.csv", "duplicate_column");
        StringBuilder wide = new StringBuilder("ts,youth_key,event");
        for (int i = 0; i < 10_000; i++) {
            wide.append(",c").append(i);
        }
        write("pp/contacts/ten-thousand-columns.csv", wide.append('\n').toString());
        FILES.put("pp/contacts/ten-thousand-columns.csv", "too_many_columns");
        write("pp/contacts/empty.csv", "");
        FILES.put("pp/contacts/empty.csv", "empty_file");
        write("pp/contacts/header-only.csv", HEADER);
        FILES.put("pp/contacts/header-only.csv", null);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write((HEADER + ROW).repeat(50).getBytes(StandardCharsets.UTF_8));
        }
        byte[] g = gz.toByteArray();
        write("pp/contacts/truncated.csv.gz", java.util.Arrays.copyOf(g, g.length - 20));
        FILES.put("pp/contacts/truncated.csv.gz", "corrupt_compression");
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            java.util.Arrays.fill(zeros, (byte) 'a');
            o.write(HEADER.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                o.write(zeros); // 200 MB of one line, about 200 KB compressed
            }
        }
        write("pp/contacts/bomb.csv.gz", bomb.toByteArray());
        FILES.put("pp/contacts/bomb.csv.gz", "gzip_bomb");
        // labels: formulas and <script> are data (kept; escaped or neutralised wherever shown);
        // control characters and 10,000-character ids are refused
        write("pp/creatives/labels.csv", CREATIVES
                + "cr-1,tiktok,video,jobs,own,\"=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\",\n"
                + "cr-2,tiktok,video,jobs,own,<script>alert('x')</script>,\n"
                + "cr-3,tiktok,video,jobs,own,bell\u0007here,\n"
                + "cr-" + "9".repeat(10_000) + ",tiktok,video,jobs,own,long id,\n"
                + "cr-5,tiktok,video,jobs,own,\"two\nlines\",\n");
        ROWS.put("pp/creatives/labels.csv:4", "bad_value");
        ROWS.put("pp/creatives/labels.csv:5", "value_too_long");
        write("pp/ad_delivery/dates.csv", "date,platform,campaign_id,creative_id,impressions,reach,clicks,video_views,spend_eur\n"
                + "1900-01-01,tiktok,c,cr-1,1,,0,,0\n2100-01-01,tiktok,c,cr-1,1,,0,,0\n2026-01-01,tiktok,c,cr-1,1,,0,,-3.50\n"
                + "2026-01-02,tiktok,c,cr-1,1,,0,,3.50\n");
        ROWS.put("pp/ad_delivery/dates.csv:2", "date_out_of_range");
        ROWS.put("pp/ad_delivery/dates.csv:3", "date_out_of_range");
        ROWS.put("pp/ad_delivery/dates.csv:4", "negative_value");
        write("dot..dot/contacts/x.csv", HEADER + ROW);
        FILES.put("dot..dot/contacts/x.csv", "bad_project_id");
        write("with space/contacts/x.csv", HEADER + ROW);
        FILES.put("with space/contacts/x.csv", "bad_project_id");
        write("pp/contacts dir/x.csv", HEADER + ROW);
        FILES.put("pp/contacts dir/x.csv", "unknown_dataset");
        Path outside = Files.createDirectories(dir.resolve("elsewhere")).resolve("secret.csv");
        Files.writeString(outside, HEADER + ROW);
        Files.createSymbolicLink(dir.resolve("inbox/pp/contacts/link.csv"), outside);
        FILES.put("pp/contacts/link.csv", "symlink_outside");
        write("pp/contacts/good.csv", HEADER + ROW);
        FILES.put("pp/contacts/good.csv", null);
        result = IngestJob.run(SparkTestSession.get(), dir.resolve("inbox"), dir.resolve("staging"), IngestLimits.defaults());
    }

    @Test
    void everyHostileFileHasItsExpectedOutcome() {
        Map<String, String> fileReasons = new TreeMap<>();
        result.rejects().filter("line IS NULL").collectAsList()
                .forEach(r -> fileReasons.put(r.getAs("file"), r.getAs("reason")));
        Map<String, String> expected = new TreeMap<>();
        FILES.forEach((f, reason) -> {
            if (reason != null) {
                expected.put(f, reason);
            }
        });
        assertEquals(expected, fileReasons);
        Map<String, String> rowReasons = new TreeMap<>();
        result.rejects().filter("line IS NOT NULL").collectAsList()
                .forEach(r -> rowReasons.put(r.getAs("file") + ":" + r.getAs("line"), r.getAs("reason")));
        assertEquals(ROWS, rowReasons);
    }

    @Test
    void noOtherFileLosesItsRows() {
        // good, utf16 (c…), missing header name (d…): three youth; the header-only file adds nothing
        assertEquals(List.of("b", "c", "d"), result.get(Contract.CONTACTS).select("youth_key").distinct()
                .collectAsList().stream().map(r -> r.getString(0).substring(0, 1)).sorted().toList());
        assertEquals(List.of("cr-1", "cr-2", "cr-5"), result.get(Contract.CREATIVES).select("creative_id")
                .collectAsList().stream().map(r -> r.getString(0)).sorted().toList());
        assertEquals(1, result.get(Contract.AD_DELIVERY).count());
        assertEquals(0, result.rejects().filter("message LIKE '%xxxxxxxx%' OR message LIKE '%script%' OR message LIKE '%9999%'")
                .count());
    }
}
