package org.maraude.jobs.plan;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.LayerAggregates;
import org.maraude.jobs.journey.JourneyJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 4, planning. Inputs: the ingested {@code ad_delivery}, {@code creatives},
 * {@code social_posts}, {@code touchpoints} and the journeys' {@code youth_journey}. Outputs (all
 * small, built on the driver after one weekly aggregation in Spark):
 * <ul>
 *   <li>{@code response_weeks}: weekly spend and paid-attributed outcomes per project, paid channel
 *       and creative theme, with the fitted contacts;</li>
 *   <li>{@code response_curves} and {@code response_curve_draws}: adstock + Hill curves per
 *       project, channel (and theme) and objective, refused where the evidence is thin, with their
 *       holdout quality and bootstrap draws ({@link ResponseFitting});</li>
 *   <li>{@code plan} and {@code plan_totals}: each project's default plan — its last 12 complete
 *       weeks' paid spend over the next 12 weeks, for contacted_unknown ({@link Planner});</li>
 *   <li>{@code targeting_depts}, {@code targeting_creatives}, {@code targeting_placements}
 *       ({@link Targeting}).</li>
 * </ul>
 * Writes nothing itself: the nightly run publishes the frames. Deterministic for a given
 * {@link Params#fit()} seed.
 */
public final class PlanJob {
    private static final Logger LOG = LoggerFactory.getLogger(PlanJob.class);

    private PlanJob() {}

    /**
     * @param fit            evidence thresholds, holdout, bootstrap draws and seed of the curve fits
     * @param populationFile optional CSV {@code dept,youth_population} (null: population-relative
     *                       figures stay null)
     * @param targeting      build the targeting tables (false leaves them null: tests of the curves)
     */
    public record Params(ResponseFitting.Settings fit, Path populationFile, boolean targeting) {
        public static Params defaults() {
            return new Params(ResponseFitting.Settings.defaults(), null, true);
        }
    }

    public record Result(Dataset<Row> responseWeeks, Dataset<Row> responseCurves, Dataset<Row> curveDraws,
            Dataset<Row> plan, Dataset<Row> planTotals, Dataset<Row> targetingDepts, Dataset<Row> targetingCreatives,
            Dataset<Row> targetingPlacements, ResponseFitting.Result fit, List<Planner.Plan> plans) {
        /** The warehouse tables, by name. */
        public Map<String, Dataset<Row>> tables() {
            Map<String, Dataset<Row>> t = new LinkedHashMap<>();
            t.put(PlanTables.WEEKS, responseWeeks);
            t.put(PlanTables.CURVES, responseCurves);
            t.put(PlanTables.DRAWS, curveDraws);
            t.put(PlanTables.PLAN, plan);
            t.put(PlanTables.PLAN_TOTALS, planTotals);
            if (targetingDepts != null) {
                t.put("targeting_depts", targetingDepts);
                t.put("targeting_creatives", targetingCreatives);
                t.put("targeting_placements", targetingPlacements);
            }
            return t;
        }

        public long fitted() {
            return fit.curves().stream().filter(c -> c.fitted() && c.theme() == null
                    && c.objective().equals(Objective.DEFAULT.code())).count();
        }
    }

    public static Result run(IngestJob.Result in, JourneyJob.Result j, Params p) {
        Dataset<Row> journey = j.youthJourney();
        SparkSession spark = journey.sparkSession();
        Dataset<Row> ad = in.get(Contract.AD_DELIVERY);
        Dataset<Row> creatives = in.get(Contract.CREATIVES);
        spark.sparkContext().setJobDescription("planning: weekly spend and paid-attributed contacts");
        Dataset<Row> paid = Weekly.paidYouth(journey, ad, creatives).cache();
        List<PlanTables.Week> weeks = new ArrayList<>();
        for (Row r : Weekly.weekly(ad, creatives, paid, journey).collectAsList()) {
            weeks.add(new PlanTables.Week(r.getAs("project_id"), r.getAs("channel"), r.getAs("theme"),
                    r.getAs("week_start"), 0, r.<Double>getAs("spend_eur"), (int) (long) r.<Long>getAs("active_days"),
                    r.<Long>getAs("contacted"), r.<Long>getAs("contacted_unknown"), r.<Long>getAs("accompanied"),
                    r.<Long>getAs("handed_off"), r.<Long>getAs("project_contacted"), r.<Long>getAs("project_unknown"),
                    r.<Long>getAs("project_accompanied"), r.<Long>getAs("project_handed_off"), null, null));
        }
        Map<String, ResponseFitting.Period> periods = new TreeMap<>();
        for (Row r : Weekly.periods(ad, journey).collectAsList()) {
            periods.put(r.getAs("project_id"), new ResponseFitting.Period(r.<LocalDate>getAs("first_day"),
                    r.<LocalDate>getAs("last_day")));
        }
        spark.sparkContext().setJobDescription("planning: response curves (driver)");
        ResponseFitting.Result fit = ResponseFitting.fit(weeks, periods, p.fit());
        LOG.info("planning: {} channel curves fitted, {} refused; season terms {}",
                fit.curves().stream().filter(c -> c.theme() == null && c.fitted() && c.objective().equals("contacted")).count(),
                fit.curves().stream().filter(c -> c.theme() == null && !c.fitted() && c.objective().equals("contacted")).count(),
                java.util.Arrays.toString(fit.season()));

        List<Planner.Plan> plans = new ArrayList<>();
        for (String project : periods.keySet()) {
            ProjectData data = ProjectData.of(project, Objective.DEFAULT, fit.curves(), fit.draws(), fit.weeks());
            if (data == null) {
                continue;
            }
            try {
                plans.add(Planner.plan(data, PlanRequest.defaults(project)));
            } catch (IllegalArgumentException e) {
                LOG.info("planning: no default plan for {}: {}", project, e.getMessage());
            }
        }
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> totals = new ArrayList<>();
        for (Planner.Plan pl : plans) {
            pl.lines().forEach(l -> lines.add(l.values()));
            totals.add(pl.total().values());
        }

        Dataset<Row> depts = null;
        Dataset<Row> creativeTable = null;
        Dataset<Row> placementTable = null;
        if (p.targeting()) {
            spark.sparkContext().setJobDescription("planning: targeting");
            depts = Targeting.depts(spark, journey, paid, ad, p.populationFile());
            List<Row> creativeWeeks = Targeting.creativeWeeks(ad, in.get(Contract.SOCIAL_POSTS), journey).collectAsList();
            List<Row> creativeAttrs = creatives.select("project_id", "creative_id", "platform", "theme", "creator",
                    "format").collectAsList();
            List<Row> placementFacts = Targeting.placementFacts(LayerAggregates.perLayer(in, Contract.TOUCHPOINTS,
                    "scan-visitors-1", Targeting::scanVisitors), journey).collectAsList();
            creativeTable = PlanTables.frame(spark, Targeting.CREATIVE_COLS,
                    Targeting.creatives(creativeWeeks, creativeAttrs));
            placementTable = PlanTables.frame(spark, Targeting.PLACEMENT_COLS, Targeting.placements(placementFacts));
        }
        spark.sparkContext().setJobDescription(null);
        return new Result(
                PlanTables.frame(spark, PlanTables.WEEK_COLS, fit.weeks().stream().map(PlanTables.Week::values).toList()),
                PlanTables.frame(spark, PlanTables.CURVE_COLS, fit.curves().stream().map(PlanTables.Curve::values).toList()),
                PlanTables.frame(spark, PlanTables.DRAW_COLS, fit.draws().stream().map(PlanTables.Draw::values).toList()),
                PlanTables.frame(spark, PlanTables.PLAN_COLS, lines),
                PlanTables.frame(spark, PlanTables.TOTAL_COLS, totals),
                depts, creativeTable, placementTable, fit, List.copyOf(plans));
    }
}
