package org.maraude.jobs.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.maraude.jobs.contract.Column;
import org.maraude.jobs.contract.Contract;

/**
 * Parses one canonical cell into its Java value for the column's type, or throws
 * {@link Cells.Problem}. Problems never carry the cell's value.
 */
final class Cells {
    private Cells() {}

    static final class Problem extends Exception {
        final RejectReason reason;

        Problem(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /** Result of a lenient column: the value and, when it was changed, the warning. */
    record Parsed(Object value, IngestWarning warning) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT); // 2026-02-29 is refused, not read as 28
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "oui", "t", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "non", "f", "n");

    static Parsed parse(Column c, String raw, IngestLimits limits) throws Problem {
        String v = raw.trim();
        switch (c.type()) {
            case STRING:
                return new Parsed(v, null);
            case KEY:
                if (!isKey(v)) {
                    throw new Problem(RejectReason.BAD_KEY, c.name() + " must be 64 lowercase hex characters");
                }
                return new Parsed(v, null);
            case DATE: {
                LocalDate d = date(c.name(), v);
                inRange(c.name(), d, limits);
                return new Parsed(d, null);
            }
            case MONTH:
                try {
                    YearMonth m = YearMonth.parse(v);
                    inRange(c.name(), m.atDay(1), limits);
                    return new Parsed(m.toString(), null);
                } catch (DateTimeParseException e) {
                    throw new Problem(RejectReason.BAD_DATE, c.name() + " must be a month YYYY-MM");
                }
            case TIMESTAMP: {
                Instant t = plainInstant(v);
                if (t == null) {
                    try {
                        t = OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new Problem(RejectReason.BAD_TIMESTAMP,
                                c.name() + " must be ISO-8601 with an offset or Z, e.g. 2026-03-29T01:30:00+01:00");
                    }
                }
                Instant[] bounds = BOUNDS.computeIfAbsent(limits, l -> new Instant[] {
                    l.minDate().atStartOfDay(Contract.PARIS).toInstant(),
                    l.maxDate().plusDays(1).atStartOfDay(Contract.PARIS).toInstant()});
                if (t.isBefore(bounds[0]) || !t.isBefore(bounds[1])) { // its Paris date is outside the limits
                    inRange(c.name(), t.atZone(Contract.PARIS).toLocalDate(), limits);
                }
                return new Parsed(t, null);
            }
            case COUNT: {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new Problem(RejectReason.BAD_NUMBER, c.name() + " must be a whole number");
                }
                if (n < 0) {
                    throw new Problem(RejectReason.NEGATIVE_VALUE, c.name() + " must be zero or more");
                }
                return new Parsed(n, null);
            }
            case AMOUNT: {
                BigDecimal d;
                try {
                    d = new BigDecimal(v);
                } catch (NumberFormatException e) {
                    throw new Problem(RejectReason.BAD_NUMBER, c.name() + " must be a decimal number with '.'");
                }
                if (d.signum() < 0) {
                    throw new Problem(RejectReason.NEGATIVE_VALUE, c.name() + " must be zero or more");
                }
                d = d.setScale(4, RoundingMode.HALF_EVEN);
                if (d.precision() > 18) {
                    throw new Problem(RejectReason.BAD_NUMBER, c.name() + " is too large");
                }
                return new Parsed(d, null);
            }
            case BOOLEAN: {
                String b = v.toLowerCase(Locale.ROOT);
                if (TRUE.contains(b)) {
                    return new Parsed(Boolean.TRUE, null);
                }
                if (FALSE.contains(b)) {
                    return new Parsed(Boolean.FALSE, null);
                }
                throw new Problem(RejectReason.BAD_VALUE, c.name() + " must be true or false");
            }
            case ENUM: {
                String e = v.toLowerCase(Locale.ROOT);
                if (c.values().contains(e)) {
                    return new Parsed(e, null);
                }
                if (c.strict()) {
                    throw new Problem(RejectReason.BAD_ENUM, c.name() + " must be one of " + sorted(c.values()));
                }
                return new Parsed(Contract.OTHER, IngestWarning.UNKNOWN_ENUM_VALUE);
            }
            case DEPT: {
                String d = dept(v);
                return d == null ? new Parsed(null, IngestWarning.INVALID_DEPT) : new Parsed(d, null);
            }
            default:
                throw new IllegalStateException("unhandled type " + c.type());
        }
    }

    static boolean isKey(String v) {
        if (v.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char ch = v.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** First and last instant (exclusive) whose Paris date is within each limits' dates. */
    private static final java.util.concurrent.ConcurrentMap<IngestLimits, Instant[]> BOUNDS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The common shape {@code uuuu-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)} read without the general
     * formatter (a tenth of its cost); null for anything else, which the formatter then judges.
     */
    static Instant plainInstant(String v) {
        int n = v.length();
        if (n < 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
                || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 9) {
                return null;
            }
            nanos = digits(v, start, i);
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset;
        if (i == n - 1 && v.charAt(i) == 'Z') {
            offset = 0;
        } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && v.charAt(i + 3) == ':') {
            int oh = digits(v, i + 1, i + 3);
            int om = digits(v, i + 4, i + 6);
            if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 18 * 60) {
                return null;
            }
            offset = (oh * 3600 + om * 60) * (v.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos);
    }

    /** The decimal number written by the characters [from, to), or -1 when one is not a digit. */
    private static int digits(String v, int from, int to) {
        int r = 0;
        for (int i = from; i < to; i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            r = r * 10 + (ch - '0');
        }
        return r;
    }

    private static LocalDate date(String column, String v) throws Problem {
        if (v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
            int y = digits(v, 0, 4);
            int m = digits(v, 5, 7);
            int d = digits(v, 8, 10);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 28) {
                return LocalDate.of(y, m, d); // later days: the formatter checks the month's length
            }
        }
        try {
            return LocalDate.parse(v, DATE);
        } catch (DateTimeParseException e) {
            throw new Problem(RejectReason.BAD_DATE, column + " must be a date YYYY-MM-DD");
        }
    }

    private static void inRange(String column, LocalDate d, IngestLimits limits) throws Problem {
        if (d.isBefore(limits.minDate()) || d.isAfter(limits.maxDate())) {
            throw new Problem(RejectReason.DATE_OUT_OF_RANGE,
                    column + " must be between " + limits.minDate() + " and " + limits.maxDate());
        }
    }

    /** INSEE département code, normalised (1 → 01, 2a → 2A), or null when it is not one. */
    static String dept(String v) {
        String d = v.toUpperCase(Locale.ROOT);
        if (d.length() == 1 && Character.isDigit(d.charAt(0)) && d.charAt(0) != '0') {
            d = "0" + d;
        }
        if (d.equals("2A") || d.equals("2B")) {
            return d;
        }
        if (d.length() == 2 && Character.isDigit(d.charAt(0)) && Character.isDigit(d.charAt(1))) {
            int n = Integer.parseInt(d);
            return n >= 1 && n <= 95 && n != 20 ? d : null;
        }
        if (d.length() == 3 && d.startsWith("97") && d.charAt(2) >= '1' && d.charAt(2) <= '6') {
            return d;
        }
        return null;
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", new java.util.TreeSet<>(values));
    }
}
