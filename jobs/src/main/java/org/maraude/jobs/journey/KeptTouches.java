package org.maraude.jobs.journey;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.spark.KeptState;
import org.maraude.jobs.spark.Location;

/**
 * The touches identity stitching looks at ({@link Journeys#candidates}: the identified ones and those of visitors
 * with a link, about 3% of the touchpoints at scale 100), kept between nights under {@code staging/_touches/} with the
 * touchpoints' and identity links' layers they were picked from ({@code _STATE}, written last). They only grow: a
 * night whose touchpoints and links only gained layers adds, as a part of their own, the candidates of the added
 * touchpoints and the kept touchpoints of the visitors whose first link came with the added links (a scan of the
 * kept touchpoints only when there are such visitors). Every {@link #MAX_PARTS} parts all rows are written again as
 * one part. The result is the same as picking them from every touchpoint; either dataset written again as one layer
 * (a merge, the layer cap) picks them from every touchpoint again.
 */
final class KeptTouches {
    private KeptTouches() {}

    static final String DIR = "_touches";
    private static final String ROWS = "rows";
    /** First line of {@code _STATE}; bump the version when what the kept rows mean changes. */
    private static final String LAYOUT = "maraude-touches 1";
    private static final String END = "end";
    private static final String PARTS = "parts";
    /** A night that would keep more parts than this writes every row again as one. */
    static final int MAX_PARTS = 16;

    /** The layer names the kept rows were picked from, per dataset, and the kept parts (oldest first). */
    record Inputs(List<String> touchpoints, List<String> links, List<String> parts) {
        static Inputs of(IngestJob.Result in, List<String> parts) {
            return new Inputs(names(in, Contract.TOUCHPOINTS), names(in, Contract.IDENTITY_LINKS), parts);
        }

        private static List<String> names(IngestJob.Result in, org.maraude.jobs.contract.DatasetSpec dataset) {
            return in.layers(dataset).stream().map(Location::name).toList();
        }

        String text() {
            return LAYOUT + "\n" + KeptState.line(Contract.TOUCHPOINTS.name(), touchpoints)
                    + KeptState.line(Contract.IDENTITY_LINKS.name(), links) + KeptState.line(PARTS, parts) + END + "\n";
        }

        static Inputs parse(String text) {
            List<String> lines = text.lines().toList();
            if (lines.size() != 5 || !lines.get(0).equals(LAYOUT) || !lines.get(4).equals(END)) {
                return null;
            }
            List<String> t = KeptState.names(lines.get(1), Contract.TOUCHPOINTS.name());
            List<String> l = KeptState.names(lines.get(2), Contract.IDENTITY_LINKS.name());
            List<String> parts = KeptState.names(lines.get(3), PARTS);
            return t == null || l == null || parts == null || parts.isEmpty() ? null : new Inputs(t, l, parts);
        }
    }

    /**
     * How many of tonight's touchpoint and link layers (the newest) the kept rows have not seen; null when they must
     * be picked from every touchpoint again, for {@code reason}.
     */
    record Decision(int[] added, String reason) {
        boolean unchanged() {
            return added != null && added[0] == 0 && added[1] == 0;
        }
    }

    /** {@code now}'s parts are not compared: only its layers. */
    static Decision decide(Inputs then, Inputs now) {
        if (then == null) {
            return new Decision(null, "no kept touches");
        }
        if (now.touchpoints().isEmpty()) {
            return new Decision(null, "touchpoints not read from kept layers");
        }
        if (!grew(then.touchpoints(), now.touchpoints())) {
            return new Decision(null, "touchpoints were written again");
        }
        if (!grew(then.links(), now.links())) {
            return new Decision(null, "identity links were written again");
        }
        return new Decision(new int[] {now.touchpoints().size() - then.touchpoints().size(),
            now.links().size() - then.links().size()}, null);
    }

    private static boolean grew(List<String> then, List<String> now) {
        return now.size() >= then.size() && now.subList(0, then.size()).equals(then);
    }

    /** The candidates and how they were obtained (for the run log). */
    record Candidates(Dataset<Row> rows, String note) {}

    /** Tonight's {@link Journeys#candidates} of the touchpoints and links of {@code in}; kept under {@code root}. */
    static Candidates candidates(Location root, IngestJob.Result in) {
        SparkSession spark = in.get(Contract.TOUCHPOINTS).sparkSession();
        spark.sparkContext().setJobDescription("journeys: the touches stitching looks at");
        try {
            return candidates(spark, root, in);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private static Candidates candidates(SparkSession spark, Location root, IngestJob.Result in) {
        KeptState.Found<Inputs> last = KeptState.latest(root, Inputs::parse).orElse(null);
        Decision d = decide(last == null ? null : last.inputs(), Inputs.of(in, List.of()));
        Dataset<Row> links = in.get(Contract.IDENTITY_LINKS);
        if (d.unchanged()) {
            return new Candidates(read(spark, root, last.inputs().parts()), "kept: no touchpoints or identity links added");
        }
        if (d.added() == null) {
            return keep(root, in, List.of(), Journeys.candidates(in.get(Contract.TOUCHPOINTS), links),
                    "picked from every touchpoint: " + d.reason());
        }
        List<Location> touchLayers = in.layers(Contract.TOUCHPOINTS);
        List<Location> linkLayers = in.layers(Contract.IDENTITY_LINKS);
        int keptTouches = touchLayers.size() - d.added()[0];
        int keptLinks = linkLayers.size() - d.added()[1];
        Dataset<Row> part = Journeys.candidates(IngestJob.read(spark, Contract.TOUCHPOINTS,
                touchLayers.subList(keptTouches, touchLayers.size())), links);
        String note = "brought up to date with the added layers {touchpoints=" + d.added()[0] + ", identity_links="
                + d.added()[1] + "}";
        Dataset<Row> firstLinked = null;
        if (d.added()[1] > 0) {
            // Visitors whose first link came tonight: their kept touches are candidates now (a day's few, broadcast).
            Dataset<Row> before = visitors(IngestJob.read(spark, Contract.IDENTITY_LINKS, linkLayers.subList(0, keptLinks)));
            firstLinked = visitors(IngestJob.read(spark, Contract.IDENTITY_LINKS,
                    linkLayers.subList(keptLinks, linkLayers.size()))).except(before);
            firstLinked.persist(StorageLevel.MEMORY_AND_DISK());
            long n = firstLinked.count();
            if (n > 0) {
                Dataset<Row> keptTouchpoints = IngestJob.read(spark, Contract.TOUCHPOINTS, touchLayers.subList(0, keptTouches));
                part = part.unionByName(keptTouchpoints.filter(col("youth_key").isNull())
                        .join(broadcast(firstLinked), col("project_id").equalTo(col("_k_project"))
                                .and(col("visitor_key").equalTo(col("_k_visitor"))), "left_semi"));
                note += ", " + n + " visitor(s) linked for the first time";
            }
        }
        List<String> parts = last.inputs().parts();
        Candidates c = parts.size() < MAX_PARTS ? keep(root, in, parts, part, note)
                : keep(root, in, List.of(), read(spark, root, parts).unionByName(part), note + ", every row written again");
        if (firstLinked != null) {
            firstLinked.unpersist();
        }
        return c;
    }

    private static Dataset<Row> visitors(Dataset<Row> links) {
        return links.select(col("project_id").as("_k_project"), col("visitor_key").as("_k_visitor")).distinct();
    }

    /** Writes {@code rows} as a part read after {@code parts}; returns the rows of every part. */
    private static Candidates keep(Location root, IngestJob.Result in, List<String> parts, Dataset<Row> rows, String note) {
        List<String> now = new ArrayList<>(parts);
        KeptState.keep(root, dir -> {
            rows.write().mode(SaveMode.Overwrite).parquet(dir.resolve(ROWS).uri());
            now.add(dir.name());
            return Inputs.of(in, now).text();
        }, parts.stream().map(root::resolve).toList());
        return new Candidates(read(rows.sparkSession(), root, now), note);
    }

    private static Dataset<Row> read(SparkSession spark, Location root, List<String> parts) {
        return spark.read().schema(Contract.TOUCHPOINTS.stagedSchema()).parquet(parts.stream()
                .map(p -> root.resolve(p).resolve(ROWS).uri()).toArray(String[]::new));
    }
}
