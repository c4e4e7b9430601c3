package org.maraude.jobs.ingest;

import java.util.Optional;

/**
 * Finds personal data in one cell: an e-mail address, a phone number (French national or
 * international) or a French social security number (NIR). Contract §2: such a cell rejects its
 * row, and nothing downstream may repeat the value, so this class only ever returns the
 * {@link Kind}.
 *
 * <p>It runs on every cell of every row (about ten million rows a run), so it uses no regular
 * expressions: one counting pass decides whether a cell can hold anything at all (an {@code @},
 * at least 8 digits), then hand-written linear scanners look for each kind. Nothing backtracks.
 *
 * <h2>What counts</h2>
 *
 * <ul>
 *   <li><b>E-mail</b>: {@code local@domain.tld} anywhere in the cell, also inside free text; the
 *       domain needs a dot and an alphabetic top-level label of two letters or more.
 *   <li><b>Phone</b>: digits are read as <i>groups</i> split by at most three separators among
 *       space, no-break spaces, {@code . - ( )}. A phone is
 *       <ul>
 *         <li>a French national number {@code 0[1-9]} + 8 digits, written in one group
 *             ({@code 0612345678}) or in five pairs ({@code 06 12 34 56 78}, {@code
 *             06.12.34.56.78}, {@code 06-12-34-56-78});
 *         <li>a French mobile without its leading zero in the pair layout ({@code 6 12 34 56
 *             78});
 *         <li>an international number: {@code +} then 8 to 15 digits in any grouping ({@code +33 6
 *             12 34 56 78}, {@code +33612345678}, {@code +44 20 7946 0958}, {@code +1 415 555
 *             0100}, {@code +33 (0)6 …}), or {@code 00} + country code in its own group ({@code
 *             0033 6 12 34 56 78}) or in one group of 11 to 17 digits ({@code 0033612345678}).
 *       </ul>
 *   <li><b>NIR</b>: 13 digits and a 2-digit key, in one group or split by spaces/dots/hyphens
 *       ({@code 1 85 05 78 006 084 36}), département {@code 2A}/{@code 2B} for Corsica, sex digit
 *       1, 2, 3, 4, 7 or 8, a possible month code, and a key equal to {@code 97 − (number mod
 *       97)} (with 2A read as 19 and 2B as 18). A 15-digit number whose key is wrong is not a
 *       NIR.
 * </ul>
 *
 * <h2>What does not count (deliberately)</h2>
 *
 * A group glued to a letter or an underscore, directly or by a hyphen ({@code
 * qr-0612345678}, {@code 0612345678-v2}), is never part of a phone or a NIR: 64-hex
 * pseudonyms, UUIDs and ids such as {@code cmp-2024-09-tiktok-01} contain digit runs that are
 * not numbers. Plain integers are not phones unless phone-shaped: {@code 12345678} or {@code
 * 1234567890} impressions pass, a bare {@code 0612345678} does not. Dates, ISO timestamps
 * ({@code +01:00} has two digits), decimals ({@code 1234.56}), French thousands ({@code 1 234
 * 567}: groups of three), département codes and UTM values pass. Known misses, accepted to keep
 * false rejects rare: a phone glued to letters ({@code tel0612345678}, {@code tel-0612345678}), a 9-digit number that
 * lost its leading zero in Excel ({@code 612345678}), a NIR without its key.
 *
 * <p>Thread-safe and allocation-free for cells that cannot contain anything.
 */
public final class PersonalData {

    /** The kind of personal data found; the value itself is never kept. */
    public enum Kind {
        EMAIL,
        PHONE,
        NIR
    }

    private static final Optional<Kind> EMAIL = Optional.of(Kind.EMAIL);
    private static final Optional<Kind> PHONE = Optional.of(Kind.PHONE);
    private static final Optional<Kind> NIR = Optional.of(Kind.NIR);

    /** Upper bound on digit groups examined in one run; longer runs are numbers, not phones. */
    private static final int MAX_GROUPS = 24;

    private PersonalData() {}

    /**
     * The kind of personal data the cell contains, if any. Null and short cells are empty. When a
     * cell holds several kinds, e-mail wins over NIR, NIR over phone.
     */
    public static Optional<Kind> find(String cell) {
        if (cell == null) {
            return Optional.empty();
        }
        int n = cell.length();
        if (n < 6) {
            return Optional.empty();
        }
        boolean at = false;
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '@') {
                at = true;
            }
        }
        if (at && containsEmail(cell)) {
            return EMAIL;
        }
        if (digits >= 13 && containsNir(cell)) {
            return NIR;
        }
        if (digits >= 8 && containsPhone(cell)) {
            return PHONE;
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- e-mail

    static boolean containsEmail(String s) {
        int n = s.length();
        for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
            if (at == 0 || at == n - 1) {
                continue;
            }
            // local part: at least one allowed character right before '@' (RFC 5322 atext and dots)
            int j = at - 1;
            int floor = Math.max(0, at - 64);
            while (j >= floor && isLocalChar(s.charAt(j))) {
                j--;
            }
            if (j == at - 1) {
                continue;
            }
            if (domainAfter(s, at + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLocalChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean isDomainChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        }
        return Character.isLetterOrDigit(c);
    }

    /** Labels separated by single dots, at least two, the last all letters and two or more long. */
    private static boolean domainAfter(String s, int from) {
        int n = Math.min(s.length(), from + 255);
        int labels = 0;
        int i = from;
        int lastStart = -1;
        int lastEnd = -1;
        while (i < n) {
            int start = i;
            while (i < n && isDomainChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            labels++;
            lastStart = start;
            lastEnd = i;
            if (i + 1 < n && s.charAt(i) == '.' && isDomainChar(s.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (labels < 2 || lastEnd - lastStart < 2) {
            return false;
        }
        for (int k = lastStart; k < lastEnd; k++) {
            if (!Character.isLetter(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- shared scanning

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Characters that glue a digit run into a bigger token (an id, a hex string, a word). */
    private static boolean isWordChar(char c) {
        return isDigit(c) || c == '_' || Character.isLetter(c);
    }

    /**
     * Whether a number may start at {@code i}: not glued to a word before it, directly ({@code
     * ab0612345678}) or through a hyphen after a letter, as in ids ({@code qr-0612345678}).
     */
    private static boolean canStart(String s, int i) {
        if (i == 0) {
            return true;
        }
        char prev = s.charAt(i - 1);
        if (isWordChar(prev)) {
            return false;
        }
        return !(prev == '-' && i >= 2 && Character.isLetter(s.charAt(i - 2)));
    }

    /** Whether the group ending at {@code p} is glued to a word after it ({@code 0612345678ab}, {@code …78-v2}). */
    private static boolean gluedAfter(String s, int p) {
        int n = s.length();
        if (p >= n) {
            return false;
        }
        char c = s.charAt(p);
        return isWordChar(c) || (c == '-' && p + 1 < n && Character.isLetter(s.charAt(p + 1)));
    }

    private static boolean isPhoneSeparator(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F' || c == '.' || c == '-' || c == '(' || c == ')';
    }

    private static boolean isNirSeparator(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F' || c == '.' || c == '-';
    }

    // ---------------------------------------------------------------- phone

    static boolean containsPhone(String s) {
        int n = s.length();
        int[] starts = null;
        int[] lens = null;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean plus = false;
            int runStart;
            if (c == '+' && i + 1 < n && isDigit(s.charAt(i + 1)) && canStart(s, i)) {
                plus = true;
                runStart = i + 1;
            } else if (isDigit(c) && canStart(s, i)) {
                runStart = i;
            } else {
                i++;
                continue;
            }
            if (starts == null) {
                starts = new int[MAX_GROUPS];
                lens = new int[MAX_GROUPS];
            }
            // read the run: digit groups joined by 1..3 separators; a group glued to a word char ends it
            int groups = 0;
            int p = runStart;
            while (true) {
                int gs = p;
                while (p < n && isDigit(s.charAt(p))) {
                    p++;
                }
                if (gluedAfter(s, p)) {
                    // glued to a letter: not a number token; skip the rest of the word
                    while (p < n && (isWordChar(s.charAt(p)) || s.charAt(p) == '-')) {
                        p++;
                    }
                    break;
                }
                if (groups < MAX_GROUPS) {
                    starts[groups] = gs;
                    lens[groups] = p - gs;
                }
                groups++;
                int q = p;
                int seps = 0;
                while (q < n && seps < 4 && isPhoneSeparator(s.charAt(q))) {
                    q++;
                    seps++;
                }
                if (seps >= 1 && seps <= 3 && q < n && isDigit(s.charAt(q))) {
                    p = q;
                } else {
                    break;
                }
            }
            if (phoneInRun(s, plus, starts, lens, Math.min(groups, MAX_GROUPS))) {
                return true;
            }
            i = Math.max(p, i + 1);
        }
        return false;
    }

    private static boolean phoneInRun(String s, boolean plus, int[] starts, int[] lens, int groups) {
        if (groups == 0) {
            return false;
        }
        if (plus && s.charAt(starts[0]) != '0') {
            // +CC...: 8 to 15 digits (E.164), whatever the grouping
            int cum = 0;
            for (int k = 0; k < groups; k++) {
                cum += lens[k];
                if (cum >= 8 && cum <= 15) {
                    return true;
                }
                if (cum > 15) {
                    break;
                }
            }
        }
        for (int k = 0; k < groups; k++) {
            int st = starts[k];
            int len = lens[k];
            if (k > 0 && s.charAt(st - 1) == '.' && isDigit(s.charAt(st - 2))) {
                // digits right after "<digit>." are a decimal fraction (0.0612345678), not a number start
                continue;
            }
            char d0 = s.charAt(st);
            char d1 = len > 1 ? s.charAt(st + 1) : 'x';
            // French national number in one group
            if (len == 10 && d0 == '0' && d1 >= '1' && d1 <= '9') {
                return true;
            }
            // French national number in five pairs, or a mobile that lost its 0: 6 12 34 56 78
            if (k + 4 < groups && lens[k + 1] == 2 && lens[k + 2] == 2 && lens[k + 3] == 2 && lens[k + 4] == 2) {
                if (len == 2 && d0 == '0' && d1 >= '1' && d1 <= '9') {
                    return true;
                }
                if (len == 1 && (d0 == '6' || d0 == '7')) {
                    return true;
                }
            }
            // 00 + country code
            if (len >= 3 && d0 == '0' && d1 == '0' && s.charAt(st + 2) != '0') {
                if (len >= 11 && len <= 17) {
                    return true;
                }
                if (len <= 5) {
                    int cum = len - 2;
                    for (int m = k + 1; m < groups; m++) {
                        cum += lens[m];
                        if (cum >= 8 && cum <= 15) {
                            return true;
                        }
                        if (cum > 15) {
                            break;
                        }
                    }
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- NIR

    static boolean containsNir(String s) {
        int n = s.length();
        int[] starts = null;
        int[] lens = null;
        char[] buf = null;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!isDigit(c) || !canStart(s, i)) {
                i++;
                continue;
            }
            if (starts == null) {
                starts = new int[MAX_GROUPS];
                lens = new int[MAX_GROUPS];
                buf = new char[15];
            }
            int groups = 0;
            int p = i;
            while (true) {
                int gs = p;
                p = nirGroupEnd(s, p);
                if (gluedAfter(s, p)) {
                    while (p < n && (isWordChar(s.charAt(p)) || s.charAt(p) == '-')) {
                        p++;
                    }
                    break;
                }
                if (groups < MAX_GROUPS) {
                    starts[groups] = gs;
                    lens[groups] = p - gs;
                }
                groups++;
                int q = p;
                int seps = 0;
                while (q < n && seps < 4 && isNirSeparator(s.charAt(q))) {
                    q++;
                    seps++;
                }
                if (seps >= 1 && seps <= 3 && q < n && isDigit(s.charAt(q))) {
                    p = q;
                } else {
                    break;
                }
            }
            int g = Math.min(groups, MAX_GROUPS);
            for (int k = 0; k < g; k++) {
                int total = 0;
                int m = k;
                while (m < g && total < 15) {
                    total += lens[m];
                    m++;
                }
                if (total == 15) {
                    int b = 0;
                    for (int x = k; x < m; x++) {
                        s.getChars(starts[x], starts[x] + lens[x], buf, b);
                        b += lens[x];
                    }
                    if (validNir(buf)) {
                        return true;
                    }
                }
            }
            i = Math.max(p, i + 1);
        }
        return false;
    }

    /** End of a digit group; a Corsican {@code 2A}/{@code 2B} inside the group belongs to it. */
    private static int nirGroupEnd(String s, int p) {
        int n = s.length();
        while (p < n) {
            char c = s.charAt(p);
            if (isDigit(c)) {
                p++;
            } else if ((c == 'A' || c == 'B' || c == 'a' || c == 'b')
                    && p > 0
                    && s.charAt(p - 1) == '2'
                    && (p + 1 >= n || !isWordChar(s.charAt(p + 1)) || isDigit(s.charAt(p + 1)))) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    /** Checks the layout and the key of a 15-character candidate. */
    static boolean validNir(char[] c) {
        char sex = c[0];
        if (sex != '1' && sex != '2' && sex != '3' && sex != '4' && sex != '7' && sex != '8') {
            return false;
        }
        for (int k = 0; k < 15; k++) {
            if (k == 6) {
                continue;
            }
            if (!isDigit(c[k])) {
                return false;
            }
        }
        int month = (c[3] - '0') * 10 + (c[4] - '0');
        if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99))) {
            return false;
        }
        char d7 = Character.toUpperCase(c[6]);
        if ((d7 == 'A' || d7 == 'B') && c[5] != '2') {
            return false;
        }
        long number = 0;
        for (int k = 0; k < 13; k++) {
            int digit;
            if (k == 5 && (d7 == 'A' || d7 == 'B')) {
                // Corsica: 2A is read as 19, 2B as 18
                digit = 1;
            } else if (k == 6 && (d7 == 'A' || d7 == 'B')) {
                digit = d7 == 'A' ? 9 : 8;
            } else if (k == 6) {
                if (!isDigit(c[6])) {
                    return false;
                }
                digit = c[6] - '0';
            } else {
                digit = c[k] - '0';
            }
            number = number * 10 + digit;
        }
        int key = (c[13] - '0') * 10 + (c[14] - '0');
        return key == 97 - (int) (number % 97);
    }
}
