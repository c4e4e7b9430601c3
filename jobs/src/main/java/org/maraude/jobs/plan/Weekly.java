package org.maraude.jobs.plan;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The Spark side of planning: weekly spend and paid-attributed outcomes per project, paid channel
 * (ad platform) and creative theme. A youth counts for a channel when their integer source
 * (contract §3) is one of its paid creatives or campaigns (in {@code ad_delivery}): organic posts on
 * the same platform are not a response to its spend. Weeks are Paris calendar weeks (Monday first)
 * of the delivery day and of the first contact.
 */
final class Weekly {
    private Weekly() {}

    /** The Monday of a date's week (dayofweek: Sunday 1 … Saturday 7). */
    static Column monday(Column date) {
        return org.apache.spark.sql.functions.date_sub(date, org.apache.spark.sql.functions.pmod(
                org.apache.spark.sql.functions.dayofweek(date).plus(5), lit(7)));
    }

    private static Column flag(String c) {
        return when(col(c), 1L).otherwise(0L);
    }

    /**
     * youth_journey rows whose source is a paid creative or campaign: project_id, youth_key, channel
     * (its ad platform), theme (of the creative, when the source is a creative), first_contact_date,
     * previously_unknown, accompanied, handed_off, dept.
     */
    static Dataset<Row> paidYouth(Dataset<Row> journey, Dataset<Row> ad, Dataset<Row> creatives) {
        Dataset<Row> cr = ad.groupBy(col("project_id").as("pc_project"), col("creative_id").as("pc_creative"))
                .agg(min("platform").as("pc_platform"));
        Dataset<Row> ca = ad.groupBy(col("project_id").as("pa_project"), col("campaign_id").as("pa_campaign"))
                .agg(min("platform").as("pa_platform"));
        Dataset<Row> th = creatives.select(col("project_id").as("t_project"), col("creative_id").as("t_creative"),
                col("theme").as("t_theme"));
        return journey.join(cr, col("project_id").equalTo(col("pc_project"))
                        .and(col("source_creative_id").equalTo(col("pc_creative"))), "left")
                .join(ca, col("project_id").equalTo(col("pa_project"))
                        .and(col("source_campaign_id").equalTo(col("pa_campaign"))), "left")
                .withColumn("channel", coalesce(col("pc_platform"), col("pa_platform")))
                .filter(col("channel").isNotNull())
                .join(th, col("project_id").equalTo(col("t_project"))
                        .and(col("source_creative_id").equalTo(col("t_creative"))), "left")
                .select(col("project_id"), col("youth_key"), col("channel"),
                        when(col("pc_platform").isNotNull(), col("t_theme")).as("theme"), col("first_contact_date"),
                        coalesce(col("previously_unknown"), lit(false)).as("previously_unknown"),
                        coalesce(col("accompanied"), lit(false)).as("accompanied"),
                        coalesce(col("handed_off"), lit(false)).as("handed_off"), col("dept"));
    }

    /**
     * Weekly rows: project_id, channel, theme (null = the whole channel), week_start, spend_eur,
     * active_days (days with spend), contacted, contacted_unknown, accompanied, handed_off (of the
     * paid-attributed youth), project_contacted, project_unknown, project_accompanied and
     * project_handed_off (all the project's youth first contacted that week, whatever their source). Only weeks with spend or paid contacts.
     */
    static Dataset<Row> weekly(Dataset<Row> ad, Dataset<Row> creatives, Dataset<Row> paidYouth, Dataset<Row> journey) {
        Dataset<Row> th = creatives.select(col("project_id").as("t_project"), col("creative_id").as("t_creative"),
                col("theme"));
        Dataset<Row> spendDays = ad.join(th, col("project_id").equalTo(col("t_project"))
                        .and(col("creative_id").equalTo(col("t_creative"))), "left")
                .select(col("project_id"), col("platform").as("channel"), col("theme"), col("date"),
                        monday(col("date")).as("week_start"), col("spend_eur").cast(DataTypes.DoubleType).as("spend"));
        Column activeDays = org.apache.spark.sql.functions.countDistinct(when(col("spend").gt(0), col("date")))
                .as("active_days");
        Dataset<Row> spend = spendDays.groupBy("project_id", "channel", "week_start")
                .agg(sum("spend").as("spend_eur"), activeDays).withColumn("theme", lit(null).cast(DataTypes.StringType))
                .unionByName(spendDays.filter(col("theme").isNotNull())
                        .groupBy("project_id", "channel", "theme", "week_start").agg(sum("spend").as("spend_eur"),
                                activeDays));
        Dataset<Row> y = paidYouth.withColumn("week_start", monday(col("first_contact_date")));
        Column[] outcomes = {count(lit(1)).as("contacted"), sum(flag("previously_unknown")).as("contacted_unknown"),
            sum(flag("accompanied")).as("accompanied"), sum(flag("handed_off")).as("handed_off")};
        Dataset<Row> contacts = y.groupBy("project_id", "channel", "week_start")
                .agg(outcomes[0], java.util.Arrays.copyOfRange(outcomes, 1, outcomes.length))
                .withColumn("theme", lit(null).cast(DataTypes.StringType))
                .unionByName(y.filter(col("theme").isNotNull()).groupBy("project_id", "channel", "theme", "week_start")
                        .agg(outcomes[0], java.util.Arrays.copyOfRange(outcomes, 1, outcomes.length)));
        Dataset<Row> c = contacts.select(col("project_id").as("c_project"), col("channel").as("c_channel"),
                col("theme").as("c_theme"), col("week_start").as("c_week"), col("contacted"), col("contacted_unknown"),
                col("accompanied"), col("handed_off"));
        Dataset<Row> all = journey.groupBy(col("project_id").as("a_project"),
                        monday(col("first_contact_date")).as("a_week"))
                .agg(count(lit(1)).as("project_contacted"), sum(flag("previously_unknown")).as("project_unknown"),
                        sum(flag("accompanied")).as("project_accompanied"), sum(flag("handed_off")).as("project_handed_off"));
        return spend.join(c, col("project_id").equalTo(col("c_project")).and(col("channel").equalTo(col("c_channel")))
                        .and(col("theme").eqNullSafe(col("c_theme"))).and(col("week_start").equalTo(col("c_week"))),
                        "full_outer")
                .select(coalesce(col("project_id"), col("c_project")).as("project_id"),
                        coalesce(col("channel"), col("c_channel")).as("channel"),
                        when(col("project_id").isNotNull(), col("theme")).otherwise(col("c_theme")).as("theme"),
                        coalesce(col("week_start"), col("c_week")).as("week_start"),
                        coalesce(col("spend_eur"), lit(0.0)).as("spend_eur"),
                        coalesce(col("active_days"), lit(0L)).as("active_days"),
                        coalesce(col("contacted"), lit(0L)).as("contacted"),
                        coalesce(col("contacted_unknown"), lit(0L)).as("contacted_unknown"),
                        coalesce(col("accompanied"), lit(0L)).as("accompanied"),
                        coalesce(col("handed_off"), lit(0L)).as("handed_off"))
                .join(all, col("project_id").equalTo(col("a_project")).and(col("week_start").equalTo(col("a_week"))), "left")
                .drop("a_project", "a_week")
                .withColumn("project_contacted", coalesce(col("project_contacted"), lit(0L)))
                .withColumn("project_unknown", coalesce(col("project_unknown"), lit(0L)))
                .withColumn("project_accompanied", coalesce(col("project_accompanied"), lit(0L)))
                .withColumn("project_handed_off", coalesce(col("project_handed_off"), lit(0L)));
    }

    /** Each project's data period: first and last Paris day of its ad delivery and first contacts. */
    static Dataset<Row> periods(Dataset<Row> ad, Dataset<Row> journey) {
        return ad.select(col("project_id"), col("date").as("day"))
                .unionByName(journey.select(col("project_id"), col("first_contact_date").as("day")))
                .filter(col("day").isNotNull())
                .groupBy("project_id").agg(min("day").as("first_day"), max("day").as("last_day"));
    }

    static Column safeDiv(Column num, Column den) {
        return when(den.gt(0), num.cast(DataTypes.DoubleType).divide(den.cast(DataTypes.DoubleType)));
    }
}
