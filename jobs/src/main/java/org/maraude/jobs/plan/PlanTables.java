package org.maraude.jobs.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The planning tables, defined once: their columns (Spark and DuckDB types) and the records that
 * hold their rows on the driver. {@code response_weeks}, {@code response_curves},
 * {@code response_curve_draws} are written by the nightly run; {@code plan} and {@code plan_totals}
 * by the nightly run (default plans) and by {@code maraude plan} (into {@code <out>/plans.duckdb}).
 */
public final class PlanTables {
    private PlanTables() {}

    public static final String WEEKS = "response_weeks";
    public static final String CURVES = "response_curves";
    public static final String DRAWS = "response_curve_draws";
    public static final String PLAN = "plan";
    public static final String PLAN_TOTALS = "plan_totals";

    /** A column: its name, Spark type and DuckDB type. */
    public record Col(String name, DataType type) {
        public String duckType() {
            if (type.equals(DataTypes.StringType)) return "VARCHAR";
            if (type.equals(DataTypes.DoubleType)) return "DOUBLE";
            if (type.equals(DataTypes.IntegerType)) return "INTEGER";
            if (type.equals(DataTypes.LongType)) return "BIGINT";
            if (type.equals(DataTypes.DateType)) return "DATE";
            if (type.equals(DataTypes.BooleanType)) return "BOOLEAN";
            throw new IllegalArgumentException("no DuckDB type for " + type);
        }
    }

    private static Col s(String n) {
        return new Col(n, DataTypes.StringType);
    }

    private static Col d(String n) {
        return new Col(n, DataTypes.DoubleType);
    }

    private static Col i(String n) {
        return new Col(n, DataTypes.IntegerType);
    }

    private static Col l(String n) {
        return new Col(n, DataTypes.LongType);
    }

    private static Col date(String n) {
        return new Col(n, DataTypes.DateType);
    }

    public static StructType schema(List<Col> cols) {
        List<StructField> f = new ArrayList<>();
        for (Col c : cols) {
            f.add(DataTypes.createStructField(c.name(), c.type(), true));
        }
        return DataTypes.createStructType(f);
    }

    static Dataset<Row> frame(SparkSession spark, List<Col> cols, List<Object[]> rows) {
        List<Row> r = new ArrayList<>(rows.size());
        for (Object[] v : rows) {
            r.add(RowFactory.create(v));
        }
        return spark.createDataFrame(r, schema(cols));
    }

    // ------------------------------------------------------------------ response_weeks

    public static final List<Col> WEEK_COLS = List.of(s("project_id"), s("channel"), s("theme"), date("week_start"),
            i("days"), d("spend_eur"), i("active_days"), l("contacted"), l("contacted_unknown"), l("accompanied"),
            l("handed_off"), l("project_contacted"), l("project_unknown"), l("project_accompanied"),
            l("project_handed_off"), d("fitted_contacted"), d("fitted_own"));

    /**
     * One week of a paid channel (theme null) or of one creative theme of it: spend, days with spend,
     * paid-attributed outcomes, all the project's contacts (whatever their source), and the fitted
     * attributed contacts and the part of them the spend caused ({@link ResponseFitting}).
     */
    public record Week(String projectId, String channel, String theme, LocalDate weekStart, int days, double spendEur,
            int activeDays, long contacted, long contactedUnknown, long accompanied, long handedOff,
            long projectContacted, long projectUnknown, long projectAccompanied, long projectHandedOff,
            Double fittedContacted, Double fittedOwn) {
        public Object[] values() {
            return new Object[] {projectId, channel, theme, weekStart, days, spendEur, activeDays, contacted,
                contactedUnknown, accompanied, handedOff, projectContacted, projectUnknown, projectAccompanied,
                projectHandedOff, fittedContacted, fittedOwn};
        }

        long project(Objective o) {
            return switch (o) {
                case CONTACTED -> projectContacted;
                case CONTACTED_UNKNOWN -> projectUnknown;
                case ACCOMPANIED -> projectAccompanied;
                case HANDED_OFF -> projectHandedOff;
            };
        }

        long outcome(Objective o) {
            return switch (o) {
                case CONTACTED -> contacted;
                case CONTACTED_UNKNOWN -> contactedUnknown;
                case ACCOMPANIED -> accompanied;
                case HANDED_OFF -> handedOff;
            };
        }
    }

    // ------------------------------------------------------------------ response_curves

    public static final List<Col> CURVE_COLS;

    static {
        List<Col> c = new ArrayList<>(List.of(s("project_id"), s("channel"), s("theme"), s("objective"), s("status"),
                s("reason"), d("theta"), d("half_saturation_eur"), d("shape"), d("max_per_week"), d("outcome_share"),
                d("harvest_rate"), d("harvest_share")));
        for (String t : SchoolSeasons.TERMS) {
            c.add(d("season_" + t));
        }
        c.addAll(List.of(d("holdout_mape"), d("holdout_r2"), d("holdout_actual"), d("holdout_predicted"),
                i("holdout_weeks"), i("n_weeks"), i("weeks_with_spend"), d("spend_cv"), d("spend_eur"), l("contacted"),
                l("outcomes"), date("first_week"), date("data_end"), i("draws")));
        CURVE_COLS = List.copyOf(c);
    }

    /**
     * A fitted (or refused) curve of a project's channel (theme null) or theme, for one objective.
     * {@code maxPerWeek} is in units of the objective; {@code season} holds the term indices;
     * {@code harvestRate} is the share of the project's other contacts credited to the channel while
     * it runs ads, and {@code harvestShare} the part of its attributed contacts that this explains
     * (not caused by its spend, so never planned on).
     */
    public record Curve(String projectId, String channel, String theme, String objective, String status, String reason,
            Double theta, Double halfSaturationEur, Double shape, Double maxPerWeek, Double outcomeShare,
            Double harvestRate, Double harvestShare, double[] season, Double holdoutMape, Double holdoutR2, Double holdoutActual, Double holdoutPredicted,
            int holdoutWeeks, int nWeeks, int weeksWithSpend, Double spendCv, double spendEur, long contacted,
            long outcomes, LocalDate firstWeek, LocalDate dataEnd, int draws) {
        public static final String FITTED = "fitted";
        public static final String REFUSED = "refused";

        public boolean fitted() {
            return FITTED.equals(status);
        }

        public ResponseCurve curve() {
            return fitted() ? new ResponseCurve(theta, halfSaturationEur, shape, maxPerWeek) : null;
        }

        Object[] values() {
            List<Object> v = new ArrayList<>(List.of(projectId, channel));
            v.add(theme);
            v.addAll(java.util.Arrays.asList(objective, status, reason, theta, halfSaturationEur, shape, maxPerWeek,
                    outcomeShare, harvestRate, harvestShare));
            for (double x : season) {
                v.add(x);
            }
            v.addAll(java.util.Arrays.asList(holdoutMape, holdoutR2, holdoutActual, holdoutPredicted, holdoutWeeks,
                    nWeeks, weeksWithSpend, spendCv, spendEur, contacted, outcomes, firstWeek, dataEnd, draws));
            return v.toArray();
        }
    }

    // ------------------------------------------------------------------ response_curve_draws

    public static final List<Col> DRAW_COLS = List.of(s("project_id"), s("channel"), s("theme"), s("objective"),
            i("draw"), d("theta"), d("half_saturation_eur"), d("shape"), d("max_per_week"));

    /** One bootstrap draw of a fitted curve. */
    public record Draw(String projectId, String channel, String theme, String objective, int draw, double theta,
            double halfSaturationEur, double shape, double maxPerWeek) {
        Object[] values() {
            return new Object[] {projectId, channel, theme, objective, draw, theta, halfSaturationEur, shape, maxPerWeek};
        }

        public ResponseCurve curve() {
            return new ResponseCurve(theta, halfSaturationEur, shape, maxPerWeek);
        }
    }

    // ------------------------------------------------------------------ plan

    public static final List<Col> PLAN_COLS = List.of(s("project_id"), s("scenario"), s("channel"), d("budget_eur"),
            d("expected"), d("expected_low80"), d("expected_high80"), d("current_budget_eur"), d("current_expected"),
            d("current_low80"), d("current_high80"), d("marginal_cost_eur"), s("evidence"), s("objective"),
            i("weeks"), date("start_week"), s("note"));

    /** One channel of a plan: the recommended and the current split with their expected outcomes. */
    public record Line(String projectId, String scenario, String channel, double budgetEur, Double expected,
            Double expectedLow80, Double expectedHigh80, Double currentBudgetEur, Double currentExpected,
            Double currentLow80, Double currentHigh80, Double marginalCostEur, String evidence, String objective,
            int weeks, LocalDate startWeek, String note) {
        public static final String OK = "ok";
        public static final String THIN = "thin";

        public Object[] values() {
            return new Object[] {projectId, scenario, channel, budgetEur, expected, expectedLow80, expectedHigh80,
                currentBudgetEur, currentExpected, currentLow80, currentHigh80, marginalCostEur, evidence, objective,
                weeks, startWeek, note};
        }
    }

    public static final List<Col> TOTAL_COLS = List.of(s("project_id"), s("scenario"), s("objective"), i("weeks"),
            date("start_week"), d("budget_eur"), d("expected"), d("expected_low80"), d("expected_high80"),
            d("current_expected"), d("current_low80"), d("current_high80"), d("uplift"), d("uplift_low80"),
            d("uplift_high80"), d("thin_budget_eur"), i("draws"), s("constraints"));

    /**
     * A plan's totals over the channels with enough evidence ({@code thin_budget_eur} is the spend
     * kept on the others, whose outcome is not predicted). Intervals come from the same draws for
     * both splits, so the uplift's interval is the interval of the difference.
     */
    public record Total(String projectId, String scenario, String objective, int weeks, LocalDate startWeek,
            double budgetEur, Double expected, Double expectedLow80, Double expectedHigh80, Double currentExpected,
            Double currentLow80, Double currentHigh80, Double uplift, Double upliftLow80, Double upliftHigh80,
            double thinBudgetEur, int draws, String constraints) {
        public Object[] values() {
            return new Object[] {projectId, scenario, objective, weeks, startWeek, budgetEur, expected, expectedLow80,
                expectedHigh80, currentExpected, currentLow80, currentHigh80, uplift, upliftLow80, upliftHigh80,
                thinBudgetEur, draws, constraints};
        }
    }
}
