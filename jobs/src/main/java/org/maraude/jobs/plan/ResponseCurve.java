package org.maraude.jobs.plan;

/**
 * A channel's weekly response to spend: geometric adstock with decay {@code theta} over
 * {@link #LAG_WEEKS} weeks of carry-over, then a Hill curve with half-saturation
 * {@code halfSaturationEur} (adstocked €) and shape {@code shape}, scaled by {@code maxPerWeek}
 * (the outcome of a saturated, seasonally ordinary, full week):
 * {@code outcome_w = maxPerWeek × season_w × A_w^s / (K^s + A_w^s)}, {@code A_w = Σ_{l=0..8} θ^l spend_{w−l}}.
 * The same form as the sample generator's truth (see sample-data/README.md).
 */
public record ResponseCurve(double theta, double halfSaturationEur, double shape, double maxPerWeek) {
    public static final int LAG_WEEKS = 8;

    public double hill(double adstock) {
        if (adstock <= 0) {
            return 0;
        }
        double a = Math.pow(adstock / halfSaturationEur, shape);
        return a / (1 + a);
    }

    public ResponseCurve withMax(double max) {
        return new ResponseCurve(theta, halfSaturationEur, shape, max);
    }

    /** Adstock of every week of a weekly spend series. */
    public static double[] adstock(double[] spend, double theta) {
        double[] a = new double[spend.length];
        for (int w = 0; w < spend.length; w++) {
            double f = 1;
            double v = 0;
            for (int l = 0; l <= LAG_WEEKS && l <= w; l++) {
                v += f * spend[w - l];
                f *= theta;
            }
            a[w] = v;
        }
        return a;
    }

    /**
     * Expected outcome over {@code weeks} future weeks when a constant weekly spend follows the
     * series {@code past} (whose last element is the week just before the first planned week).
     */
    public Forward forward(double[] past, double[] futureSeason) {
        int h = futureSeason.length;
        double[] carry = new double[h];
        double[] gain = new double[h];
        for (int i = 0; i < h; i++) {
            double f = 1;
            for (int l = 0; l <= LAG_WEEKS; l++) {
                int back = l - i; // weeks before the first planned week (1 = the last past week)
                if (back <= 0) {
                    gain[i] += f;
                } else if (past.length - back >= 0) {
                    carry[i] += f * past[past.length - back];
                }
                f *= theta;
            }
        }
        return new Forward(this, carry, gain, futureSeason.clone());
    }

    /** A curve set up for one future window: outcome as a function of the window's total spend. */
    public record Forward(ResponseCurve curve, double[] carry, double[] gain, double[] season) {
        public double outcome(double totalSpend) {
            double weekly = totalSpend / season.length;
            double v = 0;
            for (int i = 0; i < season.length; i++) {
                v += season[i] * curve.hill(carry[i] + weekly * gain[i]);
            }
            return curve.maxPerWeek() * v;
        }
    }
}
