package org.maraude.sample;

import java.time.LocalDate;

/**
 * Demand index by day following the French school calendar (approximate, zone-independent):
 * rentrée peak in September, Toussaint, Christmas, winter and spring holidays lower, exams in June,
 * summer low in July and August. Written per week in {@code truth/weekly_paid.csv} as {@code season}.
 */
final class SchoolCalendar {
    private SchoolCalendar() {}

    static double raw(LocalDate d) {
        int m = d.getMonthValue(), day = d.getDayOfMonth();
        int md = m * 100 + day;
        if (md >= 901 && md <= 914) return 1.40;
        if (md >= 915 && md <= 1017) return 1.25;
        if (md >= 1018 && md <= 1103) return 0.85;
        if (md >= 1104 && md <= 1219) return 1.05;
        if (md >= 1220 || md <= 105) return 0.70;
        if (md <= 207) return 1.00;
        if (md <= 309) return 0.90;
        if (md <= 404) return 1.00;
        if (md <= 504) return 0.90;
        if (md <= 630) return 0.95;
        if (md <= 731) return 0.70;
        if (md <= 820) return 0.55;
        return 0.85;
    }

    static double index(int epochDay, double strength) {
        return 1.0 + strength * (raw(LocalDate.ofEpochDay(epochDay)) - 1.0);
    }

    /** Relative volume of contacts by ISO weekday (Monday first), mean 1. */
    static final double[] WEEKDAY = {1.15, 1.10, 1.05, 1.05, 0.95, 0.80, 0.90};

    /** Relative activity by local hour of young people online (touches, first messages). */
    static final double[] HOURS = {2, 1, 0.6, 0.4, 0.3, 0.3, 0.6, 1.2, 1.8, 2.2, 2.4, 2.6, 3.4, 3.2, 2.6, 2.6, 3.0,
            3.6, 4.4, 4.8, 5.4, 5.8, 5.0, 3.6};
}
