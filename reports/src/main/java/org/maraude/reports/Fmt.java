package org.maraude.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.maraude.dashboards.SmallCells;
import org.maraude.reports.Report.Cell;

/**
 * Figures as a reader sees them (French or English conventions) and as the CSV annex writes
 * them (plain numbers: no grouping, the annex's decimal mark). Ratios are rounded half up from
 * exact decimal arithmetic, so they equal the same division done in SQL.
 */
final class Fmt {
    /** What a masked ratio or statistic shows: the statistical-secret mark of French tables. */
    static final String SECRET = "s";
    /** Not applicable or no data (a division by zero, a period before the data). */
    static final String NONE = "—";

    final String lang;
    final int k;
    final boolean fr;
    private final Locale locale;
    private final char csvDecimal;

    Fmt(String lang, int k) {
        this.lang = lang;
        this.k = k;
        this.fr = !"en".equals(lang);
        this.locale = fr ? Locale.FRANCE : Locale.UK;
        this.csvDecimal = fr ? ',' : '.';
    }

    char csvDelimiter() {
        return fr ? ';' : ',';
    }

    String integer(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** A count, masked as {@code < k} when {@code hidden} (the caller decides, from {@link SmallCells}). */
    Cell count(long n, boolean hidden) {
        if (hidden) {
            String s = "< " + k;
            return new Cell(s, s, true, true);
        }
        return new Cell(integer(n), Long.toString(n), true, false);
    }

    /** A count that is never masked (rows of files, not people). */
    Cell plain(long n) {
        return count(n, false);
    }

    Cell none() {
        return new Cell(NONE, "", true, false);
    }

    Cell secret() {
        return new Cell(SECRET, SECRET, true, true);
    }

    String decimal(BigDecimal v, int scale) {
        DecimalFormat f = new DecimalFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale),
                DecimalFormatSymbols.getInstance(locale));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(v.setScale(scale, RoundingMode.HALF_UP));
    }

    private String csv(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_UP).toPlainString().replace('.', csvDecimal);
    }

    Cell eur(BigDecimal v) {
        if (v == null) {
            return none();
        }
        String n = decimal(v, 2);
        return new Cell(fr ? n + "\u00a0€" : "€" + n, csv(v, 2), true, false);
    }

    /** A percentage with one decimal, e.g. {@code 12,5 %}. */
    Cell percent(BigDecimal pct) {
        if (pct == null) {
            return none();
        }
        String n = decimal(pct, 1);
        return new Cell(fr ? n + "\u00a0%" : n + "%", csv(pct, 1), true, false);
    }

    /** A signed change in percent, e.g. {@code +12,5 %}. */
    Cell change(BigDecimal pct) {
        if (pct == null) {
            return none();
        }
        String n = decimal(pct.abs(), 1);
        String sign = pct.signum() > 0 ? "+" : pct.signum() < 0 ? "-" : "";
        return new Cell(sign + (fr ? n + "\u00a0%" : n + "%"), csv(pct, 1), true, false);
    }

    Cell minutes(BigDecimal v) {
        if (v == null) {
            return none();
        }
        return new Cell(decimal(v, 1), csv(v, 1), true, false);
    }

    /** {@code 100 × num / den} with one decimal, half up; null when {@code den} is 0. */
    static BigDecimal pct(long num, long den) {
        return den == 0 ? null : BigDecimal.valueOf(num).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(den), 1, RoundingMode.HALF_UP);
    }

    /** Relative change in percent from {@code before} to {@code now}; null when {@code before} is 0. */
    static BigDecimal changePct(long now, long before) {
        return before == 0 ? null : BigDecimal.valueOf(now - before).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP);
    }

    /** Spend per outcome, in euros with cents, half up; null when there is no outcome. */
    static BigDecimal per(BigDecimal spend, long n) {
        return n == 0 || spend == null ? null : spend.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
    }
}
