package org.maraude.jobs.attribution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The channel-level models of one project, computed on the driver from its distinct paths and
 * their counts (a few hundred rows per project, never raw touches).
 *
 * <p>For each month and outcome, an absorbing Markov chain is fitted on the month's paths: the
 * paths of the youth first contacted that month (converting if they reached the outcome) and the
 * non-converting paths of visitors and uncontacted youth whose last touch falls in that month.
 * <ul>
 *   <li><b>Markov</b> (orders 1 and 2): the month's path-converters are shared among channels in
 *       proportion to their removal effects, {@code n × RE_c / Σ RE} (the classical allocation);
 *   <li><b>Shapley</b>: the Shapley values of the coalition game of the order-1 chain,
 *       {@code v(S) = P(conversion | only the channels of S)}, {@code v(∅) = 0}; the game is
 *       monotone, so values are non-negative, and efficient, so {@code n × φ_c / v(N)} sums to n.
 *       Exact up to {@code exactMax} channels, seeded permutations beyond.
 * </ul>
 * Fitting each month's chain keeps credits in the months and channels that touched converters.
 * Over all months of the project, the chain of each order gives the diagnostics (holdout
 * log-likelihood, BIC, chosen order) and the published removal effects and Shapley shares.
 */
final class ChannelModels {
    static final String MARKOV = "markov_";
    static final String SHAPLEY = "shapley";

    /** One distinct path: Paris month, channels in time order, holdout flag, count, conversions per outcome. */
    record PathRow(String month, List<String> channels, boolean holdout, long count, long[] conversions) {
        String key() {
            return String.join(">", channels);
        }
    }

    record Credit(String month, String outcome, String model, String channel, double credit) {}

    record Metric(String model, String target, String metric, double value, long nTrain, long nHoldout) {}

    record Effect(String model, String target, String channel, String type, double value) {}

    record Settings(int exactMax, int permutations, long seed, double holdoutAlpha) {
        static Settings defaults() {
            return new Settings(15, 2000, 20_240_901L, 0.5);
        }
    }

    record Output(List<Credit> credits, List<Metric> metrics, List<Effect> effects) {}

    private ChannelModels() {}

    static List<MarkovChain.PathCount> counts(List<PathRow> rows, int outcome) {
        List<MarkovChain.PathCount> out = new ArrayList<>();
        for (PathRow r : rows) {
            long conv = r.conversions()[outcome];
            out.add(new MarkovChain.PathCount(r.channels(), conv, r.count() - conv));
        }
        return out;
    }

    static Output compute(List<PathRow> rows, List<String> outcomes, Settings s) {
        List<Credit> credits = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>();
        List<Effect> effects = new ArrayList<>();
        Map<String, List<PathRow>> byMonth = new TreeMap<>();
        for (PathRow r : rows) {
            if (r.month() != null) {
                byMonth.computeIfAbsent(r.month(), m -> new ArrayList<>()).add(r);
            }
        }
        for (int o = 0; o < outcomes.size(); o++) {
            String outcome = outcomes.get(o);
            diagnostics(rows, o, outcome, s, metrics, effects);
            for (Map.Entry<String, List<PathRow>> m : byMonth.entrySet()) {
                List<MarkovChain.PathCount> paths = counts(m.getValue(), o);
                long n = paths.stream().mapToLong(MarkovChain.PathCount::conversions).sum();
                if (n == 0) {
                    continue;
                }
                for (int order = 1; order <= 2; order++) {
                    Map<String, Double> re = MarkovChain.fit(paths, order).removalEffects();
                    share(credits, m.getKey(), outcome, MARKOV + order, n, re, paths);
                }
                share(credits, m.getKey(), outcome, SHAPLEY, n, shapley(paths, s, m.getKey().hashCode()), paths);
            }
        }
        return new Output(credits, metrics, effects);
    }

    /** Pooled chains of orders 1 and 2: order diagnostics, removal effects and Shapley shares. */
    private static void diagnostics(List<PathRow> rows, int o, String outcome, Settings s, List<Metric> metrics,
            List<Effect> effects) {
        List<MarkovChain.PathCount> all = counts(rows, o);
        List<MarkovChain.PathCount> train = new ArrayList<>();
        List<MarkovChain.PathCount> holdout = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (rows.get(i).holdout() ? holdout : train).add(all.get(i));
        }
        long nTrain = train.stream().mapToLong(MarkovChain.PathCount::total).sum();
        long nHold = holdout.stream().mapToLong(MarkovChain.PathCount::total).sum();
        Set<String> channels = new TreeSet<>();
        all.forEach(p -> channels.addAll(p.channels()));
        double[] heldLl = new double[2];
        double[] bic = new double[2];
        for (int order = 1; order <= 2; order++) {
            String model = MARKOV + order;
            MarkovChain chain = MarkovChain.fit(all, order);
            chain.removalEffects().forEach((c, v) -> effects.add(new Effect(model, outcome, c, "removal_effect", v)));
            heldLl[order - 1] = nHold == 0 ? Double.NaN
                    : MarkovChain.fit(train, order).logLikelihood(holdout, s.holdoutAlpha(), channels.size() + 2) / nHold;
            bic[order - 1] = chain.bic();
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
        Map<String, Double> phi = shapley(all, s, 0);
        double total = phi.values().stream().mapToDouble(Double::doubleValue).sum();
        phi.forEach((c, v) -> effects.add(new Effect(SHAPLEY, outcome, c, "shapley_share", total > 0 ? v / total : 0)));
    }

    /**
     * Shapley values of the order-1 chain's game {@code v(S) = P(conversion | only S)} over the
     * channels that appear on converting paths (the others are null players: value 0).
     */
    static Map<String, Double> shapley(List<MarkovChain.PathCount> paths, Settings s, long salt) {
        MarkovChain chain = MarkovChain.fit(paths, 1);
        Set<String> onConverting = new TreeSet<>();
        paths.stream().filter(p -> p.conversions() > 0).forEach(p -> onConverting.addAll(p.channels()));
        List<String> players = new ArrayList<>(onConverting);
        Map<Long, Double> memo = new java.util.HashMap<>();
        double[] phi = Shapley.values(players.size(), mask -> memo.computeIfAbsent(mask, k -> {
            Set<String> kept = new LinkedHashSet<>();
            for (int i = 0; i < players.size(); i++) {
                if ((k & (1L << i)) != 0) {
                    kept.add(players.get(i));
                }
            }
            return kept.isEmpty() ? 0.0 : chain.conversionProbabilityKeeping(kept);
        }), s.exactMax(), s.permutations(), s.seed() ^ salt);
        Map<String, Double> out = new TreeMap<>();
        for (String c : chain.channels()) {
            out.put(c, 0.0);
        }
        for (int i = 0; i < phi.length; i++) {
            out.put(players.get(i), Math.max(0, phi[i]));
        }
        return out;
    }

    /**
     * {@code n} conversions shared in proportion to non-negative weights; when every weight is zero,
     * equally among the channels of converting paths (so the sum always holds).
     */
    private static void share(List<Credit> out, String month, String outcome, String model, long n,
            Map<String, Double> weights, List<MarkovChain.PathCount> paths) {
        double total = weights.values().stream().mapToDouble(v -> Math.max(0, v)).sum();
        if (total > 0) {
            weights.forEach((c, w) -> out.add(new Credit(month, outcome, model, c, n * Math.max(0, w) / total)));
            return;
        }
        Set<String> onConverting = new TreeSet<>();
        paths.stream().filter(p -> p.conversions() > 0).forEach(p -> onConverting.addAll(p.channels()));
        onConverting.forEach(c -> out.add(new Credit(month, outcome, model, c, (double) n / onConverting.size())));
    }
}
