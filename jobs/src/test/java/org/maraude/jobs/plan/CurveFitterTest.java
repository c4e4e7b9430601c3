package org.maraude.jobs.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scale and harvest rate a curve fit returns are the likelihood's maximum for its θ, K and
 * shape, not an iterate on the way there: at a maximum inside the domain the Poisson score
 * vanishes in both, {@code Σ (y/μ − 1)·g = 0} and {@code Σ (y/μ − 1)·z = 0}; with the harvest rate
 * at zero its score is at most zero. Checked by hand from the returned curve, over every grid point
 * and with bootstrap weights.
 */
class CurveFitterTest {
    static final int N = 104;

    /** Spend, the project's other contacts, and contacts = Poisson(own curve + harvest × others), seeded. */
    static double[][] series(long seed, double harvest) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] spend = new double[N];
        double[] z = new double[N];
        double[] y = new double[N];
        ResponseCurve truth = new ResponseCurve(0.4, 150, 1.5, 6);
        for (int w = 4; w < N; w++) {
            spend[w] = r.nextDouble() < 0.15 ? 0 : 40 + 300 * r.nextDouble();
        }
        double[] a = ResponseCurve.adstock(spend, truth.theta());
        for (int w = 0; w < N; w++) {
            z[w] = 20 + r.nextInt(30);
            y[w] = ResponseFittingTest.poisson(r, truth.maxPerWeek() * truth.hill(a[w]) + harvest * z[w]);
        }
        return new double[][] {spend, z, y};
    }

    /** The two scores at the fitted curve, over weeks from..N with weights (null: all 1). */
    static double[] scores(CurveFitter.Fit f, double[] spend, double[] z, double[] y, double[] base, double[] wt,
            int from) {
        double[] own = CurveFitter.predict(f.curve(), spend, base);
        double sm = 0;
        double sl = 0;
        for (int w = from; w < N; w++) {
            double weight = wt == null ? 1 : wt[w];
            double mu = own[w] + f.harvest() * z[w];
            double g = f.curve().maxPerWeek() > 0 ? own[w] / f.curve().maxPerWeek() : 0;
            double ratio = mu > 0 ? y[w] / mu : 0;
            sm += weight * (ratio - 1) * g;
            sl += weight * (ratio - 1) * z[w];
        }
        return new double[] {sm, sl};
    }

    @Test
    void scaleAndHarvestAreTheLikelihoodsMaximumAtEveryGridPoint() {
        for (double harvest : new double[] {0.1, 0.0}) {
            double[][] s = series(7, harvest);
            double[] spend = s[0];
            double[] z = s[1];
            double[] y = s[2];
            double[] base = new double[N];
            java.util.Arrays.fill(base, 1);
            int from = 4;
            CurveFitter fitter = new CurveFitter(spend, z, from, N);
            double[] wt = fitter.blockWeights(new SplittableRandom(3), 4);
            for (double[] weights : new double[][] {null, wt}) {
                CurveFitter.Profile p = fitter.profile(y, base, weights);
                int atZero = 0;
                for (int t = 0; t < CurveFitter.THETAS.length; t++) {
                    for (int sh = 0; sh < CurveFitter.SHAPES.length; sh++) {
                        CurveFitter.Fit f = fitter.curve(p, t, sh, y, base, weights);
                        double[] sc = scores(f, spend, z, y, base, weights, from);
                        String at = "harvest " + harvest + ", θ " + CurveFitter.THETAS[t] + ", shape "
                                + CurveFitter.SHAPES[sh] + ", weights " + (weights != null) + ": " + f;
                        assertTrue(f.curve().maxPerWeek() > 0, at);
                        // the scale's score in contacts per unit of max; Σy is about 500
                        assertEquals(0, sc[0] * f.curve().maxPerWeek(), 1e-6, "scale's score, " + at);
                        if (f.harvest() > 0) {
                            assertEquals(0, sc[1], 1e-6, "harvest's score, " + at);
                        } else {
                            atZero++;
                            assertTrue(sc[1] <= 1e-6, "harvest's score at zero, " + at);
                        }
                    }
                }
                if (harvest > 0) {
                    assertEquals(0, atZero, "a tenth of the others harvested: a positive rate at every grid point");
                }
            }
        }
    }
}
