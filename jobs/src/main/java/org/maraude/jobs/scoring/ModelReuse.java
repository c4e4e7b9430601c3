package org.maraude.jobs.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.maraude.jobs.spark.Location;

/**
 * Whether a night keeps the MLlib models of an earlier run instead of fitting them again. The
 * models describe who is previously unknown across months of contacts: one more day of data moves
 * them little, and fitting them is the largest part of a small night. A night keeps them when they
 * were fitted with the same settings, at most {@code maxAgeDays} ago, for the same scopes, and each
 * scope's contacted youth changed by at most {@code maxGrowth} (a share) since; otherwise it fits
 * again. Kept models are copied into the new release with their metrics and effects, which keep the
 * run id and time of their fit (the contract's "with the run that trained it").
 */
public final class ModelReuse {
    private ModelReuse() {}

    /** Raised when a change to the models' code changes what a fit gives: earlier models are then fitted again. */
    static final int VERSION = 1;
    /** The settings of a fit, written next to its models. */
    static final String SETTINGS_FILE = "settings.txt";

    /** [scoring.models.max.age.days, 7; 0 fits every night] and [scoring.models.max.growth, 0.1]. */
    public record Policy(int maxAgeDays, double maxGrowth) {
        public static Policy everyNight() {
            return new Policy(0, 0);
        }
    }

    /** The current release's models folder and its published {@code model_metrics} and {@code model_effects}. */
    public record Previous(Location models, Dataset<Row> metrics, Dataset<Row> effects) {}

    /** An earlier fit: its run, when, and the contacted youth of each scope (training plus holdout). */
    record Fit(String runId, Instant trainedAt, Map<String, Long> youth) {}

    /** {@code runId} of the models to keep, or null to fit; {@code reason} says why, for the run log. */
    record Decision(String runId, String reason) {
        boolean reuse() {
            return runId != null;
        }
    }

    private static Decision fit(String reason) {
        return new Decision(null, reason);
    }

    static Decision decide(Fit then, String settingsThen, String settingsNow, Map<String, Long> youthNow, Instant now,
            Policy policy) {
        if (policy.maxAgeDays() <= 0) {
            return fit("fitted every night (scoring.models.max.age.days = 0)");
        }
        if (then == null) {
            return fit("no earlier models");
        }
        if (!settingsNow.equals(settingsThen)) {
            return fit("the model settings changed since run " + then.runId());
        }
        if (!then.youth().keySet().equals(youthNow.keySet())) {
            return fit("the scopes changed: " + youthNow.keySet() + " against " + then.youth().keySet());
        }
        Duration age = Duration.between(then.trainedAt(), now);
        if (age.compareTo(Duration.ofDays(policy.maxAgeDays())) > 0) {
            return fit("the models of run " + then.runId() + " are " + age.toDays() + " days old");
        }
        for (Map.Entry<String, Long> e : youthNow.entrySet()) {
            long before = then.youth().get(e.getKey());
            if (Math.abs(e.getValue() - before) > policy.maxGrowth() * before) {
                return fit("scope " + e.getKey() + ": " + e.getValue() + " contacted youth against " + before
                        + " at run " + then.runId());
            }
        }
        return new Decision(then.runId(), "kept the models of run " + then.runId() + " (fitted " + then.trainedAt()
                + ", contacted youth within " + Math.round(policy.maxGrowth() * 100) + "% in every scope)");
    }

    /**
     * The fit behind published MLlib metric rows (columns model, scope, metric, bin, n_train,
     * n_holdout, run_id, trained_at), or null when there is none or more than one.
     */
    static Fit fitOf(List<Row> metrics) {
        String run = null;
        Instant at = null;
        Map<String, Long> youth = new TreeMap<>();
        for (Row r : metrics) {
            String model = r.getAs("model");
            if (!model.equals(Models.LOGISTIC) && !model.equals(Models.GBT)) {
                continue;
            }
            String rowRun = r.getAs("run_id");
            if (run != null && !run.equals(rowRun)) {
                return null;
            }
            run = rowRun;
            Object t = r.getAs("trained_at");
            at = t instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) t;
            if (r.getAs("bin") == null && r.<String>getAs("metric").equals("base_rate")) {
                youth.put(r.getAs("scope"), r.<Long>getAs("n_train") + r.<Long>getAs("n_holdout"));
            }
        }
        return run == null || youth.isEmpty() ? null : new Fit(run, at, youth);
    }

    /** The settings of a fit as one line: what must be equal for its models to be kept. */
    static String settings(ScoringJob.Params p) {
        return "v" + VERSION + " " + p.models() + " features=" + Models.FEATURES + " minRows=" + p.minModelRows()
                + " minClass=" + p.minModelClass();
    }

    static String readSettings(Location runModels) {
        try {
            Location f = runModels.resolve(SETTINGS_FILE);
            return f.exists() ? f.readString() : null;
        } catch (IOException e) {
            return null; // unreadable: fitted again
        }
    }

    static void writeSettings(Location runModels, String settings) {
        try {
            runModels.mkdirs();
            Location f = runModels.resolve(SETTINGS_FILE);
            f.deleteTree();
            f.createNew(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runModels.resolve(SETTINGS_FILE), e);
        }
    }
}
