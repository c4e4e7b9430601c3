package org.maraude.jobs.attribution;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.contract.DatasetSpec;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.journey.JourneyJob;
import org.maraude.jobs.spark.KeptState;
import org.maraude.jobs.spark.Location;
import org.maraude.jobs.spark.Sessions;

/**
 * The paths that did not convert ({@link Paths#otherPathCounts}), kept between nights under
 * {@code staging/_paths/<id>/} with what they were counted from: the layers of the touchpoints, identity
 * links, contacts and creatives ({@link IngestJob.Result#layers}) and the settings ({@code _STATE}, written last
 * and ending with {@code end}). Counting them sorts every touch (12 M at scale 100); a night whose inputs only
 * gained layers on top of the kept ones instead counts again only the entities those layers can change, and
 * corrects the kept counts by the difference ({@link #update}). The result is the same as counting every touch.
 * Another creatives catalogue, other settings, or a dataset written again as one layer (a merge, or the layer
 * cap) count every touch again.
 */
final class KeptPaths {
    private KeptPaths() {}

    static final String DIR = "_paths";
    private static final String COUNTS = "counts";
    /** First word of {@code _STATE}; bump the version when what a count means changes. */
    private static final String LAYOUT = "maraude-paths 1";
    private static final String END = "end";
    /** Datasets whose added layers the counts can follow. */
    static final List<DatasetSpec> GROWING = List.of(Contract.TOUCHPOINTS, Contract.IDENTITY_LINKS, Contract.CONTACTS);

    /** What counts were computed from: the layer names per dataset and the settings, as one line. */
    record Inputs(Map<String, List<String>> layers, String settings) {
        static Inputs of(IngestJob.Result in, JourneyJob.Params journeys, AttributionJob.Params p) {
            Map<String, List<String>> layers = new LinkedHashMap<>();
            for (DatasetSpec d : List.of(Contract.TOUCHPOINTS, Contract.IDENTITY_LINKS, Contract.CONTACTS,
                    Contract.CREATIVES)) {
                layers.put(d.name(), in.layers(d).stream().map(Location::name).toList());
            }
            return new Inputs(layers, "lookback=" + journeys.lookbackDays() + " window=" + p.sourceWindowDays()
                    + " holdout=" + p.holdoutBuckets() + " seed=" + p.seed());
        }

        String text() {
            StringBuilder b = new StringBuilder(LAYOUT).append('\t').append(settings).append('\n');
            layers.forEach((d, names) -> b.append(d).append('\t').append(String.join(",", names)).append('\n'));
            return b.append(END).append('\n').toString();
        }

        static Inputs parse(String text) {
            List<String> lines = text.lines().toList();
            if (lines.size() < 2 || !lines.get(0).startsWith(LAYOUT + "\t") || !lines.get(lines.size() - 1).equals(END)) {
                return null;
            }
            Map<String, List<String>> layers = new LinkedHashMap<>();
            for (String l : lines.subList(1, lines.size() - 1)) {
                String[] f = l.split("\t", -1);
                layers.put(f[0], f[1].isEmpty() ? List.of() : List.of(f[1].split(",")));
            }
            return new Inputs(layers, lines.get(0).substring(LAYOUT.length() + 1));
        }
    }

    /** Kept counts: their folder and inputs. */
    record Kept(Location dir, Inputs inputs) {
        Dataset<Row> counts(SparkSession spark) {
            return spark.read().schema(Paths.COUNTS).parquet(dir.resolve(COUNTS).uri());
        }
    }

    /**
     * How tonight's counts follow from the kept ones: {@code added} is, per growing dataset, how many of its current
     * layers (the newest) the kept counts have not seen; null when the counts must be computed from every touch,
     * for {@code reason}.
     */
    record Decision(Map<String, Integer> added, String reason) {
        boolean unchanged() {
            return added != null && added.values().stream().allMatch(n -> n == 0);
        }
    }

    static Decision decide(Inputs then, Inputs now) {
        if (then == null) {
            return new Decision(null, "no kept counts");
        }
        if (!then.settings().equals(now.settings())) {
            return new Decision(null, "the settings changed (" + then.settings() + " → " + now.settings() + ")");
        }
        String creatives = Contract.CREATIVES.name();
        if (!java.util.Objects.equals(then.layers().get(creatives), now.layers().get(creatives))) {
            return new Decision(null, "the creatives changed");
        }
        Map<String, Integer> added = new LinkedHashMap<>();
        for (DatasetSpec d : GROWING) {
            List<String> was = then.layers().get(d.name());
            List<String> is = now.layers().get(d.name());
            if (was == null || is.size() < was.size() || !is.subList(0, was.size()).equals(was)) {
                return new Decision(null, d.name() + " were written again");
            }
            added.put(d.name(), is.size() - was.size());
        }
        return new Decision(added, null);
    }

    /** The newest complete kept counts under {@code root}, if any. */
    static Optional<Kept> latest(Location root) {
        return KeptState.latest(root, Inputs::parse).map(f -> new Kept(f.dir(), f.inputs()));
    }

    /** Writes {@code counts} with their inputs as the newest kept counts, removes the others, returns them read back. */
    static Kept keep(Location root, Inputs inputs, Dataset<Row> counts) {
        Location dir = KeptState.keep(root, d -> {
            counts.write().mode(SaveMode.Overwrite).parquet(d.resolve(COUNTS).uri());
            return inputs.text();
        }, List.of());
        return new Kept(dir, inputs);
    }

    /** Tonight's other-path counts, and how they were obtained (for the run log). */
    record Counted(Dataset<Row> counts, String note) {}

    /**
     * Tonight's {@link Paths#otherPathCounts}: the kept ones when no input changed, brought up to date when the
     * inputs only gained layers, else counted from {@code channelTouches} and {@code contacted}; kept under
     * {@code root} for the next night.
     */
    static Counted otherPathCounts(Location root, IngestJob.Result in, JourneyJob.Params journeys,
            AttributionJob.Params p, Dataset<Row> channelTouches, Dataset<Row> contacted) {
        SparkSession spark = channelTouches.sparkSession();
        Inputs now = Inputs.of(in, journeys, p);
        Kept last = latest(root).orElse(null);
        Decision d = decide(last == null ? null : last.inputs(), now);
        if (d.unchanged()) {
            return new Counted(last.counts(spark), "kept: no touchpoints, identity links or contacts added");
        }
        if (d.added() == null) {
            Dataset<Row> counts = Paths.otherPathCounts(channelTouches, contacted, p.sourceWindowDays(),
                    p.holdoutBuckets(), p.seed());
            return new Counted(keep(root, now, counts).counts(spark), "counted from every touch: " + d.reason());
        }
        Map<String, List<Location>> before = new LinkedHashMap<>();
        Map<String, List<Location>> added = new LinkedHashMap<>();
        for (DatasetSpec s : GROWING) {
            List<Location> layers = in.layers(s);
            int k = layers.size() - d.added().get(s.name());
            before.put(s.name(), layers.subList(0, k));
            added.put(s.name(), layers.subList(k, layers.size()));
        }
        // Only the entities the added layers can change are counted again: one shuffle partition per core.
        Kept updated = Sessions.smallShuffles(spark, () -> keep(root, now, update(last.counts(spark),
                inputs(spark, before), inputs(spark, added), in.get(Contract.CREATIVES), journeys, p)));
        return new Counted(updated.counts(spark), "brought up to date with the added layers " + d.added());
    }

    private static Sources inputs(SparkSession spark, Map<String, List<Location>> layers) {
        return new Sources(IngestJob.read(spark, Contract.TOUCHPOINTS, layers.get(Contract.TOUCHPOINTS.name())),
                IngestJob.read(spark, Contract.IDENTITY_LINKS, layers.get(Contract.IDENTITY_LINKS.name())),
                IngestJob.read(spark, Contract.CONTACTS, layers.get(Contract.CONTACTS.name())));
    }

    /** Rows of the datasets other-path counts are a function of (besides the creatives). */
    record Sources(Dataset<Row> touchpoints, Dataset<Row> links, Dataset<Row> contacts) {}

    /**
     * The other-path counts of {@code before} plus {@code added}, from {@code counts}, those of {@code before}. Only
     * the entities whose path or conversion the added rows can change are counted again, before and after:
     * <ul>
     * <li>the visitors of the added anonymous touches and of the added links (their touches may change hands);</li>
     * <li>the youth of the added identified touches and contacts, and every youth linked to one of those
     * visitors.</li>
     * </ul>
     * Their touches are every identified touch of those youth and every anonymous touch of those visitors and of
     * any visitor linked to those youth, stitched with all of those visitors' links: each such entity's touches
     * come whole. The counts are corrected by the difference; groups left at zero disappear.
     */
    static Dataset<Row> update(Dataset<Row> counts, Sources before, Sources added, Dataset<Row> creatives,
            JourneyJob.Params journeys, AttributionJob.Params p) {
        // The key sets are small (a day's entities): each is computed once, and every later plan reads it as a table.
        Dataset<Row> links = before.links().unionByName(added.links());
        Dataset<Row> visitors = computed(added.touchpoints().filter(col("youth_key").isNull())
                .select("project_id", "visitor_key")
                .unionByName(added.links().select("project_id", "visitor_key"))
                .distinct());
        Dataset<Row> youth = computed(added.touchpoints().filter(col("youth_key").isNotNull())
                .select("project_id", "youth_key")
                .unionByName(added.contacts().select("project_id", "youth_key"))
                .unionByName(links.join(broadcast(rename(visitors)), same(links, "visitor_key"), "left_semi")
                        .select("project_id", "youth_key"))
                .distinct());
        Dataset<Row> reach = computed(visitors
                .unionByName(links.join(broadcast(rename(youth)), same(links, "youth_key"), "left_semi")
                        .select("project_id", "visitor_key"))
                .distinct());
        Dataset<Row> entities = youth.select(col("project_id"), col("youth_key").as("entity"))
                .unionByName(visitors.select(col("project_id"), Paths.entity(lit(null).cast("string"), col("visitor_key"))
                        .as("entity")));
        // One scan of the kept touchpoints (nearly all the touches) picks what both counts need.
        Dataset<Row> touchesBefore = computed(touchesOf(before.touchpoints(), youth, reach));
        Dataset<Row> touchesNow = touchesBefore.unionByName(touchesOf(added.touchpoints(), youth, reach));
        // Which of those youth were contacted: the kept contacts (3 M rows at scale 100) are read once too.
        Dataset<Row> contactedBefore = computed(JourneyJob.contacted(contactsOf(before.contacts(), youth)));
        Dataset<Row> contactedNow = contactedBefore.unionByName(JourneyJob.contacted(contactsOf(added.contacts(), youth)));
        Dataset<Row> was = count(touchesBefore, before.links(), contactedBefore, reach, entities, creatives, journeys, p);
        Dataset<Row> is = count(touchesNow, links, contactedNow, reach, entities, creatives, journeys, p);
        Column[] negated = {col("project_id"), col("month"), col("path"), col("holdout"), col("n").multiply(-1).as("n"),
            col("c_contacted").multiply(-1).as("c_contacted"), col("c_unknown").multiply(-1).as("c_unknown"),
            col("c_accompanied").multiply(-1).as("c_accompanied"), col("c_handed_off").multiply(-1).as("c_handed_off")};
        return counts.unionByName(was.select(negated)).unionByName(is)
                .groupBy("project_id", "month", "path", "holdout")
                .agg(sum("n").as("n"), sum("c_contacted").as("c_contacted"), sum("c_unknown").as("c_unknown"),
                        sum("c_accompanied").as("c_accompanied"), sum("c_handed_off").as("c_handed_off"))
                .filter(col("n").notEqual(0)); // other paths convert nothing: their other counts are zero
    }

    /** The touchpoints of {@code youth} (identified) and of the {@code reach} visitors (anonymous), in one pass. */
    private static Dataset<Row> touchesOf(Dataset<Row> touchpoints, Dataset<Row> youth, Dataset<Row> reach) {
        Dataset<Row> keys = youth.select(col("project_id").as("_k_project_id"), col("youth_key").as("_k_entity"))
                .unionByName(reach.select(col("project_id").as("_k_project_id"),
                        Paths.entity(lit(null).cast("string"), col("visitor_key")).as("_k_entity")));
        return touchpoints.join(broadcast(keys), touchpoints.col("project_id").equalTo(col("_k_project_id"))
                .and(Paths.entity(touchpoints.col("youth_key"), touchpoints.col("visitor_key")).equalTo(col("_k_entity"))),
                "left_semi");
    }

    /**
     * Other-path counts of {@code entities} alone, from touches that hold every touch of theirs; {@code contacted}: the
     * contacted youth, at least every one among the entities.
     */
    private static Dataset<Row> count(Dataset<Row> touches, Dataset<Row> links, Dataset<Row> contacted,
            Dataset<Row> reach, Dataset<Row> entities, Dataset<Row> creatives, JourneyJob.Params journeys,
            AttributionJob.Params p) {
        Dataset<Row> stitched = JourneyJob.stitch(touches,
                links.join(broadcast(rename(reach)), same(links, "visitor_key"), "left_semi"), journeys);
        Dataset<Row> e = entities.select(col("project_id").as("_e_project"), col("entity").as("_e_entity"));
        Dataset<Row> other = Paths.otherTouches(Paths.channelTouches(stitched, creatives), contacted, p.seed());
        return Paths.countPaths(other.join(broadcast(e), other.col("project_id").equalTo(col("_e_project"))
                .and(other.col("entity").equalTo(col("_e_entity"))), "left_semi"), p.sourceWindowDays(), p.holdoutBuckets());
    }

    /**
     * {@code d}, cached and computed now: what several later plans read is computed once, before any of them runs
     * (concurrent jobs would each compute a cache that is not filled yet). Cached, not checkpointed: an executor
     * lost on a cluster recomputes its part.
     */
    private static Dataset<Row> computed(Dataset<Row> d) {
        d.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        d.count();
        return d;
    }

    /** The contact events of {@code youth}. */
    private static Dataset<Row> contactsOf(Dataset<Row> contacts, Dataset<Row> youth) {
        return contacts.join(broadcast(rename(youth)), same(contacts, "youth_key"), "left_semi");
    }

    /** A key set's columns renamed {@code _k_<column>}, to join without ambiguity. */
    private static Dataset<Row> rename(Dataset<Row> keys) {
        return keys.select(java.util.Arrays.stream(keys.columns()).map(c -> col(c).as("_k_" + c)).toArray(Column[]::new));
    }

    /** {@code d}'s project and {@code column} equal to a {@link #rename}d key set's. */
    private static Column same(Dataset<Row> d, String column) {
        return d.col("project_id").equalTo(col("_k_project_id")).and(d.col(column).equalTo(col("_k_" + column)));
    }
}
