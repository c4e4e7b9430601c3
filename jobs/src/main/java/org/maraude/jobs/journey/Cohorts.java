package org.maraude.jobs.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code cohorts}: by project and month of first contact, the share accompanied and handed off within 30, 60 and 90 days. */
public final class Cohorts {
    private Cohorts() {}

    static final int[] DAYS = {30, 60, 90};

    static Dataset<Row> cohorts(Dataset<Row> journeys) {
        Dataset<Row> j = journeys.withColumn("cohort_month", Journeys.month(col("first_contact_date")));
        Column[] aggs = new Column[1 + 4 * DAYS.length];
        aggs[0] = count(lit(1)).as("contacted");
        int i = 1;
        for (int d : DAYS) {
            Column within = expr("make_dt_interval(" + d + ")");
            Column acc = col("accompaniment_start_ts").isNotNull()
                    .and(col("accompaniment_start_ts").leq(col("first_contact_ts").plus(within)));
            Column hand = col("handoff_ts").isNotNull().and(col("handoff_ts").leq(col("first_contact_ts").plus(within)));
            aggs[i++] = sum(when(acc, 1).otherwise(0)).cast("long").as("accompanied_" + d + "d");
            aggs[i++] = sum(when(hand, 1).otherwise(0)).cast("long").as("handed_off_" + d + "d");
        }
        Dataset<Row> counts = j.groupBy("project_id", "cohort_month").agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, i));
        for (int d : DAYS) {
            counts = counts.withColumn("share_accompanied_" + d + "d",
                            round(col("accompanied_" + d + "d").divide(col("contacted")), 4))
                    .withColumn("share_handed_off_" + d + "d", round(col("handed_off_" + d + "d").divide(col("contacted")), 4));
        }
        return counts;
    }
}
