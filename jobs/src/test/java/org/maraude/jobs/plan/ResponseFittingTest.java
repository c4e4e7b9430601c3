package org.maraude.jobs.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Curve fitting on series simulated from a known curve (adstock θ 0.4, K 150 €, shape 1.5, max 6
 * contacts a week, no seasonality, Poisson noise, seeded), and the refusals.
 */
class ResponseFittingTest {
    static final LocalDate FIRST = LocalDate.of(2024, 9, 2); // a Monday
    static final int WEEKS = 104;
    static final ResponseCurve TRUE = new ResponseCurve(0.4, 150, 1.5, 6);
    static ResponseFitting.Result result;

    /** Weekly rows of one channel: spend (given), contacts ~ Poisson(curve), 30% of them unknown. */
    static List<PlanTables.Week> simulate(String project, String channel, double[] spend, ResponseCurve c, long seed) {
        return simulate(project, channel, spend, c, seed, null, 0);
    }

    /**
     * The same, plus contacts harvested from the project's other contacts {@code others} (each
     * credited to the channel with probability {@code harvest} in weeks with spend; 10% unknown).
     * The rows' project totals are the channel's own contacts plus the others.
     */
    static List<PlanTables.Week> simulate(String project, String channel, double[] spend, ResponseCurve c, long seed,
            long[] others, double harvest) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = ResponseCurve.adstock(spend, c.theta());
        List<PlanTables.Week> rows = new ArrayList<>();
        for (int w = 0; w < spend.length; w++) {
            long own = poisson(r, c.maxPerWeek() * c.hill(a[w]));
            long u = 0;
            for (int k = 0; k < own; k++) {
                u += r.nextDouble() < 0.3 ? 1 : 0;
            }
            long o = others == null ? 0 : others[w];
            long taken = 0;
            long takenUnknown = 0;
            long otherUnknown = 0;
            for (int k = 0; k < o; k++) {
                boolean unknown = r.nextDouble() < 0.1;
                otherUnknown += unknown ? 1 : 0;
                if (spend[w] > 0 && r.nextDouble() < harvest) {
                    taken++;
                    takenUnknown += unknown ? 1 : 0;
                }
            }
            long y = own + taken;
            rows.add(new PlanTables.Week(project, channel, null, FIRST.plusWeeks(w), 7, Math.round(spend[w] * 100) / 100.0,
                    spend[w] > 0 ? 7 : 0, y, u + takenUnknown, y / 2, y / 3, own + o, u + otherUnknown, (own + o) / 2,
                    (own + o) / 3, null, null));
        }
        return rows;
    }

    static long poisson(SplittableRandom r, double mu) {
        double l = Math.exp(-mu);
        double p = 1;
        long k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static double[] lognormalSpend(long seed, double mean) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[WEEKS];
        for (int w = 0; w < WEEKS; w++) {
            s[w] = mean * Math.exp(0.5 * r.nextGaussian());
        }
        return s;
    }

    static ResponseFitting.Period period() {
        return new ResponseFitting.Period(FIRST, FIRST.plusWeeks(WEEKS).minusDays(1));
    }

    @BeforeAll
    static void fit() {
        List<PlanTables.Week> rows = new ArrayList<>(simulate("p", "tiktok", lognormalSpend(1, 120), TRUE, 2));
        double[] flat = new double[WEEKS];
        java.util.Arrays.fill(flat, 100);
        rows.addAll(simulate("p", "facebook", flat, TRUE, 3)); // constant spend
        double[] few = new double[WEEKS];
        for (int w = 0; w < 10; w++) {
            few[50 + w] = 100 + 10 * w;
        }
        rows.addAll(simulate("p", "snapchat", few, TRUE, 4)); // ten weeks with spend
        rows.addAll(simulate("p", "youtube", lognormalSpend(5, 120), new ResponseCurve(0.4, 150, 1.5, 0.1), 6));
        // google: the same curve, plus 10% of 20 other contacts a week credited to it while it runs ads
        long[] others = new long[WEEKS];
        SplittableRandom r = new SplittableRandom(9);
        for (int w = 0; w < WEEKS; w++) {
            others[w] = poisson(r, 20);
        }
        double[] google = lognormalSpend(8, 120);
        for (int w = 0; w < WEEKS; w += 5) {
            google[w] = 0; // weeks without ads: nothing harvested
        }
        List<PlanTables.Week> harvested = simulate("h", "google", google, TRUE, 10, others, 0.10);
        rows.addAll(harvested);
        ResponseFitting.Settings st = new ResponseFitting.Settings(12, 26, 0.10, 20, 30, 4, 42L, 20, 5, 3, true, true);
        result = ResponseFitting.fit(rows, Map.of("p", period(), "h", period()), st);
    }

    static PlanTables.Curve curve(String channel, String objective) {
        return result.curves().stream().filter(c -> c.channel().equals(channel) && c.objective().equals(objective))
                .findFirst().orElseThrow();
    }

    @Test
    void separatesHarvestedContactsFromThoseTheSpendCauses() {
        PlanTables.Curve c = curve("google", "contacted");
        assertEquals("fitted", c.status());
        assertEquals(0.10, c.harvestRate(), 0.04);
        // about 2 of its ~5.4 attributed contacts a week are harvested
        assertEquals(0.37, c.harvestShare(), 0.1);
        for (double spend : new double[] {120, 180}) {
            double truth = steady(TRUE, spend);
            assertEquals(truth, steady(c.curve(), spend), 0.2 * truth, "caused contacts at " + spend + " € a week");
        }
        // harvested youth are 10% unknown, the channel's own 30%: the share is that of its own contacts
        assertEquals(0.3, curve("google", "contacted_unknown").outcomeShare(), 0.07);
    }

    /** Expected weekly contacts at a steady weekly spend. */
    static double steady(ResponseCurve c, double weekly) {
        double a = 0;
        for (int l = 0; l <= ResponseCurve.LAG_WEEKS; l++) {
            a += Math.pow(c.theta(), l) * weekly;
        }
        return c.maxPerWeek() * c.hill(a);
    }

    @Test
    void recoversTheResponseWithinTheSpendSeen() {
        PlanTables.Curve c = curve("tiktok", "contacted");
        assertEquals("fitted", c.status());
        assertNull(c.reason());
        // the weekly spend seen is 120 € × e^(±0.5): check inside that range
        for (double spend : new double[] {80, 120, 180}) {
            double fit = steady(c.curve(), spend);
            double truth = steady(TRUE, spend);
            assertEquals(truth, fit, 0.2 * truth, "weekly contacts at " + spend + " € a week, fit " + c.curve());
        }
        // θ, K and the shape trade off against each other (they are weakly identified one by one):
        // what the data pins down, and what planning uses, is the response over the spend seen.
        // seasonal terms: there is none in the data, the estimates stay near 1
        for (double s : c.season()) {
            assertEquals(1.0, s, 0.35);
        }
    }

    @Test
    void otherObjectivesScaleTheContactCurveByTheirShare() {
        PlanTables.Curve contacted = curve("tiktok", "contacted");
        PlanTables.Curve unknown = curve("tiktok", "contacted_unknown");
        assertEquals(0.3, unknown.outcomeShare(), 0.06);
        assertEquals(contacted.maxPerWeek() * unknown.outcomeShare(), unknown.maxPerWeek(), 1e-3);
        assertEquals(contacted.halfSaturationEur(), unknown.halfSaturationEur());
        assertEquals(1.0, contacted.outcomeShare());
    }

    @Test
    void reportsHoldoutQuality() {
        PlanTables.Curve c = curve("tiktok", "contacted");
        assertEquals(12, c.holdoutWeeks());
        assertNotNull(c.holdoutMape());
        assertNotNull(c.holdoutR2());
        assertTrue(c.holdoutMape() < 0.6, "weighted MAPE " + c.holdoutMape());
        assertEquals(c.holdoutActual(), c.holdoutPredicted(), 0.35 * c.holdoutActual());
    }

    @Test
    void refusesChannelsWithoutEnoughEvidence() {
        PlanTables.Curve flat = curve("facebook", "contacted_unknown");
        assertEquals("refused", flat.status());
        assertTrue(flat.reason().startsWith("weekly spend barely varies (coefficient of variation 0.00"), flat.reason());
        assertNull(flat.maxPerWeek());
        PlanTables.Curve few = curve("snapchat", "contacted_unknown");
        assertEquals("only 10 weeks with spend (at least 26 needed)", few.reason());
        PlanTables.Curve rare = curve("youtube", "contacted");
        assertTrue(rare.reason().matches("only \\d+ contacts attributed to its ads \\(at least 20 needed\\)"), rare.reason());
        assertTrue(result.draws().stream().allMatch(d -> d.channel().equals("tiktok") || d.channel().equals("google")));
    }

    @Test
    void drawsAreSeededAndSpreadAroundTheFit() {
        List<PlanTables.Draw> draws = result.draws().stream()
                .filter(d -> d.channel().equals("tiktok") && d.objective().equals("contacted")).toList();
        assertEquals(30, draws.size());
        double[] at120 = draws.stream().mapToDouble(d -> steady(d.curve(), 120)).sorted().toArray();
        double point = steady(curve("tiktok", "contacted").curve(), 120);
        assertEquals(point, at120[15], 0.15 * point, "the draws centre near the fit");
        assertTrue(at120[27] - at120[2] > 0.02 * point, "the draws are not all equal");
        assertEquals(steady(TRUE, 120), at120[15], 0.15 * steady(TRUE, 120), "and near the truth");
        // same input, same seed: same draws
        List<PlanTables.Week> rows = simulate("p", "tiktok", lognormalSpend(1, 120), TRUE, 2);
        ResponseFitting.Settings st = new ResponseFitting.Settings(12, 26, 0.10, 20, 30, 4, 42L, 20, 5, 3, true, true);
        ResponseFitting.Result again = ResponseFitting.fit(rows, Map.of("p", period()), st);
        ResponseFitting.Result twice = ResponseFitting.fit(rows, Map.of("p", period()), st);
        assertEquals(again.draws(), twice.draws());
    }

    @Test
    void weeksCarryTheFittedContacts() {
        long withFit = result.weeks().stream().filter(w -> w.channel().equals("tiktok") && w.fittedContacted() != null).count();
        assertEquals(WEEKS, withFit);
        assertTrue(result.weeks().stream().filter(w -> w.channel().equals("google") && w.fittedOwn() != null)
                .allMatch(w -> w.fittedOwn() <= w.fittedContacted()));
        assertTrue(result.weeks().stream().filter(w -> w.channel().equals("facebook")).allMatch(w -> w.fittedContacted() == null));
    }
}
