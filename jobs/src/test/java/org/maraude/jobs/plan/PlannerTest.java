package org.maraude.jobs.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Plans on a hand-made project: 104 complete weeks of 100 €/week on tiktok and facebook and 50 €/week
 * on snapchat; tiktok's curve saturates twice as high as facebook's; snapchat's curve was refused.
 */
class PlannerTest {
    static final LocalDate FIRST = LocalDate.of(2024, 9, 2);
    static final int N = 104;

    static PlanTables.Curve curve(String ch, ResponseCurve c) {
        return new PlanTables.Curve("p", ch, null, "contacted_unknown", c == null ? "refused" : "fitted",
                c == null ? "only 12 weeks with spend (at least 26 needed)" : null, c == null ? null : c.theta(),
                c == null ? null : c.halfSaturationEur(), c == null ? null : c.shape(), c == null ? null : c.maxPerWeek(),
                c == null ? null : 0.3, c == null ? null : 0.0, c == null ? null : 0.0, SchoolSeasons.flat(), null, null, null, null, 0, N, N, 0.3, 10_000, 300, 90,
                FIRST, FIRST.plusWeeks(N).minusDays(1), c == null ? 0 : 20);
    }

    static ProjectData project() {
        int[] days = new int[N];
        java.util.Arrays.fill(days, 7);
        Map<String, double[]> spend = new TreeMap<>();
        for (String ch : List.of("tiktok", "facebook", "snapchat")) {
            double[] s = new double[N];
            java.util.Arrays.fill(s, ch.equals("snapchat") ? 50 : 100);
            spend.put(ch, s);
        }
        ResponseCurve tiktok = new ResponseCurve(0.3, 150, 1, 4);
        ResponseCurve facebook = new ResponseCurve(0.3, 150, 1, 2);
        Map<String, PlanTables.Curve> curves = new TreeMap<>(Map.of("tiktok", curve("tiktok", tiktok), "facebook",
                curve("facebook", facebook), "snapchat", curve("snapchat", null)));
        Map<String, List<ResponseCurve>> draws = new TreeMap<>();
        for (Map.Entry<String, ResponseCurve> e : Map.of("tiktok", tiktok, "facebook", facebook).entrySet()) {
            List<ResponseCurve> d = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                d.add(e.getValue().withMax(e.getValue().maxPerWeek() * (0.8 + 0.4 * k / 19)));
            }
            draws.put(e.getKey(), d);
        }
        return new ProjectData("p", Objective.CONTACTED_UNKNOWN, FIRST, days, SchoolSeasons.flat(), spend, curves, draws);
    }

    static PlanRequest request(String budget, Map<String, String> min, Map<String, String> max, LocalDate start) {
        return new PlanRequest("p", "test", Objective.CONTACTED_UNKNOWN, budget == null ? null : new BigDecimal(budget), 12,
                start, eur(min), eur(max));
    }

    static Map<String, BigDecimal> eur(Map<String, String> m) {
        Map<String, BigDecimal> r = new TreeMap<>();
        m.forEach((k, v) -> r.put(k, new BigDecimal(v)));
        return r;
    }

    static PlanTables.Line line(Planner.Plan p, String ch) {
        return p.lines().stream().filter(l -> l.channel().equals(ch)).findFirst().orElseThrow();
    }

    static long cents(Planner.Plan p) {
        return p.lines().stream().mapToLong(l -> Math.round(l.budgetEur() * 100)).sum();
    }

    @Test
    void defaultPlanSpendsTheLastWeeksBudgetAndKeepsThinChannels() {
        Planner.Plan p = Planner.plan(project(), request(null, Map.of(), Map.of(), null));
        assertEquals(3000.0, p.total().budgetEur()); // 12 weeks × 250 €
        assertEquals(300_000, cents(p));
        assertEquals(LocalDate.of(2026, 8, 31), p.total().startWeek());
        PlanTables.Line snap = line(p, "snapchat");
        assertEquals("thin", snap.evidence());
        assertEquals(600.0, snap.budgetEur()); // its 20% of the current split, kept
        assertNull(snap.expected());
        assertTrue(snap.note().contains("only 12 weeks with spend"), snap.note());
        assertEquals(600.0, p.total().thinBudgetEur());
        PlanTables.Line tiktok = line(p, "tiktok");
        PlanTables.Line facebook = line(p, "facebook");
        assertEquals("ok", tiktok.evidence());
        assertEquals(1200.0, tiktok.currentBudgetEur());
        assertTrue(tiktok.budgetEur() > facebook.budgetEur(), "the higher curve gets more");
        assertTrue(p.total().expected() > p.total().currentExpected());
        assertEquals(p.total().expected() - p.total().currentExpected(), p.total().uplift(), 0.011);
        // both channels are funded inside their bounds: equal marginal costs (within rounding)
        assertEquals(tiktok.marginalCostEur(), facebook.marginalCostEur(), 0.03 * tiktok.marginalCostEur());
        assertTrue(tiktok.expectedLow80() < tiktok.expected() && tiktok.expected() < tiktok.expectedHigh80());
        assertTrue(p.total().expectedLow80() < p.total().expectedHigh80());
        assertEquals("tiktok", p.lines().get(0).channel()); // largest budget first
    }

    @Test
    void boundsHoldToTheCent() {
        Planner.Plan p = Planner.plan(project(), request("1000.01", Map.of("facebook", "500"), Map.of("tiktok", "300.5",
                "snapchat", "99.99"), null));
        assertEquals(100_001, cents(p));
        assertEquals(300.5, line(p, "tiktok").budgetEur());
        assertEquals(99.99, line(p, "snapchat").budgetEur());
        assertEquals(599.52, line(p, "facebook").budgetEur());
        assertEquals("min facebook=500; max snapchat=99.99; max tiktok=300.5", p.total().constraints());
    }

    @Test
    void infeasibleConstraintsAreRefusedClearly() {
        ProjectData d = project();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Planner.plan(d,
                request("1000", Map.of("tiktok", "700", "facebook", "500"), Map.of(), null)));
        assertEquals("the minimums add up to 1200.00 €, more than the budget 1000.00 €: lower a minimum or raise the "
                + "budget", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Planner.plan(d,
                request("1000", Map.of(), Map.of("tiktok", "300", "facebook", "300", "snapchat", "100"), null)));
        assertEquals("the maximums add up to 700.00 €, less than the budget 1000.00 €: raise a maximum, remove one, or "
                + "lower the budget", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Planner.plan(d,
                request("1000", Map.of("twitch", "10"), Map.of(), null)));
        assertEquals("unknown channel 'twitch' for p (paid channels: facebook, snapchat, tiktok)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Planner.plan(d,
                request("1000", Map.of("tiktok", "600"), Map.of("tiktok", "500"), null)));
        assertEquals("the minimum of tiktok (600.00 €) is above its maximum (500.00 €)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Planner.plan(d,
                request("1000", Map.of(), Map.of(), LocalDate.of(2026, 6, 1))));
        assertEquals("the data of p end on 2026-08-30: a plan starts on or after 2026-08-31 (start given: 2026-06-01)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> request("-5", Map.of(), Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> request("10.001", Map.of(), Map.of(), null));
    }

    @Test
    void aLaterStartCarriesTheCurrentPaceUntilThen() {
        Planner.Plan now = Planner.plan(project(), request("3000", Map.of(), Map.of(), null));
        Planner.Plan later = Planner.plan(project(), request("3000", Map.of(), Map.of(), LocalDate.of(2026, 10, 7)));
        assertEquals(LocalDate.of(2026, 10, 5), later.total().startWeek()); // the Monday of that week
        // same adstock state either way (steady spend), flat season: same plan
        assertEquals(line(now, "tiktok").budgetEur(), line(later, "tiktok").budgetEur(), 0.02);
    }

    @Test
    void seasonOfThePlannedWeeksScalesTheOutcome() {
        ProjectData d = project();
        double[] season = SchoolSeasons.flat();
        season[0] = 1.5; // rentrée
        ProjectData withSeason = new ProjectData(d.projectId(), d.objective(), d.firstWeek(), d.days(), season, d.spend(),
                d.curves(), d.draws());
        Planner.Plan flat = Planner.plan(d, request("3000", Map.of(), Map.of(), null));
        Planner.Plan rentree = Planner.plan(withSeason, request("3000", Map.of(), Map.of(), null));
        // 31 Aug – 22 Nov: 45 of the 84 days are in the rentrée (1 Sep – 15 Oct)
        assertEquals(1 + 0.5 * 45 / 84.0, rentree.total().expected() / flat.total().expected(), 0.01);
    }

    @Test
    void boundsParseFromTheCommandLine() {
        assertEquals(Map.of("tiktok", new BigDecimal("500"), "facebook", new BigDecimal("12.5")),
                Planner.bounds(List.of("TikTok=500", "facebook = 12.5"), "--min"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Planner.bounds(List.of("tiktok:500"), "--max"));
        assertEquals("--max expects CHANNEL=EUR, e.g. --max tiktok=500: 'tiktok:500'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Planner.bounds(List.of("tiktok=5,5"), "--max"));
        assertThrows(IllegalArgumentException.class, () -> Planner.bounds(List.of("tiktok=1", "tiktok=2"), "--max"));
    }
}
