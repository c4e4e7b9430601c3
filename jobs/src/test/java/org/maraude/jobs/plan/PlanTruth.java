package org.maraude.jobs.plan;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The sample generator's ground truth of the paid channels (sample-data/README.md, "The causal
 * model"): each channel's true response curve (response_curves.csv), its true weekly spend and
 * school-calendar index (weekly_paid.csv), and the probability that a youth its ads bring is
 * previously unknown (paid creatives of creatives.csv, weighted by their expected contacts).
 */
final class PlanTruth {
    private final Map<String, ResponseCurve> curves = new HashMap<>();
    private final Map<String, TreeMap<LocalDate, double[]>> weekly = new HashMap<>();
    private final Map<String, double[]> unknown = new HashMap<>();

    PlanTruth(Path dir) throws IOException {
        for (CSVRecord r : csv(dir.resolve("response_curves.csv"))) {
            curves.put(key(r.get("project_id"), r.get("channel")), new ResponseCurve(d(r, "theta"),
                    d(r, "half_saturation_eur"), d(r, "shape"), d(r, "max_contacts_per_week")));
        }
        for (CSVRecord r : csv(dir.resolve("weekly_paid.csv"))) {
            weekly.computeIfAbsent(key(r.get("project_id"), r.get("channel")), k -> new TreeMap<>())
                    .put(LocalDate.parse(r.get("week_start")), new double[] {d(r, "spend_eur"), d(r, "season")});
        }
        for (CSVRecord r : csv(dir.resolve("creatives.csv"))) {
            if (r.get("component").equals("paid")) {
                double[] u = unknown.computeIfAbsent(key(r.get("project_id"), r.get("platform")), k -> new double[2]);
                u[0] += d(r, "expected_contacts") * d(r, "p_previously_unknown");
                u[1] += d(r, "expected_contacts");
            }
        }
    }

    private static String key(String p, String c) {
        return p + "|" + c;
    }

    private static double d(CSVRecord r, String c) {
        return Double.parseDouble(r.get(c));
    }

    private static List<CSVRecord> csv(Path p) throws IOException {
        try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    double unknownShare(String project, String channel) {
        double[] u = unknown.get(key(project, channel));
        return u[0] / u[1];
    }

    /**
     * The true expected number of previously unknown youth a channel brings over the plan's weeks, as a
     * function of its total spend: the true adstock carried from the true past spend, the true
     * curve, the true school-calendar index of those weeks (that of the same weeks a year before).
     */
    ResponseCurve.Forward forward(String project, String channel, LocalDate start, int weeks) {
        TreeMap<LocalDate, double[]> w = weekly.get(key(project, channel));
        LocalDate first = w.firstKey();
        double[] past = new double[(int) ChronoUnit.WEEKS.between(first, start)];
        w.forEach((day, v) -> {
            int i = (int) ChronoUnit.WEEKS.between(first, day);
            if (i < past.length) {
                past[i] = v[0];
            }
        });
        double[] season = new double[weeks];
        for (int k = 0; k < weeks; k++) {
            season[k] = w.get(start.plusWeeks(k).minusWeeks(52))[1];
        }
        ResponseCurve c = curves.get(key(project, channel));
        return c.withMax(c.maxPerWeek() * unknownShare(project, channel)).forward(past, season);
    }

    /** A plan judged by the truth. */
    record Verdict(String project, double budget, double recommended, double current, double optimum) {
        double ofOptimum() {
            return recommended / optimum;
        }

        double currentOfOptimum() {
            return current / optimum;
        }
    }

    /** The true outcome of the recommended split, of the current split, and of the true optimal split of the same budget. */
    Verdict judge(Planner.Plan plan) {
        PlanTables.Total t = plan.total();
        List<DoubleUnaryOperator> f = new ArrayList<>();
        for (PlanTables.Line l : plan.lines()) {
            ResponseCurve.Forward fw = forward(t.projectId(), l.channel(), t.startWeek(), t.weeks());
            f.add(fw::outcome);
        }
        int n = f.size();
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, t.budgetEur());
        double optimum = Allocator.total(f, Allocator.optimise(f, lo, hi, t.budgetEur(), null));
        double rec = 0;
        double cur = 0;
        for (int i = 0; i < n; i++) {
            rec += f.get(i).applyAsDouble(plan.lines().get(i).budgetEur());
            cur += f.get(i).applyAsDouble(plan.lines().get(i).currentBudgetEur());
        }
        return new Verdict(t.projectId(), t.budgetEur(), rec, cur, optimum);
    }
}
