package org.maraude.sample;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/** Europe/Paris time arithmetic on epoch seconds and epoch days, with allocation-light formatting. */
final class Paris {
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final ZoneRules RULES = ZONE.getRules();

    private Paris() {}

    /** Epoch second of a Paris local time (gap times move forward, overlaps take the earlier offset). */
    static long instant(int epochDay, int secOfDay) {
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(epochDay * 86400L + secOfDay, 0, ZoneOffset.UTC);
        return ldt.atZone(ZONE).toEpochSecond();
    }

    static int offsetSeconds(long epochSec) {
        return RULES.getOffset(Instant.ofEpochSecond(epochSec)).getTotalSeconds();
    }

    static int localDay(long epochSec) {
        return (int) Math.floorDiv(epochSec + offsetSeconds(epochSec), 86400L);
    }

    static int localSecOfDay(long epochSec) {
        return (int) Math.floorMod(epochSec + offsetSeconds(epochSec), 86400L);
    }

    /** ISO weekday of an epoch day: 1 = Monday .. 7 = Sunday. */
    static int dow(int epochDay) {
        return (int) Math.floorMod(epochDay + 3L, 7L) + 1;
    }

    /** {@code 2025-03-30T03:15:00+02:00}. */
    static void appendTs(StringBuilder sb, long epochSec) {
        int off = offsetSeconds(epochSec);
        long local = epochSec + off;
        appendLocal(sb, local);
        int o = Math.abs(off) / 60;
        sb.append(off < 0 ? '-' : '+');
        two(sb, o / 60);
        sb.append(':');
        two(sb, o % 60);
    }

    /** {@code 2025-03-30T01:15:00Z}. */
    static void appendTsUtc(StringBuilder sb, long epochSec) {
        appendLocal(sb, epochSec);
        sb.append('Z');
    }

    static String ts(long epochSec) {
        StringBuilder sb = new StringBuilder(25);
        appendTs(sb, epochSec);
        return sb.toString();
    }

    private static void appendLocal(StringBuilder sb, long local) {
        int day = (int) Math.floorDiv(local, 86400L);
        int sod = (int) Math.floorMod(local, 86400L);
        appendDate(sb, day);
        sb.append('T');
        two(sb, sod / 3600);
        sb.append(':');
        two(sb, (sod / 60) % 60);
        sb.append(':');
        two(sb, sod % 60);
    }

    /** {@code YYYY-MM-DD} of an epoch day (civil-from-days, no allocation). */
    static void appendDate(StringBuilder sb, int epochDay) {
        long z = epochDay + 719468L;
        long era = Math.floorDiv(z, 146097L);
        long doe = z - era * 146097L;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) y++;
        sb.append(y).append('-');
        two(sb, (int) m);
        sb.append('-');
        two(sb, (int) d);
    }

    static String date(int epochDay) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, epochDay);
        return sb.toString();
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        sb.append(v);
    }
}
