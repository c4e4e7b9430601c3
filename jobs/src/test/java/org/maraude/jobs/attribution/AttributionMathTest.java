package org.maraude.jobs.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Markov removal effects, Shapley values and their path shares on fixtures computed by hand. */
class AttributionMathTest {
    static MarkovChain.PathCount path(long conv, long non, String... channels) {
        return new MarkovChain.PathCount(List.of(channels), conv, non);
    }

    // The textbook example: C1>C2>C3 converts, C1 does not, C2>C3 does not.
    // start→C1 2/3, start→C2 1/3, C1→C2 1/2, C1→null 1/2, C2→C3 1, C3→conv 1/2.
    // P(conv) = 2/3·1/2·1/2 + 1/3·1/2 = 1/3; without C1: 1/3·1/2 = 1/6 → RE 1/2; without C2 or C3: 0 → RE 1.
    static final List<MarkovChain.PathCount> TEXTBOOK = List.of(
            path(1, 0, "c1", "c2", "c3"), path(0, 1, "c1"), path(0, 1, "c2", "c3"));

    @Test
    void markovRemovalEffectsOfTheTextbookPaths() {
        MarkovChain m = MarkovChain.fit(TEXTBOOK, 1);
        assertEquals(1.0 / 3, m.conversionProbability(), 1e-12);
        assertEquals(1.0 / 6, m.conversionProbabilityWithout("c1"), 1e-12);
        Map<String, Double> re = m.removalEffects();
        assertEquals(0.5, re.get("c1"), 1e-12);
        assertEquals(1.0, re.get("c2"), 1e-12);
        assertEquals(1.0, re.get("c3"), 1e-12);
    }

    @Test
    void markovSharesOfAConvertingPathFollowRemovalEffects() {
        List<ChannelModels.PathRow> rows = TEXTBOOK.stream().map(p -> new ChannelModels.PathRow(p.channels(), false,
                p.total(), new long[] {p.conversions()})).toList();
        ChannelModels.Output out = ChannelModels.compute(rows, List.of("contacted"), ChannelModels.Settings.defaults());
        Map<String, Double> m1 = out.shares().stream().filter(s -> s.model().equals("markov_1"))
                .collect(Collectors.toMap(ChannelModels.Share::channel, ChannelModels.Share::share));
        // 0.5 : 1 : 1 over 2.5
        assertEquals(Map.of("c1", 0.2, "c2", 0.4, "c3", 0.4).keySet(), m1.keySet());
        assertEquals(0.2, m1.get("c1"), 1e-12);
        assertEquals(0.4, m1.get("c2"), 1e-12);
        assertEquals(0.4, m1.get("c3"), 1e-12);
    }

    @Test
    void secondOrderSeesWhereAChannelCameFrom() {
        // A>B converts, C>B does not. Order 1 cannot tell the two B's apart: RE(A) = RE(C) = 1/2.
        // Order 2 can: state (A,B) always converts, (C,B) never: RE(A) = 1, RE(C) = 0.
        List<MarkovChain.PathCount> paths = List.of(path(1, 0, "a", "b"), path(0, 1, "c", "b"));
        MarkovChain o1 = MarkovChain.fit(paths, 1);
        MarkovChain o2 = MarkovChain.fit(paths, 2);
        assertEquals(Map.of("a", 0.5, "b", 1.0, "c", 0.5), o1.removalEffects());
        assertEquals(Map.of("a", 1.0, "b", 1.0, "c", 0.0), o2.removalEffects());
        // BIC by hand. Order 1: LL = 4 ln 1/2 (start and B each split 1:1), 2 parameters, 6 transitions.
        assertEquals(-4 * Math.log(2), o1.fittedLogLikelihood(), 1e-12);
        assertEquals(8 * Math.log(2) + 2 * Math.log(6), o1.bic(), 1e-12);
        // Order 2: only the start splits: LL = 2 ln 1/2, 1 parameter, 6 transitions.
        assertEquals(4 * Math.log(2) + Math.log(6), o2.bic(), 1e-12);
        ChannelModels.Output out = ChannelModels.compute(List.of(
                new ChannelModels.PathRow(List.of("a", "b"), false, 1, new long[] {1}),
                new ChannelModels.PathRow(List.of("c", "b"), false, 1, new long[] {0})),
                List.of("contacted"), ChannelModels.Settings.defaults());
        // no holdout paths: the order is chosen by BIC
        assertEquals(2.0, out.metrics().stream().filter(m -> m.metric().equals("chosen_order")).findFirst()
                .orElseThrow().value());
    }

    @Test
    void holdoutLogLikelihoodIsSmoothed() {
        // Train: A converts once. Holdout: A does not convert. Vocabulary 3 (A, conversion, null), alpha 1/2.
        // start→A: (1 + .5)/(1 + 1.5) = 0.6; A→null: (0 + .5)/(1 + 1.5) = 0.2.
        MarkovChain m = MarkovChain.fit(List.of(path(1, 0, "a")), 1);
        assertEquals(Math.log(0.6) + Math.log(0.2), m.logLikelihood(List.of(path(0, 1, "a")), 0.5, 3), 1e-12);
    }

    @Test
    void exactShapleyOfAThreePlayerGame() {
        // v(A)=10 v(B)=20 v(C)=30 v(AB)=40 v(AC)=50 v(BC)=60 v(ABC)=90.
        // φ_A = 10/3 + 20/6 + 20/6 + 30/3 = 20; φ_B = 20/3 + 30/6 + 30/6 + 40/3 = 30; φ_C = 40.
        double[] v = {0, 10, 20, 40, 30, 50, 60, 90};
        assertArrayEquals(new double[] {20, 30, 40}, Shapley.exact(3, m -> v[(int) m]), 1e-12);
        // the same by sampling: with 3 players all 6 orders show up
        double[] s = Shapley.sampled(3, m -> v[(int) m], 6000, 7);
        assertArrayEquals(new double[] {20, 30, 40}, s, 1.0);
    }

    @Test
    void sampledShapleyIsExactOnAdditiveGamesAndReproducible() {
        int n = 20;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i + 1;
        }
        double[] phi = Shapley.values(n, m -> {
            double t = 0;
            for (int i = 0; i < n; i++) {
                if ((m & (1L << i)) != 0) {
                    t += w[i];
                }
            }
            return t;
        }, 15, 50, 1);
        assertArrayEquals(w, phi, 1e-9);
        // v(S) = |S|²: each player's value is n by symmetry; sampling is close and identical run to run
        double[] a = Shapley.values(n, m -> Math.pow(Long.bitCount(m), 2), 15, 2000, 42);
        double[] b = Shapley.values(n, m -> Math.pow(Long.bitCount(m), 2), 15, 2000, 42);
        assertArrayEquals(a, b, 0.0);
        for (double x : a) {
            assertEquals(n, x, 1.5);
        }
    }

    @Test
    void shapleySharesOfAPathFromSmoothedSetRates() {
        // {A}: 10 paths, 5 convert; {B}: 10, 1; {A,B}: 4, 2. Overall rate 8/24 = 1/3, prior strength 1.
        // r(A) = (5 + 1/3)/11 = 16/33, r(B) = (1 + 1/3)/11 = 4/33, prior(AB) = 10/33,
        // r(AB) = (2 + 10/33)/5 = 76/165. φ_A = 8/33 + (76/165 − 20/165)/2 = 68/165,
        // φ_B = 10/165 + (76/165 − 80/165)/2 = 8/165 → shares 17/19 and 2/19.
        List<ChannelModels.PathRow> rows = List.of(
                new ChannelModels.PathRow(List.of("a"), false, 10, new long[] {5}),
                new ChannelModels.PathRow(List.of("b"), false, 10, new long[] {1}),
                new ChannelModels.PathRow(List.of("b", "a"), false, 4, new long[] {2}));
        ChannelModels.SetGame g = new ChannelModels.SetGame(rows, 0, ChannelModels.Settings.defaults());
        assertEquals(76.0 / 165, g.rate(g.mask(List.of("a", "b"))), 1e-12);
        Map<String, Double> phi = g.shapley(List.of("b", "a"));
        assertEquals(68.0 / 165, phi.get("a"), 1e-12);
        assertEquals(8.0 / 165, phi.get("b"), 1e-12);
        ChannelModels.Output out = ChannelModels.compute(rows, List.of("contacted"), ChannelModels.Settings.defaults());
        Map<String, Double> shares = out.shares().stream()
                .filter(s -> s.model().equals("shapley") && s.pathKey().equals("b>a"))
                .collect(Collectors.toMap(ChannelModels.Share::channel, ChannelModels.Share::share));
        assertEquals(17.0 / 19, shares.get("a"), 1e-12);
        assertEquals(2.0 / 19, shares.get("b"), 1e-12);
    }

    @Test
    void channelModelsAreIdenticalRunToRun() {
        List<ChannelModels.PathRow> rows = new java.util.ArrayList<>();
        String[] ch = {"a", "b", "c", "d"};
        for (int i = 0; i < 40; i++) {
            List<String> p = List.of(ch[i % 4], ch[(i / 4) % 4], ch[(i / 16) % 4]);
            rows.add(new ChannelModels.PathRow(p, i % 5 == 0, 3 + i % 7, new long[] {i % 3, i % 2, 0, 1}));
        }
        List<String> outcomes = List.of("contacted", "contacted_unknown", "accompanied", "handed_off");
        ChannelModels.Output a = ChannelModels.compute(rows, outcomes, ChannelModels.Settings.defaults());
        ChannelModels.Output b = ChannelModels.compute(rows, outcomes, ChannelModels.Settings.defaults());
        assertEquals(a, b);
        // each converting path's shares sum to one for every model and outcome
        Map<String, Double> sums = a.shares().stream().collect(Collectors.groupingBy(
                s -> s.outcome() + s.model() + s.pathKey(), Collectors.summingDouble(ChannelModels.Share::share)));
        sums.values().forEach(v -> assertEquals(1.0, v, 1e-12));
    }

    @Test
    void linearSolveAndInverse() {
        double[][] a = {{4, 1}, {2, 3}};
        assertArrayEquals(new double[] {0.1, 0.6}, LinearSolve.solve(a, new double[] {1, 2}), 1e-12);
        double[][] inv = LinearSolve.inverse(a);
        assertArrayEquals(new double[] {0.3, -0.1}, inv[0], 1e-12);
        assertArrayEquals(new double[] {-0.2, 0.4}, inv[1], 1e-12);
    }
}
