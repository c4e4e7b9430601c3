package org.maraude.jobs.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.SparkTestSession;

/**
 * Paths that did not convert, by hand: which touches are in an entity's window and in which order ties at the same
 * instant are walked (creative descending with no creative first, then raw platform the same way: the source
 * rule's order read backwards).
 */
class PathsTest {
    private static final SparkSession SPARK = SparkTestSession.get();
    private static final StructType TOUCHES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("project_id", DataTypes.StringType, false),
            DataTypes.createStructField("youth_key", DataTypes.StringType, true),
            DataTypes.createStructField("visitor_key", DataTypes.StringType, true),
            DataTypes.createStructField("ts", DataTypes.TimestampType, false),
            DataTypes.createStructField("touch_type", DataTypes.StringType, false),
            DataTypes.createStructField("raw_platform", DataTypes.StringType, true),
            DataTypes.createStructField("creative_id", DataTypes.StringType, true),
            DataTypes.createStructField("platform", DataTypes.StringType, true)));

    private static Row touch(String project, String youth, String visitor, String ts, String type, String rawPlatform,
            String creative, String platform) {
        return RowFactory.create(project, youth, visitor, Timestamp.from(Instant.parse(ts)), type, rawPlatform, creative,
                platform);
    }

    @Test
    void nonConvertingPathsKeepTheWindowAndTheTieOrder() {
        Dataset<Row> touches = SPARK.createDataFrame(List.of(
                // visitor v1 in p1: a touch 40 days before its last one (out of the window), three at the same instant
                touch("p1", null, "v1", "2026-03-01T10:00:00Z", "view", "tiktok", null, "tiktok"),
                touch("p1", null, "v1", "2026-04-01T10:00:00Z", "click", "instagram", "cr-a", "instagram"),
                touch("p1", null, "v1", "2026-04-01T10:00:00Z", "click", "youtube", null, "youtube"),
                touch("p1", null, "v1", "2026-04-01T10:00:00Z", "click", null, "cr-b", "snapchat"),
                touch("p1", null, "v1", "2026-04-10T09:00:00Z", "view", "instagram", null, "instagram"),
                // the same visitor in p2 is another entity; its last touch is in May in Paris (30 April 22:30 UTC)
                touch("p2", null, "v1", "2026-04-30T22:30:00Z", "view", "twitch", null, "twitch"),
                // y1 was contacted in p1: not a non-converting path there
                touch("p1", "y1", null, "2026-04-02T10:00:00Z", "click", "tiktok", null, "tiktok"),
                // y2 was not: two touches at one instant without creative, raw platform descending
                touch("p1", "y2", null, "2026-04-05T10:00:00Z", "click", "a-plat", null, "a-plat"),
                touch("p1", "y2", null, "2026-04-05T10:00:00Z", "click", "z-plat", null, "z-plat")), TOUCHES);
        Dataset<Row> converters = SPARK.createDataFrame(List.of(RowFactory.create("p1", "y1")),
                DataTypes.createStructType(List.of(DataTypes.createStructField("project_id", DataTypes.StringType, false),
                        DataTypes.createStructField("youth_key", DataTypes.StringType, false))));

        TreeMap<String, String> got = new TreeMap<>();
        for (Row r : Paths.otherPaths(touches, converters, 30).collectAsList()) {
            got.put(r.getString(0) + " " + r.getString(1), r.getList(2) + " " + r.getString(3));
        }
        TreeMap<String, String> expected = new TreeMap<>();
        expected.put("p1 v:v1", "[youtube, snapchat, instagram] 2026-04");
        expected.put("p2 v:v1", "[twitch] 2026-05");
        expected.put("p1 y2", "[z-plat, a-plat] 2026-04");
        assertEquals(expected, got);
    }
}
