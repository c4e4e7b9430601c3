package org.maraude.dashboards;

import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Numbers, money, shares and dates the way readers of the page's language write them: French by
 * default ({@code 1 234,5} with the narrow no-break space of {@link Locale#FRANCE}, {@code 12,3 %},
 * {@code 1 234 €}), British English with {@code --lang en}. Time is Europe/Paris (contract §3).
 */
public final class Format {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final boolean fr;
    private final Locale locale;

    private Format(boolean fr) {
        this.fr = fr;
        this.locale = fr ? Locale.FRANCE : Locale.UK;
    }

    public static Format of(boolean french) {
        return new Format(french);
    }

    public Locale locale() {
        return locale;
    }

    public String count(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** A decimal number with at most {@code digits} decimals. */
    public String number(double v, int digits) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(digits);
        f.setMinimumFractionDigits(0);
        return f.format(v);
    }

    /** A share (0..1) as a percentage: one decimal, two under 1 % so small rates do not read as 0. */
    public String percent(double share) {
        double pc = share * 100;
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        int d = pc != 0 && Math.abs(pc) < 1 ? 2 : 1;
        f.setMinimumFractionDigits(d);
        f.setMaximumFractionDigits(d);
        String n = f.format(pc);
        return fr ? n + "\u00a0%" : n + "%";
    }

    /** Euros: whole euros from 100 on, cents below. */
    public String euros(double v) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        int d = Math.abs(v) >= 100 ? 0 : 2;
        f.setMinimumFractionDigits(d);
        f.setMaximumFractionDigits(d);
        return fr ? f.format(v) + "\u00a0€" : "€" + f.format(v);
    }

    public String minutes(double m) {
        return number(m, 1) + (fr ? "\u00a0min" : " min");
    }

    public String date(LocalDate d) {
        return d == null ? "—" : DateTimeFormatter.ofPattern(fr ? "d MMMM yyyy" : "d MMMM yyyy", locale).format(d);
    }

    public String dateTime(Instant t) {
        return t == null ? "—" : DateTimeFormatter.ofPattern(fr ? "d MMMM yyyy 'à' HH'h'mm" : "d MMMM yyyy, HH:mm", locale)
                .format(t.atZone(PARIS));
    }

    /** A {@code YYYY-MM} month as "mars 2026" / "Mar 2026"; anything else is returned as is. */
    public String month(String yyyyMm) {
        if (yyyyMm == null) {
            return "—";
        }
        try {
            return DateTimeFormatter.ofPattern(fr ? "MMM yyyy" : "MMM yyyy", locale).format(YearMonth.parse(yyyyMm));
        } catch (DateTimeParseException e) {
            return yyyyMm;
        }
    }

    /** The integer format JFreeChart axes should use. */
    public NumberFormat axisFormat() {
        return NumberFormat.getNumberInstance(locale);
    }

    /** The percentage format of chart axes whose values are shares (0..1). */
    public NumberFormat axisPercent() {
        NumberFormat f = NumberFormat.getPercentInstance(locale);
        f.setMaximumFractionDigits(0);
        return f;
    }

    char decimalSeparator() {
        return DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
    }
}
