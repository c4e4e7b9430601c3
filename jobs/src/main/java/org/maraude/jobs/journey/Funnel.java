package org.maraude.jobs.journey;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The funder's funnel per project × Paris month × source platform × source creative
 * ({@code funnel_monthly}), and across projects where a youth counts once
 * ({@code funnel_monthly_programme}). Youth are counted in the month of their first contact
 * (a cohort view: "accompanied" in March = first contacted in March and accompanied since).
 */
public final class Funnel {
    private Funnel() {}

    static final String[] YOUTH_COUNTS = {"contacted", "accompanied", "handed_off", "handoff_confirmed",
        "contacted_unknown", "accompanied_unknown", "handed_off_unknown", "handoff_confirmed_unknown"};

    /**
     * Exposure per project, month, platform and creative. A day's reach is not additive, so a
     * creative-month's people reached is its largest daily reach (a lower bound, never a sum of
     * days); where any day lacks reach the month falls back to impressions, marked as such.
     * Organic views add to it with basis "views".
     */
    static Dataset<Row> exposure(Dataset<Row> adDelivery, Dataset<Row> socialPosts) {
        Dataset<Row> ads = adDelivery.withColumn("month", Journeys.month(col("date")))
                .groupBy(col("project_id"), col("month"), col("platform").as("source_platform"),
                        col("creative_id").as("source_creative_id"))
                .agg(max("reach").as("_max_reach"), count(lit(1)).as("_days"), count("reach").as("_reach_days"),
                        sum("impressions").as("impressions"), sum("clicks").as("clicks"), sum("spend_eur").as("spend_eur"))
                .withColumn("_full_reach", col("_reach_days").equalTo(col("_days")))
                .select(col("project_id"), col("month"), col("source_platform"), col("source_creative_id"),
                        when(col("_full_reach"), col("_max_reach")).otherwise(col("impressions")).as("seen"),
                        when(col("_full_reach"), lit("reach")).otherwise(lit("impressions")).as("basis"),
                        col("impressions"), col("clicks"), col("spend_eur"));
        Dataset<Row> organic = socialPosts.withColumn("month", Journeys.month(col("date")))
                .groupBy(col("project_id"), col("month"), col("platform").as("source_platform"),
                        col("creative_id").as("source_creative_id"))
                .agg(coalesce(sum("views"), lit(0L)).as("seen"), coalesce(sum("link_clicks"), lit(0L)).as("clicks"))
                .select(col("project_id"), col("month"), col("source_platform"), col("source_creative_id"), col("seen"),
                        lit("views").as("basis"), lit(0L).as("impressions"), col("clicks"),
                        lit(null).cast("decimal(18,4)").as("spend_eur"));
        return ads.unionByName(organic)
                .groupBy("project_id", "month", "source_platform", "source_creative_id")
                .agg(sum("seen").as("seen"), array_join(array_sort(collect_set("basis")), "+").as("seen_basis"),
                        sum("impressions").as("impressions"), sum("clicks").as("clicks"),
                        coalesce(sum("spend_eur"), lit(0).cast("decimal(18,4)")).cast("decimal(18,2)").as("spend_eur"));
    }

    private static Column flag(String c) {
        return sum(when(col(c), 1).otherwise(0)).cast("long");
    }

    private static Column flagUnknown(String c) {
        return sum(when(col(c).and(col("previously_unknown")), 1).otherwise(0)).cast("long");
    }

    static Dataset<Row> youthCounts(Dataset<Row> journeys) {
        return journeys.withColumn("month", Journeys.month(col("first_contact_date")))
                .groupBy("project_id", "month", "source_platform", "source_creative_id")
                .agg(count(lit(1)).as("contacted"), flag("accompanied").as("accompanied"),
                        flag("handed_off").as("handed_off"), flag("handoff_confirmed").as("handoff_confirmed"),
                        flag("previously_unknown").as("contacted_unknown"),
                        flagUnknown("accompanied").as("accompanied_unknown"),
                        flagUnknown("handed_off").as("handed_off_unknown"),
                        flagUnknown("handoff_confirmed").as("handoff_confirmed_unknown"));
    }

    /** {@code funnel_monthly}: exposure and youth counts side by side; zero where a side is absent. */
    static Dataset<Row> monthly(Dataset<Row> journeys, Dataset<Row> exposure) {
        Dataset<Row> y = youthCounts(journeys);
        String[] keys = {"project_id", "month", "source_platform", "source_creative_id"};
        Column on = lit(true);
        for (String k : keys) {
            on = on.and(exposure.col(k).eqNullSafe(y.col(k)));
        }
        Dataset<Row> joined = exposure.join(y, on, "full_outer");
        Column[] cols = new Column[keys.length + 5 + YOUTH_COUNTS.length];
        int i = 0;
        for (String k : keys) {
            cols[i++] = coalesce(exposure.col(k), y.col(k)).as(k);
        }
        cols[i++] = coalesce(exposure.col("seen"), lit(0L)).as("seen");
        cols[i++] = exposure.col("seen_basis");
        cols[i++] = coalesce(exposure.col("impressions"), lit(0L)).as("impressions");
        cols[i++] = coalesce(exposure.col("clicks"), lit(0L)).as("clicks");
        cols[i++] = coalesce(exposure.col("spend_eur"), lit(0).cast("decimal(18,2)")).as("spend_eur");
        for (String c : YOUTH_COUNTS) {
            cols[i++] = coalesce(y.col(c), lit(0L)).as(c);
        }
        return joined.select(cols);
    }

    /**
     * {@code funnel_monthly_programme}: across projects a youth counts once, at their earliest first
     * contact in any project (whose source and unknown status are used); accompanied or handed off
     * in any project.
     */
    static Dataset<Row> programme(Dataset<Row> journeys, Dataset<Row> exposure) {
        Dataset<Row> once = journeys.groupBy("youth_key").agg(
                min(org.apache.spark.sql.functions.struct(col("first_contact_ts"), col("project_id"),
                        col("first_contact_date"), col("source_platform"), col("source_creative_id"),
                        col("previously_unknown"))).as("_e"),
                max("accompanied").as("accompanied"), max("handed_off").as("handed_off"),
                max("handoff_confirmed").as("handoff_confirmed"))
                .select(col("youth_key"), lit("*").as("project_id"), col("_e.first_contact_date").as("first_contact_date"),
                        col("_e.source_platform").as("source_platform"), col("_e.previously_unknown").as("previously_unknown"),
                        lit(null).cast("string").as("source_creative_id"), col("accompanied"), col("handed_off"),
                        col("handoff_confirmed"));
        Dataset<Row> exp = exposure.groupBy(lit("*").as("project_id"), col("month"), col("source_platform"),
                        lit(null).cast("string").as("source_creative_id"))
                .agg(sum("seen").as("seen"), array_join(array_sort(org.apache.spark.sql.functions.array_distinct(
                                org.apache.spark.sql.functions.flatten(collect_set(org.apache.spark.sql.functions.split(
                                        col("seen_basis"), "\\+"))))), "+").as("seen_basis"),
                        sum("impressions").as("impressions"), sum("clicks").as("clicks"), sum("spend_eur").as("spend_eur"));
        return monthly(once, exp).drop("project_id", "source_creative_id");
    }
}
