package org.maraude.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** When a night keeps the earlier models, by hand: each condition alone turns the decision. */
class ModelReuseTest {
    static final Instant FIT = Instant.parse("2026-11-16T02:00:00Z");
    static final ModelReuse.Fit THEN = new ModelReuse.Fit("run-a", FIT, Map.of("*", 1000L, "p1", 400L));
    static final ModelReuse.Policy WEEK = new ModelReuse.Policy(7, 0.1);
    static final String S = "v1 settings";

    static ModelReuse.Decision decide(Map<String, Long> now, Instant at, String settingsThen, ModelReuse.Policy p) {
        return ModelReuse.decide(THEN, settingsThen, S, now, at, p);
    }

    @Test
    void keepsModelsThatAreRecentAndWhoseScopesMovedLittle() {
        // 1,100 = 1,000 + 10%, 360 = 400 − 10%: at the limit, kept
        ModelReuse.Decision d = decide(Map.of("*", 1100L, "p1", 360L), FIT.plus(java.time.Duration.ofDays(7)), S, WEEK);
        assertTrue(d.reuse(), d.reason());
        assertEquals("run-a", d.runId());
    }

    @Test
    void fitsAgainWhenAnyConditionFails() {
        Instant day = FIT.plus(java.time.Duration.ofDays(1));
        assertFalse(decide(Map.of("*", 1101L, "p1", 400L), day, S, WEEK).reuse(), "pooled scope grew 10.1%");
        assertFalse(decide(Map.of("*", 1000L, "p1", 359L), day, S, WEEK).reuse(), "a project shrank 10.25%");
        assertFalse(decide(Map.of("*", 1000L, "p1", 400L), FIT.plus(java.time.Duration.ofDays(7)).plusSeconds(1), S,
                WEEK).reuse(), "older than 7 days");
        assertFalse(decide(Map.of("*", 1000L, "p1", 400L, "p2", 300L), day, S, WEEK).reuse(), "a new scope");
        assertFalse(decide(Map.of("*", 1000L), day, S, WEEK).reuse(), "a scope fewer");
        assertFalse(decide(Map.of("*", 1000L, "p1", 400L), day, "v1 other settings", WEEK).reuse(), "settings");
        assertFalse(decide(Map.of("*", 1000L, "p1", 400L), day, null, WEEK).reuse(), "settings not recorded");
        assertFalse(decide(Map.of("*", 1000L, "p1", 400L), day, S, ModelReuse.Policy.everyNight()).reuse(), "max age 0");
        ModelReuse.Decision none = ModelReuse.decide(null, null, S, Map.of("*", 1000L), day, WEEK);
        assertFalse(none.reuse());
        assertEquals("no earlier models", none.reason());
        assertTrue(decide(Map.of("*", 1000L, "p1", 400L), day, S, WEEK).reuse());
    }

    static final StructType METRICS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("model", DataTypes.StringType, false),
            DataTypes.createStructField("scope", DataTypes.StringType, false),
            DataTypes.createStructField("metric", DataTypes.StringType, false),
            DataTypes.createStructField("bin", DataTypes.IntegerType, true),
            DataTypes.createStructField("n_train", DataTypes.LongType, true),
            DataTypes.createStructField("n_holdout", DataTypes.LongType, true),
            DataTypes.createStructField("run_id", DataTypes.StringType, true),
            DataTypes.createStructField("trained_at", DataTypes.TimestampType, true)));

    static Row row(String model, String scope, String metric, Integer bin, long train, long holdout, String run) {
        return new GenericRowWithSchema(new Object[] {model, scope, metric, bin, train, holdout, run,
            Timestamp.from(FIT)}, METRICS);
    }

    /** The youth of a scope at its fit: training plus holdout of its summary rows, not of a calibration bin. */
    @Test
    void readsTheFitFromPublishedMetrics() {
        ModelReuse.Fit f = ModelReuse.fitOf(List.of(row("logistic", "*", "base_rate", null, 800, 200, "run-a"),
                row("logistic", "*", "calibration_observed", 3, 800, 20, "run-a"),
                row("gbt", "*", "base_rate", null, 800, 200, "run-a"),
                row("logistic", "p1", "base_rate", null, 320, 80, "run-a"),
                row("markov_1", "p1", "chosen_order", null, 0, 0, "run-b")));
        assertEquals(new ModelReuse.Fit("run-a", FIT, Map.of("*", 1000L, "p1", 400L)), f);
        assertNull(ModelReuse.fitOf(List.of(row("logistic", "*", "base_rate", null, 800, 200, "run-a"),
                row("logistic", "p1", "base_rate", null, 320, 80, "run-b"))), "two fits: none is kept");
        assertNull(ModelReuse.fitOf(List.of(row("markov_1", "p1", "chosen_order", null, 0, 0, "run-b"))));
    }
}
