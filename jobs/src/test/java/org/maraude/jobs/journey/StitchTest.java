package org.maraude.jobs.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maraude.jobs.SparkTestSession;

/** Which link claims an anonymous touch (contract §3), with the links broadcast and with every touch shuffled. */
class StitchTest {
    static final SparkSession SPARK = SparkTestSession.get();
    static final StructType TOUCHES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("project_id", DataTypes.StringType, false),
            DataTypes.createStructField("ts", DataTypes.TimestampType, false),
            DataTypes.createStructField("visitor_key", DataTypes.StringType, false),
            DataTypes.createStructField("youth_key", DataTypes.StringType, true),
            DataTypes.createStructField("touch_type", DataTypes.StringType, false)));
    static final StructType LINKS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("project_id", DataTypes.StringType, false),
            DataTypes.createStructField("ts", DataTypes.TimestampType, false),
            DataTypes.createStructField("visitor_key", DataTypes.StringType, false),
            DataTypes.createStructField("youth_key", DataTypes.StringType, false)));

    static Row touch(String project, String ts, String visitor, String youth, String id) {
        return RowFactory.create(project, Instant.parse(ts), visitor, youth, id);
    }

    static Row link(String ts, String youth) {
        return RowFactory.create("p", Instant.parse(ts), "v1", youth);
    }

    @ParameterizedTest
    @ValueSource(longs = {Journeys.MAX_BROADCAST_LINKS, 0})
    void theLatestLinkAtOrBeforeElseTheEarliestAfterWithinTheLookback(long maxBroadcastLinks) {
        Dataset<Row> links = SPARK.createDataFrame(List.of(
                link("2026-03-10T10:00:00Z", "A"),
                link("2026-03-20T10:00:00Z", "C"),
                link("2026-03-20T10:00:00Z", "B")), LINKS);
        Dataset<Row> touches = SPARK.createDataFrame(List.of(
                touch("p", "2026-03-05T10:00:00Z", "v1", null, "before-every-link"),
                touch("p", "2026-03-15T10:00:00Z", "v1", null, "between-links"),
                touch("p", "2026-03-25T10:00:00Z", "v1", null, "after-two-links-at-once"),
                touch("p", "2026-03-10T10:00:00Z", "v1", null, "at-the-link"),
                touch("p", "2026-02-08T10:00:00Z", "v1", null, "exactly-30-days-before"),
                touch("p", "2026-02-08T09:59:59Z", "v1", null, "one-second-too-early"),
                touch("q", "2026-03-15T10:00:00Z", "v1", null, "other-project"),
                touch("p", "2026-03-15T10:00:00Z", "v2", null, "other-visitor"),
                touch("p", "2026-03-15T10:00:00Z", "v1", "Z", "identified")), TOUCHES);
        Journeys.Stitched parts = Journeys.stitchParts(touches, links, 30, maxBroadcastLinks);
        // with the links broadcast, the touches of visitors without a link are apart (read again, not kept)
        assertEquals(maxBroadcastLinks == 0 ? List.of() : List.of("other-project", "other-visitor"),
                parts.unlinked().collectAsList().stream().map(r -> r.<String>getAs("touch_type")).sorted().toList());
        Dataset<Row> stitched = parts.linked().unionByName(parts.unlinked());
        assertEquals(Arrays.asList(TOUCHES.fieldNames()), Arrays.asList(stitched.columns()));
        assertEquals(List.of(
                "after-two-links-at-once B",
                "at-the-link A",
                "before-every-link A",
                "between-links A",
                "exactly-30-days-before A",
                "identified Z",
                "one-second-too-early null",
                "other-project null",
                "other-visitor null"),
                stitched.collectAsList().stream().map(r -> r.getAs("touch_type") + " " + r.getAs("youth_key"))
                        .sorted().collect(Collectors.toList()));
    }
}
