package org.maraude.reports;

import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period of Paris calendar months: a month ({@code 2026-10}), a quarter
 * ({@code 2026-Q3}) or a year ({@code 2026}). Months are those of the warehouse's {@code month}
 * columns ({@code YYYY-MM}, Europe/Paris, contract §3).
 */
public record Period(Kind kind, YearMonth first, YearMonth last) {

    public enum Kind { MONTH, QUARTER, YEAR }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public Period {
        if (kind == null || first == null || last == null || last.isBefore(first)) {
            throw new IllegalArgumentException("invalid period");
        }
    }

    /** Parses {@code 2026-10}, {@code 2026-Q3} or {@code 2026}. */
    public static Period parse(String s) {
        String t = s == null ? "" : s.strip();
        try {
            Matcher m = MONTH.matcher(t);
            if (m.matches()) {
                return month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
            m = QUARTER.matcher(t);
            if (m.matches()) {
                return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = YEAR.matcher(t);
            if (m.matches()) {
                return year(Integer.parseInt(m.group(1)));
            }
        } catch (java.time.DateTimeException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("period must be a month (2026-10), a quarter (2026-Q3) or a year (2026), not '"
                + t + "'");
    }

    public static Period month(YearMonth m) {
        return new Period(Kind.MONTH, m, m);
    }

    public static Period quarter(int year, int q) {
        YearMonth first = YearMonth.of(year, 3 * (q - 1) + 1);
        return new Period(Kind.QUARTER, first, first.plusMonths(2));
    }

    public static Period year(int year) {
        return new Period(Kind.YEAR, YearMonth.of(year, 1), YearMonth.of(year, 12));
    }

    /** The period of the same kind just before this one. */
    public Period previous() {
        return shift(-1);
    }

    /** The same period one year before. For a year, that is {@link #previous()}. */
    public Period yearBefore() {
        return new Period(kind, first.minusYears(1), last.minusYears(1));
    }

    /** This period moved by {@code n} periods of its kind (negative: earlier). */
    public Period shift(int n) {
        int months = switch (kind) {
            case MONTH -> 1;
            case QUARTER -> 3;
            case YEAR -> 12;
        };
        return new Period(kind, first.plusMonths((long) n * months), last.plusMonths((long) n * months));
    }

    /** The canonical spelling, as parsed: {@code 2026-10}, {@code 2026-Q3}, {@code 2026}. */
    public String key() {
        return switch (kind) {
            case MONTH -> first.toString();
            case QUARTER -> first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
            case YEAR -> Integer.toString(first.getYear());
        };
    }

    /** First month as in the warehouse ({@code YYYY-MM}). */
    public String firstMonth() {
        return first.toString();
    }

    /** Last month as in the warehouse ({@code YYYY-MM}). */
    public String lastMonth() {
        return last.toString();
    }

    public List<String> months() {
        List<String> out = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(m.toString());
        }
        return out;
    }

    /** A reader's label: "octobre 2026", "3e trimestre 2026", "année 2026" (or English). */
    public String label(String lang) {
        boolean fr = !"en".equals(lang);
        Locale locale = fr ? Locale.FRANCE : Locale.UK;
        return switch (kind) {
            case MONTH -> first.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale) + " " + first.getYear();
            case QUARTER -> {
                int q = (first.getMonthValue() - 1) / 3 + 1;
                yield fr ? (q == 1 ? "1er" : q + "e") + " trimestre " + first.getYear() : "Q" + q + " " + first.getYear();
            }
            case YEAR -> fr ? "année " + first.getYear() : "year " + first.getYear();
        };
    }

    /** A short label for table rows and chart axes: "2026-10", "T3 2026" / "Q3 2026", "2026". */
    public String shortLabel(String lang) {
        return switch (kind) {
            case MONTH -> first.toString();
            case QUARTER -> ("en".equals(lang) ? "Q" : "T") + ((first.getMonthValue() - 1) / 3 + 1) + " " + first.getYear();
            case YEAR -> Integer.toString(first.getYear());
        };
    }

    @Override
    public String toString() {
        return key();
    }
}
