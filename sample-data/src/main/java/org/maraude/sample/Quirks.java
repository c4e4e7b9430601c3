package org.maraude.sample;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plants ingest quirks and records each one in {@code truth/quirks.csv} (file, line, kind, column, detail).
 * Row-level kinds are drawn at {@code quirkRate} per eligible row; besides, one fixed early
 * opportunity of each (context, kind) always gets one, so every kind is present whenever quirks are on.
 */
final class Quirks {
    static final String DUPLICATE = "duplicate_row";
    static final String PII_EMAIL = "pii_email";
    static final String PII_PHONE = "pii_phone";
    static final String UNKNOWN_ENUM = "unknown_enum";
    static final String UNKNOWN_ENUM_STRICT = "unknown_enum_strict";
    static final String WRONG_COLUMNS = "wrong_column_count";
    static final String BROKEN_QUOTE = "broken_quote";
    static final String OVERLAPPING_REEXPORT = "overlapping_reexport";
    static final String OVERLAPPING_ROW = "overlapping_row";
    static final String LATE_FILE = "late_file";
    static final String NATIVE_META = "native_meta_fr";
    static final String NATIVE_TIKTOK = "native_tiktok";
    static final String NATIVE_TOTAL = "native_total_row";
    static final String NATIVE_MASKED = "native_masked_value";
    static final String NATIVE_NULL = "native_null_value";
    static final String EXTRA_COLUMN = "extra_column";
    static final String BOM = "bom";

    private static final String[] EMAILS = {"prenom.nom@example.org", "jeune.contact@example.org", "test.mediation@example.com"};
    private static final String[] PHONES = {"06 12 34 56 78", "+33 6 12 34 56 78", "0612345678", "07.98.76.54.32"};

    final boolean on;
    final double rate;
    private final SplittableRandom r;
    private final CsvSink log;
    private final Set<String> forced = new HashSet<>();
    private final Map<String, Long> seen = new HashMap<>();
    long count;
    private int piiIdx;

    Quirks(boolean on, double rate, long seed, CsvSink log) {
        this.on = on;
        this.rate = rate;
        this.r = Rnd.rng(seed, 99);
        this.log = log;
    }

    /** One of {@code kinds} for this row, or null. */
    String pick(String context, String[] kinds) {
        if (!on) return null;
        long n = seen.merge(context, 1L, Long::sum);
        for (String k : kinds) {
            // the first instance of each kind comes at a fixed, spread-out opportunity (5..59) of its context
            if (n == 5 + Math.floorMod(Rnd.id(context + "/" + k), 55) && forced.add(context + "/" + k)) return k;
        }
        if (rate <= 0) return null;
        int i = (int) (r.nextDouble() / rate);
        return i < kinds.length ? kinds[i] : null;
    }

    /** True once per context (for structural quirks planted a single time). */
    boolean once(String context) {
        return on && forced.add(context);
    }

    String email() { return EMAILS[(piiIdx++) % EMAILS.length]; }

    String phone() { return PHONES[(piiIdx++) % PHONES.length]; }

    void log(CsvSink file, long line, String kind, String column, String detail) {
        log(file.rel, line, kind, column, detail);
    }

    void log(String rel, long line, String kind, String column, String detail) {
        log.row(rel, Long.toString(line), kind, column, detail);
        count++;
    }
}
