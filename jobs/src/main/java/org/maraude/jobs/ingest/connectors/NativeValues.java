package org.maraude.jobs.ingest.connectors;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cell-level rules every native connector shares, in one place: header spellings, nulls,
 * masked values, French and English numbers, dates in the spellings platforms use, totals rows
 * and slugs. Pure functions, no state.
 */
public final class NativeValues {

    private NativeValues() {}

    // ---------------------------------------------------------------- headers

    /**
     * A header cell reduced for comparison: BOM dropped, accents removed, lower case, typographic
     * apostrophe as {@code '}, no-break spaces as spaces, runs of spaces collapsed, trimmed. So
     * {@code "Montant dépensé (EUR)"} and {@code "montant depense  (eur)"} compare equal.
     */
    public static String normaliseHeader(String header) {
        if (header == null) {
            return "";
        }
        String s = header.replace("\uFEFF", "");
        s = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (c == '\u2019' || c == '\u2018') {
                c = '\'';
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = sb.length() > 0;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /**
     * The currency code at the end of a normalised money header ({@code "amount spent (eur)"} →
     * {@code EUR}), or null.
     */
    static String currencySuffix(String normalisedHeader) {
        int n = normalisedHeader.length();
        if (n >= 6 && normalisedHeader.charAt(n - 1) == ')' && normalisedHeader.charAt(n - 5) == '(') {
            String code = normalisedHeader.substring(n - 4, n - 1);
            if (code.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
                return code.toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** A normalised money header without its currency suffix. */
    static String withoutCurrency(String normalisedHeader) {
        return currencySuffix(normalisedHeader) == null
                ? normalisedHeader
                : normalisedHeader.substring(0, normalisedHeader.length() - 5).trim();
    }

    // ---------------------------------------------------------------- nulls, masks

    /** Empty, blank, {@code --}, {@code  --}, {@code -} or an em/en dash: the platform's "no value". */
    public static boolean isNull(String raw) {
        if (raw == null) {
            return true;
        }
        String t = raw.strip();
        return t.isEmpty() || t.equals("--") || t.equals("-") || t.equals("\u2014") || t.equals("\u2013");
    }

    /** A small value hidden by the platform: {@code <5}, {@code < 10}. */
    public static boolean isMasked(String raw) {
        if (raw == null) {
            return false;
        }
        String t = raw.strip();
        if (t.length() < 2 || t.charAt(0) != '<') {
            return false;
        }
        String rest = t.substring(1).strip();
        return !rest.isEmpty() && rest.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    // ---------------------------------------------------------------- numbers

    /**
     * Parses a platform number. Spaces, no-break spaces (U+00A0, U+202F, U+2009) and a euro sign
     * are dropped. With {@code decimalComma} (French UI) the comma is the decimal mark and dots
     * group thousands; otherwise the dot is and commas group thousands ({@code "25,881"}). When
     * both marks appear, the last one is the decimal mark whatever the style. A percentage is not
     * a number here.
     *
     * @throws NumberFormatException with a message that never repeats the value
     */
    public static BigDecimal parseNumber(String raw, boolean decimalComma) {
        if (raw == null) {
            throw new NumberFormatException("empty");
        }
        StringBuilder sb = new StringBuilder(raw.length());
        boolean negative = false;
        int commas = 0;
        int dots = 0;
        int lastComma = -1;
        int lastDot = -1;
        String t = raw.strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c == ',') {
                commas++;
                lastComma = sb.length();
                sb.append(',');
            } else if (c == '.') {
                dots++;
                lastDot = sb.length();
                sb.append('.');
            } else if ((c == '-' || c == '\u2212') && sb.length() == 0 && !negative) {
                negative = true;
            } else if (c == '%') {
                throw new NumberFormatException("percentage where a number is expected");
            } else if (c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2009' || c == '\u20AC') {
                // grouping spaces, currency sign
            } else {
                throw new NumberFormatException("not a number");
            }
        }
        String s = sb.toString();
        char decimal;
        if (commas > 0 && dots > 0) {
            decimal = lastComma > lastDot ? ',' : '.';
        } else if (commas > 0) {
            // "12,5" and "0,125" are decimals even in an English file; "1,234" follows the file's style
            decimal = commas == 1 && (decimalComma || s.length() - lastComma - 1 != 3 || lastComma == 1 && s.charAt(0) == '0')
                    ? ',' : '.';
        } else if (dots > 0) {
            decimal = dots == 1 && (!decimalComma || s.length() - lastDot - 1 != 3 || lastDot == 1 && s.charAt(0) == '0')
                    ? '.' : ',';
        } else {
            decimal = '.';
        }
        char grouping = decimal == ',' ? '.' : ',';
        StringBuilder plain = new StringBuilder(s.length() + 1);
        if (negative) {
            plain.append('-');
        }
        int decimals = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == grouping) {
                continue;
            }
            if (c == decimal) {
                if (++decimals > 1) {
                    throw new NumberFormatException("more than one decimal mark");
                }
                plain.append('.');
            } else {
                plain.append(c);
            }
        }
        String p = plain.toString();
        if (p.isEmpty() || p.equals("-") || p.startsWith(".") || p.startsWith("-.") || p.endsWith(".")) {
            throw new NumberFormatException("not a number");
        }
        return new BigDecimal(p);
    }

    /**
     * Votes for the decimal mark from number cells: {@code 1 234,56} or {@code 12,5} say comma,
     * {@code 1,234.56} or {@code 0.5} say dot; {@code 1,234} and {@code 1.234} say nothing.
     *
     * @return positive for comma, negative for dot, 0 when the cells do not tell
     */
    static int decimalVote(String raw) {
        if (raw == null) {
            return 0;
        }
        String t = raw.strip();
        int commas = 0;
        int dots = 0;
        int lastComma = -1;
        int lastDot = -1;
        int digits = 0;
        int len = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == ',') {
                commas++;
                lastComma = len;
            } else if (c == '.') {
                dots++;
                lastDot = len;
            } else if (!(c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2009' || c == '-' || c == '\u20AC')) {
                return 0;
            } else {
                continue;
            }
            len++;
        }
        if (digits == 0) {
            return 0;
        }
        if (commas > 0 && dots > 0) {
            return lastComma > lastDot ? 1 : -1;
        }
        if (commas == 1) {
            return len - lastComma - 1 == 3 ? 0 : 1;
        }
        if (dots == 1) {
            return len - lastDot - 1 == 3 ? 0 : -1;
        }
        if (commas > 1) {
            return -1;
        }
        if (dots > 1) {
            return 1;
        }
        return 0;
    }

    // ---------------------------------------------------------------- dates

    /**
     * A date as written by a platform, possibly without its year.
     *
     * @param year the year, or null when the cell had none ({@code "April 12"})
     */
    public record PartialDate(Integer year, int month, int day) {
        public LocalDate withYear(int y) {
            return LocalDate.of(y, month, day);
        }

        public LocalDate toLocalDate() {
            if (year == null) {
                throw new DateTimeException("date has no year");
            }
            return LocalDate.of(year, month, day);
        }
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("jan", 1), Map.entry("janvier", 1), Map.entry("janv", 1),
            Map.entry("february", 2), Map.entry("feb", 2), Map.entry("fevrier", 2), Map.entry("fevr", 2),
            Map.entry("fev", 2),
            Map.entry("march", 3), Map.entry("mar", 3), Map.entry("mars", 3),
            Map.entry("april", 4), Map.entry("apr", 4), Map.entry("avril", 4), Map.entry("avr", 4),
            Map.entry("may", 5), Map.entry("mai", 5),
            Map.entry("june", 6), Map.entry("jun", 6), Map.entry("juin", 6),
            Map.entry("july", 7), Map.entry("jul", 7), Map.entry("juillet", 7), Map.entry("juil", 7),
            Map.entry("august", 8), Map.entry("aug", 8), Map.entry("aout", 8),
            Map.entry("september", 9), Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("septembre", 9),
            Map.entry("october", 10), Map.entry("oct", 10), Map.entry("octobre", 10),
            Map.entry("november", 11), Map.entry("nov", 11), Map.entry("novembre", 11),
            Map.entry("december", 12), Map.entry("dec", 12), Map.entry("decembre", 12));

    /**
     * Parses {@code YYYY-MM-DD}, {@code YYYY/MM/DD}, {@code DD/MM/YYYY} (also with {@code -} or
     * {@code .}; never month first), any of them followed by a time, and month names in English
     * or French: {@code Jan 8, 2025}, {@code January 8 2025}, {@code 8 janv. 2025}, {@code 1er
     * avril 2025}, and without a year {@code April 12}, {@code 12 avril}.
     *
     * @throws DateTimeException when the cell is not such a date; the message never repeats it
     */
    public static PartialDate parseDate(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new DateTimeException("empty date");
        }
        String t = raw.strip();
        int n = t.length();
        if (n >= 10 && isDigits(t, 0, 4) && (t.charAt(4) == '-' || t.charAt(4) == '/') && isDigits(t, 5, 7)
                && t.charAt(7) == t.charAt(4) && isDigits(t, 8, 10) && (n == 10 || !Character.isDigit(t.charAt(10)))) {
            return checked(num(t, 0, 4), num(t, 5, 7), num(t, 8, 10));
        }
        if (n > 0 && Character.isDigit(t.charAt(0))) {
            int a = 0;
            while (a < n && Character.isDigit(t.charAt(a))) {
                a++;
            }
            if (a <= 2 && a < n && (t.charAt(a) == '/' || t.charAt(a) == '.' || t.charAt(a) == '-')) {
                char sep = t.charAt(a);
                int b = a + 1;
                while (b < n && Character.isDigit(t.charAt(b))) {
                    b++;
                }
                if (b - a - 1 >= 1 && b - a - 1 <= 2 && b < n && t.charAt(b) == sep) {
                    int c = b + 1;
                    while (c < n && Character.isDigit(t.charAt(c))) {
                        c++;
                    }
                    if (c - b - 1 == 4 && (c == n || !Character.isDigit(t.charAt(c)))) {
                        return checked(num(t, c - 4, c), num(t, a + 1, b), num(t, 0, a));
                    }
                }
                throw new DateTimeException("not a date DD/MM/YYYY");
            }
        }
        return parseWordDate(t);
    }

    private static PartialDate parseWordDate(String t) {
        String s = Normalizer.normalize(t, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            sb.append(c == ',' || c == '.' || Character.isSpaceChar(c) ? ' ' : c);
        }
        String[] tok = sb.toString().trim().split(" +");
        if (tok.length < 2 || tok.length > 3) {
            throw new DateTimeException("not a date");
        }
        Integer month;
        String dayTok;
        if ((month = MONTHS.get(tok[0])) != null) {
            dayTok = tok[1];
        } else if ((month = MONTHS.get(tok[1])) != null) {
            dayTok = tok[0].endsWith("er") ? tok[0].substring(0, tok[0].length() - 2) : tok[0];
        } else {
            throw new DateTimeException("not a date: no month name");
        }
        if (dayTok.isEmpty() || dayTok.length() > 2 || !isDigits(dayTok, 0, dayTok.length())) {
            throw new DateTimeException("not a date: bad day");
        }
        int day = Integer.parseInt(dayTok);
        if (tok.length == 3) {
            if (tok[2].length() != 4 || !isDigits(tok[2], 0, 4)) {
                throw new DateTimeException("not a date: bad year");
            }
            return checked(Integer.parseInt(tok[2]), month, day);
        }
        MonthDay.of(month, day); // Feb 29 is fine until the year is known
        return new PartialDate(null, month, day);
    }

    private static PartialDate checked(int year, int month, int day) {
        LocalDate.of(year, month, day);
        return new PartialDate(year, month, day);
    }

    /** True when the cell is a date-time at midnight ({@code 2025-01-09 00:00:00}, {@code …T00:00:00.000-08:00}). */
    static boolean isMidnight(String raw) {
        if (raw == null) {
            return false;
        }
        String t = raw.strip();
        int sep = -1;
        for (int i = 8; i < t.length(); i++) {
            if (t.charAt(i) == 'T' || t.charAt(i) == ' ') {
                sep = i;
                break;
            }
        }
        if (sep < 0) {
            return false;
        }
        String time = t.substring(sep + 1).strip();
        return time.startsWith("00:00") && (time.length() == 5 || !Character.isDigit(time.charAt(5)))
                && (time.length() < 8 || time.startsWith("00:00:00"));
    }

    private static boolean isDigits(String s, int from, int to) {
        if (to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }

    // ---------------------------------------------------------------- rows

    /**
     * A totals row a platform adds to its data: the first non-blank cell is {@code Total},
     * {@code Totals}, {@code Totaux}, {@code Total général}, {@code Grand total}, or starts with
     * {@code Total:} / {@code Total (} ({@code Total: Campaigns}, {@code Total: Account}, {@code
     * Total (3 results)}). A campaign called "Total Respect" is data.
     */
    public static boolean isTotalsRow(List<String> cells) {
        for (String cell : cells) {
            if (cell == null || cell.isBlank()) {
                continue;
            }
            String h = normaliseHeader(cell);
            return h.equals("total") || h.equals("totals") || h.equals("totaux") || h.equals("total general")
                    || h.equals("grand total") || h.startsWith("total:") || h.startsWith("total :")
                    || h.startsWith("totals:") || h.startsWith("total (");
        }
        return false;
    }

    // ---------------------------------------------------------------- ids

    /**
     * A stable id from a human name: accents removed, lower case, every run of other characters
     * made one {@code -}, at most 80 characters ({@code "Vidéo #1 – Été"} → {@code video-1-ete}).
     * A name with no letter or digit gets {@code id-} and 12 hex characters of its SHA-256.
     */
    public static String slug(String name) {
        String d = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
        StringBuilder sb = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < d.length() && sb.length() < 80; i++) {
            char c = d.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && sb.length() > 0) {
                    sb.append('-');
                }
                dash = false;
                sb.append(c);
            } else {
                dash = true;
            }
        }
        if (sb.length() == 0) {
            return "id-" + sha256Hex(name).substring(0, 12);
        }
        return sb.toString();
    }

    private static String sha256Hex(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : h) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An id that Excel turned into scientific notation ({@code 2.38512E+16}): its digits are lost. */
    static boolean isScientificId(String raw) {
        String t = raw.strip().toUpperCase(Locale.ROOT);
        int e = t.indexOf("E+");
        if (e <= 0) {
            return false;
        }
        for (int i = 0; i < e; i++) {
            char c = t.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == ',')) {
                return false;
            }
        }
        return isDigits(t, e + 2, t.length()) && e + 2 < t.length();
    }
}
