package org.maraude.jobs.plan;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The seasonal terms of the response curves: periods of the French school year, approximated the
 * same way every year and for all three holiday zones (their union). A week's seasonal index is the
 * mean over its seven days of the index of each day's period; ordinary school days have index 1.
 * Terms: {@code rentree} (1 Sep – 15 Oct, the back-to-school peak), {@code toussaint} (19 Oct – 3 Nov),
 * {@code noel} (20 Dec – 4 Jan), {@code hiver} (8 Feb – 10 Mar), {@code printemps} (5 Apr – 5 May),
 * {@code juin} (exams), {@code juillet}, {@code aout}.
 */
public final class SchoolSeasons {
    private SchoolSeasons() {}

    public static final List<String> TERMS = List.of("rentree", "toussaint", "noel", "hiver", "printemps", "juin",
            "juillet", "aout");

    /** Index into {@link #TERMS} of the period holding this day, or -1 for an ordinary school day. */
    static int term(LocalDate d) {
        int md = d.getMonthValue() * 100 + d.getDayOfMonth();
        if (md >= 901 && md <= 1015) return 0;
        if (md >= 1019 && md <= 1103) return 1;
        if (md >= 1220 || md <= 104) return 2;
        if (md >= 208 && md <= 310) return 3;
        if (md >= 405 && md <= 505) return 4;
        if (md >= 601 && md <= 630) return 5;
        if (md >= 701 && md <= 731) return 6;
        if (md >= 801 && md <= 831) return 7;
        return -1;
    }

    /** Share of the seven days of the week starting {@code monday} in each term. */
    public static double[] shares(LocalDate monday) {
        double[] s = new double[TERMS.size()];
        for (int i = 0; i < 7; i++) {
            int t = term(monday.plusDays(i));
            if (t >= 0) {
                s[t] += 1.0 / 7;
            }
        }
        return s;
    }

    /** The week's index under the given multiplicative term indices. */
    public static double index(double[] shares, double[] terms) {
        double v = 1;
        for (int j = 0; j < shares.length; j++) {
            v += shares[j] * (terms[j] - 1);
        }
        return v;
    }

    public static double index(LocalDate monday, double[] terms) {
        return index(shares(monday), terms);
    }

    /** The Monday of the (Paris calendar) week holding this day. */
    public static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Terms all at 1: no seasonality. */
    public static double[] flat() {
        double[] t = new double[TERMS.size()];
        java.util.Arrays.fill(t, 1.0);
        return t;
    }
}
