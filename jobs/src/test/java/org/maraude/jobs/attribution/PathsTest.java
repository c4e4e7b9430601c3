package org.maraude.jobs.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                touch("p1", "y2", null, "2026-04-05T10:00:00Z", "click", "z-plat", null, "z-plat"),
                touch("p1", null, "v2", "2026-04-06T10:00:00Z", "click", "z-plat", null, "z-plat"),
                touch("p1", null, "v2", "2026-04-07T10:00:00Z", "click", "a-plat", null, "a-plat"),
                touch("p1", null, "v3", "2026-04-06T10:00:00Z", "view", "tiktok", null, "tiktok"),
                touch("p1", null, "v3", "2026-04-06T11:00:00Z", "click", "tiktok", null, "tiktok"),
                touch("p1", null, "v3", "2026-04-06T12:00:00Z", "view", "instagram", null, "instagram")), TOUCHES);
        Dataset<Row> converters = SPARK.createDataFrame(List.of(RowFactory.create("p1", "y1")),
                DataTypes.createStructType(List.of(DataTypes.createStructField("project_id", DataTypes.StringType, false),
                        DataTypes.createStructField("youth_key", DataTypes.StringType, false))));

        TreeMap<String, Long> got = new TreeMap<>();
        for (Row r : Paths.otherPathCounts(touches, converters, 30, 1, 7L).collectAsList()) {
            assertEquals(true, r.getBoolean(r.fieldIndex("holdout")), "one bucket: every entity is held out");
            assertEquals(0L, r.getLong(r.fieldIndex("c_contacted")) + r.getLong(r.fieldIndex("c_unknown")));
            got.merge(r.getString(0) + " " + r.getString(1) + " " + r.getList(2), r.getLong(r.fieldIndex("n")), Long::sum);
        }
        TreeMap<String, Long> expected = new TreeMap<>();
        expected.put("p1 2026-04 [youtube, snapchat, instagram]", 1L);
        expected.put("p2 2026-05 [twitch]", 1L);
        // y2's path, and visitor v2's: the same path twice; v3's repeats collapse to one step
        expected.put("p1 2026-04 [z-plat, a-plat]", 2L);
        expected.put("p1 2026-04 [tiktok, instagram]", 1L);
        assertEquals(expected, got);
    }

    @Test
    void theHoldoutSplitIsTheHashOfProjectAndEntity() {
        Dataset<Row> touches = SPARK.createDataFrame(java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> touch("p" + (i % 3), i % 2 == 0 ? "y" + i : null, "v" + i, "2026-04-0" + (1 + i % 9)
                        + "T10:00:00Z", "click", "tiktok", null, "tiktok")).toList(), TOUCHES);
        Dataset<Row> none = SPARK.createDataFrame(List.of(),
                DataTypes.createStructType(List.of(DataTypes.createStructField("project_id", DataTypes.StringType, false),
                        DataTypes.createStructField("youth_key", DataTypes.StringType, false))));
        long heldOut = touches.selectExpr("pmod(xxhash64(project_id, coalesce(youth_key, concat('v:', visitor_key)), 11L), 3) = 0 AS h")
                .filter("h").count();
        long[] got = new long[2];
        for (Row r : Paths.otherPathCounts(touches, none, 30, 3, 11L).collectAsList()) {
            got[r.getBoolean(r.fieldIndex("holdout")) ? 1 : 0] += r.getLong(r.fieldIndex("n"));
        }
        assertTrue(heldOut > 0 && heldOut < 40, "both sides of the split are exercised");
        assertEquals(40 - heldOut, got[0]);
        assertEquals(heldOut, got[1]);
    }
}
