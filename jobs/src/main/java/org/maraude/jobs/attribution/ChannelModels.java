package org.maraude.jobs.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The channel-level models of one project, computed on the driver from its distinct paths and
 * their counts (small: a few hundred rows per project, never raw touches).
 *
 * <ul>
 *   <li><b>Markov</b> (orders 1 and 2): removal effects of the project's chain; each converting
 *       path's unit of credit is shared among its channels in proportion to their removal
 *       effects (equal shares when all are zero).
 *   <li><b>Shapley</b>: for a converting path whose channel set is T, the game on T's channels is
 *       {@code v(S) = r(S)}, the conversion rate of paths whose channel set is exactly S (smoothed
 *       towards the mean of its sub-coalitions, so unseen coalitions are defined), {@code v(∅) = 0};
 *       the path's unit is shared in proportion to the positive Shapley values on T. Summed over
 *       paths this is the Shapley value of the project-level game
 *       {@code V(S) = Σ_T n(T) r(T ∩ S)} (the game is additive over channel sets).
 * </ul>
 * Shares of a path sum to one, so credits sum to the number of outcomes.
 */
final class ChannelModels {
    static final String MARKOV = "markov_";
    static final String SHAPLEY = "shapley";

    /** One distinct path of the project: channels in time order, holdout flag, count, conversions per outcome. */
    record PathRow(List<String> channels, boolean holdout, long count, long[] conversions) {
        String key() {
            return key(channels);
        }

        static String key(List<String> channels) {
            return String.join(">", channels);
        }
    }

    record Share(String outcome, String model, String pathKey, String channel, double share) {}

    record Metric(String model, String target, String metric, double value, long nTrain, long nHoldout) {}

    record Effect(String model, String target, String channel, double value) {}

    record Settings(int exactMax, int permutations, long seed, double priorStrength, double holdoutAlpha) {
        static Settings defaults() {
            return new Settings(15, 2000, 20_240_901L, 1.0, 0.5);
        }
    }

    record Output(List<Share> shares, List<Metric> metrics, List<Effect> effects) {}

    private ChannelModels() {}

    static Output compute(List<PathRow> rows, List<String> outcomes, Settings s) {
        List<Share> shares = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>();
        List<Effect> effects = new ArrayList<>();
        for (int o = 0; o < outcomes.size(); o++) {
            String outcome = outcomes.get(o);
            List<MarkovChain.PathCount> all = new ArrayList<>();
            List<MarkovChain.PathCount> train = new ArrayList<>();
            List<MarkovChain.PathCount> holdout = new ArrayList<>();
            Map<String, List<String>> converting = new TreeMap<>();
            for (PathRow r : rows) {
                long conv = r.conversions()[o];
                MarkovChain.PathCount pc = new MarkovChain.PathCount(r.channels(), conv, r.count() - conv);
                all.add(pc);
                (r.holdout() ? holdout : train).add(pc);
                if (conv > 0) {
                    converting.put(r.key(), r.channels());
                }
            }
            double[] heldLl = new double[2];
            long nTrain = train.stream().mapToLong(MarkovChain.PathCount::total).sum();
            long nHold = holdout.stream().mapToLong(MarkovChain.PathCount::total).sum();
            int vocabulary = channelsOf(all).size() + 2;
            double[] bic = new double[2];
            for (int order = 1; order <= 2; order++) {
                MarkovChain chain = MarkovChain.fit(all, order);
                Map<String, Double> re = chain.removalEffects();
                re.forEach((c, v) -> effects.add(new Effect(MARKOV + chain.order(), outcome, c, v)));
                for (Map.Entry<String, List<String>> p : converting.entrySet()) {
                    Map<String, Double> w = new LinkedHashMap<>();
                    for (String c : p.getValue()) {
                        w.put(c, re.getOrDefault(c, 0.0));
                    }
                    addShares(shares, outcome, MARKOV + order, p.getKey(), w);
                }
                MarkovChain fitTrain = MarkovChain.fit(train, order);
                heldLl[order - 1] = nHold == 0 ? Double.NaN
                        : fitTrain.logLikelihood(holdout, s.holdoutAlpha(), vocabulary) / nHold;
                bic[order - 1] = chain.bic();
                String model = MARKOV + order;
                metrics.add(new Metric(model, outcome, "conversion_probability", chain.conversionProbability(),
                        nTrain + nHold, 0));
                metrics.add(new Metric(model, outcome, "holdout_log_lik_per_path", heldLl[order - 1], nTrain, nHold));
                metrics.add(new Metric(model, outcome, "bic", bic[order - 1], nTrain + nHold, 0));
                metrics.add(new Metric(model, outcome, "parameters", chain.parameters(), nTrain + nHold, 0));
            }
            int chosen = Double.isNaN(heldLl[0]) || Double.isNaN(heldLl[1])
                    ? (bic[1] < bic[0] ? 2 : 1)
                    : (heldLl[1] > heldLl[0] ? 2 : 1);
            metrics.add(new Metric("markov", outcome, "chosen_order", chosen, nTrain, nHold));

            SetGame game = new SetGame(rows, o, s);
            for (Map.Entry<String, List<String>> p : converting.entrySet()) {
                addShares(shares, outcome, SHAPLEY, p.getKey(), game.shapley(p.getValue()));
            }
        }
        return new Output(shares, metrics, effects);
    }

    private static TreeSet<String> channelsOf(List<MarkovChain.PathCount> paths) {
        TreeSet<String> cs = new TreeSet<>();
        paths.forEach(p -> cs.addAll(p.channels()));
        return cs;
    }

    /** Normalises non-negative weights to shares summing to one (equal shares when all are zero). */
    private static void addShares(List<Share> out, String outcome, String model, String pathKey, Map<String, Double> w) {
        double total = w.values().stream().mapToDouble(v -> Math.max(0, v)).sum();
        for (Map.Entry<String, Double> e : w.entrySet()) {
            double share = total > 0 ? Math.max(0, e.getValue()) / total : 1.0 / w.size();
            out.add(new Share(outcome, model, pathKey, e.getKey(), share));
        }
    }

    /**
     * The project's conversion rates by exact channel set, and the Shapley shares of a set. Rates
     * are smoothed: {@code r(S) = (c(S) + m·prior(S)) / (n(S) + m)} where the prior of a single
     * channel is the project's conversion rate and that of a larger set the mean rate of its
     * sub-coalitions with one channel fewer; so a coalition never observed takes its prior.
     */
    static final class SetGame {
        private final Map<String, Integer> index = new TreeMap<>();
        private final Map<Long, long[]> stats = new HashMap<>();
        private final Map<Long, Double> memo = new HashMap<>();
        private final double overall;
        private final Settings s;

        SetGame(List<PathRow> rows, int outcome, Settings s) {
            this.s = s;
            TreeSet<String> cs = new TreeSet<>();
            rows.forEach(r -> cs.addAll(r.channels()));
            if (cs.size() > 63) {
                throw new IllegalArgumentException("Shapley attribution supports at most 63 channels per project");
            }
            for (String c : cs) {
                index.put(c, index.size());
            }
            long n = 0;
            long c = 0;
            for (PathRow r : rows) {
                long mask = mask(r.channels());
                long[] st = stats.computeIfAbsent(mask, k -> new long[2]);
                st[0] += r.count();
                st[1] += r.conversions()[outcome];
                n += r.count();
                c += r.conversions()[outcome];
            }
            overall = n == 0 ? 0 : (double) c / n;
        }

        long mask(List<String> channels) {
            long m = 0;
            for (String ch : channels) {
                m |= 1L << index.get(ch);
            }
            return m;
        }

        double rate(long mask) {
            if (mask == 0) {
                return 0;
            }
            Double cached = memo.get(mask);
            if (cached != null) {
                return cached;
            }
            double prior;
            if (Long.bitCount(mask) == 1) {
                prior = overall;
            } else {
                double sum = 0;
                int k = 0;
                for (long rest = mask; rest != 0; rest &= rest - 1) {
                    sum += rate(mask & ~Long.lowestOneBit(rest));
                    k++;
                }
                prior = sum / k;
            }
            long[] st = stats.getOrDefault(mask, new long[2]);
            double r = (st[1] + s.priorStrength() * prior) / (st[0] + s.priorStrength());
            memo.put(mask, r);
            return r;
        }

        /** Shapley values of the channels of a path on the game restricted to them (in path order of first appearance). */
        Map<String, Double> shapley(List<String> path) {
            List<String> players = new ArrayList<>(new java.util.LinkedHashSet<>(path));
            long[] bit = new long[players.size()];
            for (int i = 0; i < bit.length; i++) {
                bit[i] = 1L << index.get(players.get(i));
            }
            double[] phi = Shapley.values(players.size(), local -> {
                long g = 0;
                for (int i = 0; i < bit.length; i++) {
                    if ((local & (1L << i)) != 0) {
                        g |= bit[i];
                    }
                }
                return rate(g);
            }, s.exactMax(), s.permutations(), s.seed() ^ mask(path));
            Map<String, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < phi.length; i++) {
                out.put(players.get(i), phi[i]);
            }
            return out;
        }
    }
}
