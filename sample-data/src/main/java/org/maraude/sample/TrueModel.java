package org.maraude.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The true behavioural model: profile distributions by channel, and the logistic models of
 * previously-unknown, accompanied and handed-off (coefficients written to
 * {@code truth/logistic_coefficients.csv}). Intercepts are calibrated at run time (see {@link ProjectPlan}).
 */
final class TrueModel {
    private TrueModel() {}

    static final String[] AGE = {"15-17", "18-21", "22-25", "26-29", "30+"};
    static final String[] GENDER = {"f", "m", "x"};
    static final String[] LOC = {"none", "qpv", "zrr"};
    static final String[] DIPLOMA = {"none", "cap_bep", "bac", "bac_plus"};
    static final String[] SITUATION = {"neet", "student", "employed", "training"};
    static final int COMBOS = 5 * 3 * 3 * 2 * 4 * 4;

    // ---- previously unknown -------------------------------------------------------------
    static final Map<String, Double> U_CHANNEL = table("instagram", 0.0, "tiktok", 0.35, "snapchat", 0.70,
            "facebook", -0.55, "youtube", 0.20, "twitch", 0.90, "google", -0.90, "offline", 0.55, "word_of_mouth", 0.25);
    static final Map<String, Double> U_THEME = table("general", 0.0, "esport", 0.55, "gaming", 0.45, "music", 0.35,
            "rap", 0.45, "dance", 0.25, "confidence", 0.20, "sport", 0.20, "jobs", -0.30, "cv", -0.20,
            "alternance", -0.50, "orientation", -0.40, "handicap", -0.10, "mobilite", 0.10, "outremer", 0.0);
    static final Map<String, Double> U_CREATOR = table("own", 0.0, "creator-01", 0.80, "creator-02", 0.35,
            "creator-03", -0.25, "creator-04", 1.10, "creator-05", 0.10, "creator-06", 0.60, "creator-07", -0.40,
            "creator-08", 0.30, "creator-09", 0.90, "creator-10", 0.50, "creator-11", -0.15, "creator-12", 0.70);
    /** By {@link Reference#GROUPS}: other, overseas, rural, priority_urban, metro_core. */
    static final double[] DEPT_GROUP_COEF = {0.0, 0.70, 0.45, 0.25, -0.35};
    static final double[] U_AGE = {0.45, 0.0, -0.25, -0.50, -0.30};
    static final double[] U_GENDER = {0.0, 0.15, 0.30};
    static final double[] U_LOC = {0.0, 0.35, 0.45};
    static final double U_RQTH = -0.60;
    static final double[] U_DIPLOMA = {0.40, 0.0, -0.20, -0.35};
    static final double[] U_SITUATION = {0.0, 0.50, -0.40, -0.90};

    // ---- accompanied --------------------------------------------------------------------
    static final double A_UNKNOWN = 0.40;
    static final double A_RQTH = 0.30;
    static final double[] A_AGE = {-0.30, 0.0, 0.0, -0.15, -0.30};
    static final double[] A_DIPLOMA = {0.20, 0.0, 0.0, -0.10};
    static final double[] A_SITUATION = {0.0, -0.50, -0.80, -0.60};
    static final Map<String, Double> A_CHANNEL = table("word_of_mouth", 0.30, "offline", -0.20, "google", -0.30);

    // ---- handed off ---------------------------------------------------------------------
    static final double H_UNKNOWN = 0.30;
    static final double H_RQTH = 0.20;
    static final double[] H_AGE = {0.20, 0.0, 0.0, -0.10, -0.20};
    static final double[] H_SITUATION = {0.0, -0.40, -0.70, -0.30};

    static Map<String, Double> table(Object... kv) {
        Map<String, Double> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Double) kv[i + 1]);
        return m;
    }

    static double get(Map<String, Double> m, String k) {
        Double v = k == null ? null : m.get(k);
        return v == null ? 0.0 : v;
    }

    /** Profile of one youth (indices into the label arrays above). */
    record Profile(int age, int gender, int loc, boolean rqth, int diploma, int situation, String dept) {
        double uLogit() {
            return U_AGE[age] + U_GENDER[gender] + U_LOC[loc] + (rqth ? U_RQTH : 0) + U_DIPLOMA[diploma]
                    + U_SITUATION[situation] + DEPT_GROUP_COEF[Reference.group(dept)];
        }

        double aLogit() {
            return A_AGE[age] + (rqth ? A_RQTH : 0) + A_DIPLOMA[diploma] + A_SITUATION[situation];
        }

        double hLogit() {
            return H_AGE[age] + (rqth ? H_RQTH : 0) + H_SITUATION[situation];
        }
    }

    /** Independent categorical distribution of the profile features (département drawn separately). */
    static final class ProfileDist {
        final double[] age, gender, loc, diploma, situation;
        final double rqth;
        private double[][] enumCache;

        ProfileDist(double[] age, double[] gender, double[] loc, double rqth, double[] diploma, double[] situation) {
            this.age = age; this.gender = gender; this.loc = loc; this.rqth = rqth; this.diploma = diploma;
            this.situation = situation;
        }

        ProfileDist age(double... v) { return new ProfileDist(v, gender, loc, rqth, diploma, situation); }
        ProfileDist gender(double... v) { return new ProfileDist(age, v, loc, rqth, diploma, situation); }
        ProfileDist loc(double... v) { return new ProfileDist(age, gender, v, rqth, diploma, situation); }
        ProfileDist rqth(double v) { return new ProfileDist(age, gender, loc, v, diploma, situation); }
        ProfileDist diploma(double... v) { return new ProfileDist(age, gender, loc, rqth, v, situation); }
        ProfileDist situation(double... v) { return new ProfileDist(age, gender, loc, rqth, diploma, v); }

        Profile draw(SplittableRandom r, String dept) {
            return new Profile(Rnd.pick(r, age), Rnd.pick(r, gender), Rnd.pick(r, loc), r.nextDouble() < rqth,
                    Rnd.pick(r, diploma), Rnd.pick(r, situation), dept);
        }

        /** Rows {prob, uLogit, aLogit, hLogit} over every combination, département excluded. */
        synchronized double[][] enumerate() {
            if (enumCache != null) return enumCache;
            List<double[]> rows = new ArrayList<>(COMBOS);
            for (int a = 0; a < 5; a++) for (int g = 0; g < 3; g++) for (int l = 0; l < 3; l++)
                for (int q = 0; q < 2; q++) for (int d = 0; d < 4; d++) for (int s = 0; s < 4; s++) {
                    double p = norm(age, a) * norm(gender, g) * norm(loc, l) * (q == 1 ? rqth : 1 - rqth)
                            * norm(diploma, d) * norm(situation, s);
                    if (p <= 0) continue;
                    boolean rq = q == 1;
                    double u = U_AGE[a] + U_GENDER[g] + U_LOC[l] + (rq ? U_RQTH : 0) + U_DIPLOMA[d] + U_SITUATION[s];
                    double al = A_AGE[a] + (rq ? A_RQTH : 0) + A_DIPLOMA[d] + A_SITUATION[s];
                    double hl = H_AGE[a] + (rq ? H_RQTH : 0) + H_SITUATION[s];
                    rows.add(new double[]{p, u, al, hl});
                }
            enumCache = rows.toArray(new double[0][]);
            return enumCache;
        }

        private static double norm(double[] w, int i) {
            double t = 0;
            for (double x : w) t += x;
            return w[i] / t;
        }
    }

    static final ProfileDist DEFAULT = new ProfileDist(
            new double[]{.12, .38, .30, .17, .03}, new double[]{.48, .50, .02}, new double[]{.65, .25, .10}, 0.06,
            new double[]{.30, .30, .30, .10}, new double[]{.72, .12, .10, .06});

    /** Profile distribution of youth reached through a channel (before project overrides). */
    static ProfileDist byChannel(String channel) {
        switch (channel) {
            case "tiktok": return DEFAULT.age(.22, .42, .24, .10, .02).gender(.52, .46, .02);
            case "snapchat": return DEFAULT.age(.25, .42, .22, .09, .02).gender(.50, .48, .02);
            case "instagram": return DEFAULT.age(.12, .40, .30, .15, .03).gender(.58, .40, .02);
            case "facebook": return DEFAULT.age(.04, .20, .33, .35, .08).gender(.55, .44, .01)
                    .diploma(.28, .38, .26, .08);
            case "youtube": return DEFAULT.age(.15, .38, .28, .16, .03).gender(.35, .63, .02);
            case "twitch": return DEFAULT.age(.12, .45, .30, .11, .02).gender(.18, .79, .03).diploma(.32, .28, .30, .10);
            case "google": return DEFAULT.age(.14, .38, .28, .17, .03).diploma(.18, .25, .42, .15)
                    .situation(.50, .35, .08, .07);
            case "offline": return DEFAULT.age(.14, .36, .28, .18, .04).loc(.42, .50, .08);
            default: return DEFAULT;
        }
    }

    /** Exact probabilities {previously unknown, accompanied, handed off} for a source, by enumeration. */
    static double[] exact(ProfileDist dist, double uShift, double[] deptGroupW, double accShift,
                          double hoIntercept, double hoAccCoef) {
        double[][] e = dist.enumerate();
        double pu = 0, pa = 0, ph = 0, tw = 0;
        for (int g = 0; g < deptGroupW.length; g++) {
            double wg = deptGroupW[g];
            if (wg <= 0) continue;
            tw += wg;
            double gshift = uShift + DEPT_GROUP_COEF[g];
            for (double[] row : e) {
                double p = row[0] * wg;
                double u = Rnd.sigmoid(gshift + row[1]);
                double a1 = Rnd.sigmoid(accShift + row[2] + A_UNKNOWN), a0 = Rnd.sigmoid(accShift + row[2]);
                double h = hoIntercept + row[3];
                double h11 = Rnd.sigmoid(h + H_UNKNOWN + hoAccCoef), h10 = Rnd.sigmoid(h + H_UNKNOWN);
                double h01 = Rnd.sigmoid(h + hoAccCoef), h00 = Rnd.sigmoid(h);
                pu += p * u;
                pa += p * (u * a1 + (1 - u) * a0);
                ph += p * (u * (a1 * h11 + (1 - a1) * h10) + (1 - u) * (a0 * h01 + (1 - a0) * h00));
            }
        }
        return new double[]{pu / tw, pa / tw, ph / tw};
    }
}
