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

    static List<ChannelModels.PathRow> rows(List<MarkovChain.PathCount> paths) {
        return paths.stream().map(p -> new ChannelModels.PathRow("2026-03", p.channels(), false, p.total(),
                new long[] {p.conversions()})).toList();
    }

    static Map<String, Double> credits(ChannelModels.Output out, String model) {
        return out.credits().stream().filter(c -> c.model().equals(model))
                .collect(Collectors.toMap(ChannelModels.Credit::channel, ChannelModels.Credit::credit));
    }

    @Test
    void markovCreditsFollowRemovalEffects() {
        ChannelModels.Output out = ChannelModels.compute(rows(TEXTBOOK), List.of("contacted"),
                ChannelModels.Settings.defaults());
        // one conversion shared 0.5 : 1 : 1 over 2.5
        Map<String, Double> m1 = credits(out, "markov_1");
        assertEquals(0.2, m1.get("c1"), 1e-12);
        assertEquals(0.4, m1.get("c2"), 1e-12);
        assertEquals(0.4, m1.get("c3"), 1e-12);
    }

    @Test
    void shapleyValuesOfTheChainGame() {
        // v(S) = P(conversion | only S) on the textbook chain: every S without c3 → 0 (c3 is the only way to
        // convert); v({c3}) = 0 and v({c1,c3}) = 0 (c2 is needed after c1 and at the start);
        // v({c2,c3}) = 1/3·1·1/2 = 1/6; v(all) = 1/3. Over the 6 orders: φ1 = (1/6 + 1/6)/6 = 1/18,
        // φ2 = φ3 = (1/3 + 1/3 + 1/6)/6 = 5/36 → shares 1/6, 5/12, 5/12.
        Map<String, Double> phi = ChannelModels.shapley(TEXTBOOK, ChannelModels.Settings.defaults(), 0);
        assertEquals(1.0 / 18, phi.get("c1"), 1e-12);
        assertEquals(5.0 / 36, phi.get("c2"), 1e-12);
        assertEquals(5.0 / 36, phi.get("c3"), 1e-12);
        Map<String, Double> credits = credits(ChannelModels.compute(rows(TEXTBOOK), List.of("contacted"),
                ChannelModels.Settings.defaults()), "shapley");
        assertEquals(1.0 / 6, credits.get("c1"), 1e-12);
        assertEquals(5.0 / 12, credits.get("c2"), 1e-12);
        // the same with sampled permutations: close, and identical run to run
        ChannelModels.Settings sampled = new ChannelModels.Settings(0, 6000, 3, 0.5);
        Map<String, Double> s1 = ChannelModels.shapley(TEXTBOOK, sampled, 0);
        assertEquals(s1, ChannelModels.shapley(TEXTBOOK, sampled, 0));
        assertEquals(5.0 / 36, s1.get("c2"), 0.01);
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
        ChannelModels.Output out = ChannelModels.compute(rows(paths), List.of("contacted"),
                ChannelModels.Settings.defaults());
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
    void channelModelsAreIdenticalRunToRun() {
        List<ChannelModels.PathRow> rows = new java.util.ArrayList<>();
        String[] ch = {"a", "b", "c", "d"};
        for (int i = 0; i < 40; i++) {
            List<String> p = List.of(ch[i % 4], ch[(i / 4) % 4], ch[(i / 16) % 4]);
            rows.add(new ChannelModels.PathRow("2026-0" + (1 + i % 3), p, i % 5 == 0, 3 + i % 7,
                    new long[] {i % 3, i % 2, 0, 1}));
        }
        List<String> outcomes = List.of("contacted", "contacted_unknown", "accompanied", "handed_off");
        ChannelModels.Output a = ChannelModels.compute(rows, outcomes, ChannelModels.Settings.defaults());
        ChannelModels.Output b = ChannelModels.compute(rows, outcomes, ChannelModels.Settings.defaults());
        assertEquals(a, b);
        // every model's credits sum to the month's conversions, for every outcome
        Map<String, Double> sums = a.credits().stream().collect(Collectors.groupingBy(
                c -> c.month() + "/" + c.outcome() + "/" + c.model(), Collectors.summingDouble(ChannelModels.Credit::credit)));
        for (int o = 0; o < 4; o++) {
            for (String month : List.of("2026-01", "2026-02", "2026-03")) {
                final int oo = o;
                long n = rows.stream().filter(r -> r.month().equals(month)).mapToLong(r -> r.conversions()[oo]).sum();
                for (String model : List.of("markov_1", "markov_2", "shapley")) {
                    assertEquals(n, sums.getOrDefault(month + "/" + outcomes.get(o) + "/" + model, 0.0), 1e-9);
                }
            }
        }
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
