package org.maraude.jobs.attribution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Markov chain of order {@code k} over touch paths, with two absorbing states (conversion and
 * null), fitted from distinct paths and their counts. A state is the last {@code min(i, k)}
 * channels after {@code i} steps; the start state precedes the first touch.
 *
 * <p>Probabilities of absorption are exact: {@code (I - Q) x = r} is solved (fundamental-matrix
 * algebra), never simulated, so removal effects are identical run to run. Removing a channel
 * sends every transition into a state whose current channel is that channel to null.
 * Methodology: {@code docs/metrics.md}, "Attribution and scores".
 */
final class MarkovChain {
    /** A distinct path (channels in time order) with how many times it ended in conversion or not. */
    record PathCount(List<String> channels, long conversions, long nonConversions) {
        long total() {
            return conversions + nonConversions;
        }
    }

    static final String START = "\u0002start";
    static final String CONVERSION = "\u0002conversion";
    static final String NULL = "\u0002null";
    private static final String SEP = "\u001f";

    private final int order;
    /** state → next symbol (a channel, CONVERSION or NULL) → weight. */
    private final Map<String, Map<String, Double>> counts = new TreeMap<>();
    private final Set<String> channels = new TreeSet<>();

    private MarkovChain(int order) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be at least 1");
        }
        this.order = order;
    }

    static MarkovChain fit(Collection<PathCount> paths, int order) {
        MarkovChain m = new MarkovChain(order);
        for (PathCount p : paths) {
            if (p.total() <= 0 || p.channels().isEmpty()) {
                continue;
            }
            m.channels.addAll(p.channels());
            String state = START;
            List<String> history = new ArrayList<>();
            for (String c : p.channels()) {
                m.add(state, c, p.total());
                history.add(c);
                state = m.stateOf(history);
            }
            m.add(state, CONVERSION, p.conversions());
            m.add(state, NULL, p.nonConversions());
        }
        return m;
    }

    private void add(String state, String next, double w) {
        if (w > 0) {
            counts.computeIfAbsent(state, s -> new TreeMap<>()).merge(next, w, Double::sum);
        }
    }

    private String stateOf(List<String> history) {
        return String.join(SEP, history.subList(Math.max(0, history.size() - order), history.size()));
    }

    private String nextState(String state, String channel) {
        if (state.equals(START) || order == 1) {
            return channel;
        }
        String[] parts = state.split(SEP, -1);
        List<String> h = new ArrayList<>(List.of(parts));
        h.add(channel);
        return stateOf(h);
    }

    private static String current(String state) {
        int i = state.lastIndexOf(SEP);
        return i < 0 ? state : state.substring(i + 1);
    }

    Set<String> channels() {
        return channels;
    }

    int order() {
        return order;
    }

    /** Probability of ending in conversion from the start state. */
    double conversionProbability() {
        return conversionProbability(c -> true);
    }

    /** Probability of conversion from the start when {@code removed} (may be null) is taken out. */
    double conversionProbabilityWithout(String removed) {
        return conversionProbability(c -> removed == null || !c.equals(removed));
    }

    /** Probability of conversion from the start when only the channels in {@code kept} remain. */
    double conversionProbabilityKeeping(Set<String> kept) {
        return conversionProbability(kept::contains);
    }

    /**
     * Probability of conversion from the start when every state whose current channel fails
     * {@code present} sends all its traffic to null.
     */
    double conversionProbability(java.util.function.Predicate<String> present) {
        if (counts.isEmpty()) {
            return 0;
        }
        List<String> states = new ArrayList<>(counts.keySet());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < states.size(); i++) {
            index.put(states.get(i), i);
        }
        int n = states.size();
        double[][] a = new double[n][n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
            String s = states.get(i);
            if (!s.equals(START) && !present.test(current(s))) {
                continue; // absorbing null: x = 0
            }
            Map<String, Double> out = counts.get(s);
            double total = out.values().stream().mapToDouble(Double::doubleValue).sum();
            for (Map.Entry<String, Double> e : out.entrySet()) {
                double p = e.getValue() / total;
                if (e.getKey().equals(CONVERSION)) {
                    r[i] += p;
                } else if (!e.getKey().equals(NULL)) {
                    Integer j = index.get(nextState(s, e.getKey()));
                    if (j != null) {
                        a[i][j] -= p;
                    }
                }
            }
        }
        return LinearSolve.solve(a, r)[index.get(START)];
    }

    /**
     * Removal effect of each channel: {@code 1 - P(conversion without c) / P(conversion)}; zero for
     * every channel when nothing converts.
     */
    Map<String, Double> removalEffects() {
        Map<String, Double> re = new TreeMap<>();
        double base = conversionProbability();
        for (String c : channels) {
            re.put(c, base <= 0 ? 0.0 : Math.max(0.0, 1.0 - conversionProbabilityWithout(c) / base));
        }
        return re;
    }

    /**
     * Log-likelihood of {@code paths} (transitions and their absorbing end) under this chain, with
     * additive smoothing {@code alpha} over {@code vocabulary} possible next symbols (channels plus
     * conversion and null), so unseen transitions of a holdout keep a finite likelihood.
     */
    double logLikelihood(Collection<PathCount> paths, double alpha, int vocabulary) {
        double ll = 0;
        for (PathCount p : paths) {
            if (p.total() <= 0 || p.channels().isEmpty()) {
                continue;
            }
            String state = START;
            List<String> history = new ArrayList<>();
            double pathLl = 0;
            for (String c : p.channels()) {
                pathLl += Math.log(smoothed(state, c, alpha, vocabulary));
                history.add(c);
                state = stateOf(history);
            }
            ll += p.total() * pathLl + p.conversions() * Math.log(smoothed(state, CONVERSION, alpha, vocabulary))
                    + p.nonConversions() * Math.log(smoothed(state, NULL, alpha, vocabulary));
        }
        return ll;
    }

    private double smoothed(String state, String next, double alpha, int vocabulary) {
        Map<String, Double> out = counts.get(state);
        double total = out == null ? 0 : out.values().stream().mapToDouble(Double::doubleValue).sum();
        double c = out == null ? 0 : out.getOrDefault(next, 0.0);
        return (c + alpha) / (total + alpha * vocabulary);
    }

    /** Maximum-likelihood log-likelihood of the paths the chain was fitted on. */
    double fittedLogLikelihood() {
        double ll = 0;
        for (Map<String, Double> out : counts.values()) {
            double total = out.values().stream().mapToDouble(Double::doubleValue).sum();
            for (double c : out.values()) {
                ll += c * Math.log(c / total);
            }
        }
        return ll;
    }

    /** Free parameters: for each state, its observed next symbols minus one. */
    int parameters() {
        return counts.values().stream().mapToInt(m -> m.size() - 1).sum();
    }

    /** Observed transitions (weighted), the sample size of the BIC. */
    double transitions() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).sum();
    }

    /** Bayesian information criterion, {@code -2 LL + k ln(n)}: lower is better. */
    double bic() {
        double n = transitions();
        return -2 * fittedLogLikelihood() + parameters() * Math.log(Math.max(n, 1));
    }
}
