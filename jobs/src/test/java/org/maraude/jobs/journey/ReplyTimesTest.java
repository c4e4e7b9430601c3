package org.maraude.jobs.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.SparkTestSession;

class ReplyTimesTest {
    static final StructType WAITS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("project_id", DataTypes.StringType, false),
            DataTypes.createStructField("youth_key", DataTypes.StringType, false),
            DataTypes.createStructField("ts", DataTypes.TimestampType, false),
            DataTypes.createStructField("channel", DataTypes.StringType, true),
            DataTypes.createStructField("hour_of_week", DataTypes.IntegerType, true),
            DataTypes.createStructField("reply_minutes", DataTypes.DoubleType, true)));

    @Test
    void medianAndNinetiethPercentileAreExactAndInterpolated() {
        // WhatsApp waits at hour 10: answered in 10, 20, 30, 40 and 100 minutes, one unanswered; one SMS wait at hour 11
        List<Row> rows = new ArrayList<>();
        Double[] minutes = {10.0, 20.0, 30.0, 40.0, 100.0, null};
        for (int i = 0; i < minutes.length; i++) {
            rows.add(RowFactory.create("p", "y" + i, Timestamp.valueOf("2026-03-02 10:00:00"), "whatsapp", 10, minutes[i]));
        }
        rows.add(RowFactory.create("p", "z", Timestamp.valueOf("2026-03-02 11:00:00"), "sms", 11, 5.0));
        List<Row> out = ReplyTimes.fromWaits(SparkTestSession.get().createDataFrame(rows, WAITS))
                .orderBy("channel", "hour_of_week").collectAsList();
        assertEquals(List.of("project_id", "channel", "hour_of_week", "messages", "answered", "median_minutes",
                "p90_minutes", "share_within_30min"), List.of(out.get(0).schema().fieldNames()));
        // sms: all hours (null first), then hour 11
        assertEquals(2, out.stream().filter(r -> r.getAs("channel").equals("sms")).count());
        Row all = out.stream().filter(r -> r.getAs("channel").equals("whatsapp") && r.getAs("hour_of_week") == null)
                .findFirst().orElseThrow();
        Row hour = out.stream().filter(r -> r.getAs("channel").equals("whatsapp") && r.getAs("hour_of_week") != null)
                .findFirst().orElseThrow();
        for (Row r : List.of(all, hour)) {
            assertEquals(6L, (long) r.<Long>getAs("messages"));
            assertEquals(5L, (long) r.<Long>getAs("answered"));
            // 5 answered: the median is the 3rd; the 90th percentile at rank 0.9 × 4 = 3.6: 40 + 0.6 × (100 − 40) = 76
            assertEquals(30.0, r.<Double>getAs("median_minutes"), 1e-9);
            assertEquals(76.0, r.<Double>getAs("p90_minutes"), 1e-9);
            // 10, 20 and 30 of 6 waits (the unanswered one is not within 30 minutes)
            assertEquals(0.5, r.<Double>getAs("share_within_30min"), 1e-9);
        }
        assertEquals(10, (int) hour.<Integer>getAs("hour_of_week"));
        assertNull(all.getAs("hour_of_week"));
    }

    @Test
    void aGroupWithoutAnswerHasNoPercentile() {
        List<Row> rows = List.of(RowFactory.create("p", "y", Timestamp.valueOf("2026-03-02 10:00:00"), "sms", 10, null));
        Row r = ReplyTimes.fromWaits(SparkTestSession.get().createDataFrame(rows, WAITS)).collectAsList().get(0);
        assertEquals(0L, (long) r.<Long>getAs("answered"));
        assertNull(r.getAs("median_minutes"));
        assertNull(r.getAs("p90_minutes"));
    }
}
