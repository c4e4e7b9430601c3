package org.maraude.jobs.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code reply_times}: how fast mediators answer. A youth's message that opens a wait (the first
 * inbound event after a mediator reply, or the first ever) is answered by the next
 * mediator_reply of the same youth in the same project. Per project, channel and Paris hour of
 * week (0 = Monday 00:00–00:59; null = all hours): messages, answered, median and 90th percentile
 * minutes (exact), share answered within 30 minutes (unanswered count as not within).
 */
public final class ReplyTimes {
    private ReplyTimes() {}

    static Dataset<Row> waits(Dataset<Row> contacts) {
        WindowSpec byYouth = Window.partitionBy("project_id", "youth_key").orderBy(col("ts"), col("_reply"));
        Dataset<Row> ev = contacts.filter(col("event").isin("first_contact", "inbound_message", "mediator_reply"))
                .withColumn("_reply", col("event").equalTo("mediator_reply"))
                .withColumn("_prev_reply", lag(col("_reply"), 1).over(byYouth));
        WindowSpec next = Window.partitionBy("project_id", "youth_key").orderBy(col("ts"), col("_reply"))
                .rowsBetween(Window.currentRow(), Window.unboundedFollowing());
        return ev.withColumn("_next_reply_ts", min(when(col("_reply"), col("ts"))).over(next))
                .filter(col("_reply").equalTo(false).and(col("_prev_reply").isNull().or(col("_prev_reply"))))
                .withColumn("_local", Journeys.paris(col("ts")))
                .withColumn("hour_of_week", expr("((dayofweek(_local) + 5) % 7) * 24 + hour(_local)"))
                .withColumn("reply_minutes", expr("cast(unix_micros(_next_reply_ts) - unix_micros(ts) AS double) / 60000000"))
                .select(col("project_id"), col("youth_key"), col("ts"), col("channel"), col("hour_of_week"),
                        col("reply_minutes"));
    }

    /**
     * One aggregate with two grouping sets, (project, channel, hour of week) and (project, channel) with
     * a null hour: the waits (two windows over every contact) are computed once, not once per set.
     */
    static Dataset<Row> replyTimes(Dataset<Row> contacts) {
        return fromWaits(waits(contacts));
    }

    /** {@link #replyTimes} from the {@link #waits} (each youth's are a function of that youth's contact events alone). */
    static Dataset<Row> fromWaits(Dataset<Row> waits) {
        Column project = col("project_id");
        Column channel = col("channel");
        Column hour = col("hour_of_week");
        scala.collection.immutable.Seq<scala.collection.immutable.Seq<Column>> sets = seq(List.of(
                seq(List.of(project, channel, hour)), seq(List.of(project, channel))));
        return summarise(waits.groupingSets(sets, project, channel, hour));
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> items) {
        return scala.jdk.javaapi.CollectionConverters.asScala(items).toList();
    }

    private static Dataset<Row> summarise(org.apache.spark.sql.RelationalGroupedDataset g) {
        Column within = when(col("reply_minutes").leq(30), 1).otherwise(0);
        return g.agg(count(lit(1)).as("messages"), count("reply_minutes").as("answered"),
                        round(expr("percentile(reply_minutes, 0.5)"), 1).as("median_minutes"),
                        round(expr("percentile(reply_minutes, 0.9)"), 1).as("p90_minutes"),
                        round(sum(within).divide(count(lit(1))), 4).as("share_within_30min"))
                .withColumn("hour_of_week", col("hour_of_week").cast("int"));
    }
}
