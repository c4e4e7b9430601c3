package org.maraude.jobs.journey;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

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
 * What each youth's contact events give, kept between nights under {@code staging/_contacts/}: the contact facts
 * ({@link Journeys#youthFacts}) and the waits for a mediator's reply ({@link ReplyTimes#waits}), with the contacts'
 * layers they were computed from ({@link IngestJob.Result#layers}; {@code _STATE}, written last). Both are computed
 * per youth from that youth's events alone: a night whose contacts only gained layers on top of the kept ones
 * computes them again for the youth of the added events only (read from every layer) and writes those rows alone, as
 * a part of their own whose youth replace the same youth of the older parts. Every {@link #MAX_PARTS} parts, the
 * night writes all rows again as one part. The result is the same as computing them from every event (3 M at scale
 * 100, two sorts). Contacts written again as one layer (a merge, or the layer cap) compute every youth again.
 */
final class KeptContacts {
    private KeptContacts() {}

    static final String DIR = "_contacts";
    private static final String FACTS = "facts";
    private static final String WAITS = "waits";
    private static final String YOUTH = "youth";
    /** First line of {@code _STATE}; bump the version when what the kept rows mean changes. */
    private static final String LAYOUT = "maraude-contacts 2";
    private static final String END = "end";
    private static final String PARTS = "parts";
    /** More youth than this in the added events: every youth is computed again (the key set is broadcast). */
    static final long MAX_CHANGED_YOUTH = 500_000;
    /** A night that would keep more parts than this writes every row again as one. */
    static final int MAX_PARTS = 16;

    /** The contacts' layer names the kept rows were computed from, and the kept parts (folder names, oldest first). */
    record Inputs(List<String> layers, List<String> parts) {
        static Inputs of(IngestJob.Result in, List<String> parts) {
            return new Inputs(in.layers(Contract.CONTACTS).stream().map(Location::name).toList(), parts);
        }

        String text() {
            return LAYOUT + "\n" + KeptState.line(Contract.CONTACTS.name(), layers) + KeptState.line(PARTS, parts) + END
                    + "\n";
        }

        static Inputs parse(String text) {
            List<String> lines = text.lines().toList();
            if (lines.size() != 4 || !lines.get(0).equals(LAYOUT) || !lines.get(3).equals(END)) {
                return null;
            }
            List<String> layers = KeptState.names(lines.get(1), Contract.CONTACTS.name());
            List<String> parts = KeptState.names(lines.get(2), PARTS);
            return layers == null || parts == null || parts.isEmpty() ? null : new Inputs(layers, parts);
        }
    }

    /**
     * How many of tonight's contact layers (the newest) the kept rows have not seen; -1 when every youth must be
     * computed again, for {@code reason}.
     */
    record Decision(int added, String reason) {}

    /** {@code now}'s parts are not compared: only its layers. */
    static Decision decide(Inputs then, Inputs now) {
        if (then == null) {
            return new Decision(-1, "no kept contact facts");
        }
        if (now.layers().isEmpty()) {
            return new Decision(-1, "contacts not read from kept layers");
        }
        if (now.layers().size() < then.layers().size()
                || !now.layers().subList(0, then.layers().size()).equals(then.layers())) {
            return new Decision(-1, "contacts were written again");
        }
        return new Decision(now.layers().size() - then.layers().size(), null);
    }

    /** Each youth's contact facts and waits, and how they were obtained (for the run log). */
    record Tables(Dataset<Row> facts, Dataset<Row> waits, String note) {}

    /**
     * Tonight's facts and waits from the {@code contacts}: the kept ones when no contact layer was added, brought up
     * to date when layers were, else computed from every event; kept under {@code root} for the next night.
     */
    static Tables tables(Location root, IngestJob.Result in, Dataset<Row> contacts) {
        SparkSession spark = contacts.sparkSession();
        spark.sparkContext().setJobDescription("journeys: each youth's contact facts and waits");
        try {
            return tables(spark, root, in, contacts);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private static Tables tables(SparkSession spark, Location root, IngestJob.Result in, Dataset<Row> contacts) {
        KeptState.Found<Inputs> last = KeptState.latest(root, Inputs::parse).orElse(null);
        Decision d = decide(last == null ? null : last.inputs(), Inputs.of(in, List.of()));
        if (d.added() == 0) {
            return read(spark, root, last.inputs().parts(), "kept: no contacts added");
        }
        if (d.added() > 0) {
            List<Location> layers = in.layers(Contract.CONTACTS);
            Dataset<Row> youth = computed(IngestJob.read(spark, Contract.CONTACTS,
                    layers.subList(layers.size() - d.added(), layers.size())).select(col("project_id").as("_k_project"),
                    col("youth_key").as("_k_youth")).distinct());
            long changed = youth.count();
            if (changed <= MAX_CHANGED_YOUTH) {
                // Every event of those youth, from every layer: one scan of the contacts, the rest is theirs alone.
                Dataset<Row> theirs = computed(contacts.join(broadcast(youth), same(contacts), "left_semi"));
                List<String> parts = last.inputs().parts();
                String note = "brought up to date with " + d.added() + " added layer(s), " + changed
                        + " youth computed again";
                Tables t;
                if (parts.size() < MAX_PARTS) {
                    t = keep(root, in, parts, Journeys.youthFacts(theirs), ReplyTimes.waits(theirs), youth, note);
                } else {
                    Tables kept = read(spark, root, parts, null);
                    t = keep(root, in, List.of(), without(kept.facts(), youth).unionByName(Journeys.youthFacts(theirs)),
                            without(kept.waits(), youth).unionByName(ReplyTimes.waits(theirs)), null,
                            note + ", every row written again");
                }
                youth.unpersist();
                theirs.unpersist();
                return t;
            }
            youth.unpersist();
            d = new Decision(-1, changed + " youth in the added events");
        }
        return keep(root, in, List.of(), Journeys.youthFacts(contacts), ReplyTimes.waits(contacts), null,
                "computed from every event: " + d.reason());
    }

    /**
     * Writes a part ({@code youth}: those its rows replace in the older {@code parts}; null: it holds every youth)
     * and the state that reads it after {@code parts}; returns the rows of that state.
     */
    private static Tables keep(Location root, IngestJob.Result in, List<String> parts, Dataset<Row> facts,
            Dataset<Row> waits, Dataset<Row> youth, String note) {
        List<String> now = new java.util.ArrayList<>(parts);
        KeptState.keep(root, dir -> {
            facts.write().mode(SaveMode.Overwrite).parquet(dir.resolve(FACTS).uri());
            waits.write().mode(SaveMode.Overwrite).parquet(dir.resolve(WAITS).uri());
            if (youth != null) {
                youth.write().mode(SaveMode.Overwrite).parquet(dir.resolve(YOUTH).uri());
            }
            now.add(dir.name());
            return Inputs.of(in, now).text();
        }, parts.stream().map(root::resolve).toList());
        return read(facts.sparkSession(), root, now, note);
    }

    /** The rows of the kept {@code parts}: each part's, but those of the youth a later part holds again. */
    private static Tables read(SparkSession spark, Location root, List<String> parts, String note) {
        Dataset<Row> facts = null;
        Dataset<Row> waits = null;
        for (int i = 0; i < parts.size(); i++) {
            Location part = root.resolve(parts.get(i));
            Dataset<Row> f = spark.read().parquet(part.resolve(FACTS).uri());
            Dataset<Row> w = spark.read().parquet(part.resolve(WAITS).uri());
            Dataset<Row> later = null;
            for (String p : parts.subList(i + 1, parts.size())) {
                Dataset<Row> k = spark.read().parquet(root.resolve(p).resolve(YOUTH).uri());
                later = later == null ? k : later.union(k);
            }
            if (later != null) {
                f = without(f, later);
                w = without(w, later);
            }
            facts = facts == null ? f : facts.unionByName(f);
            waits = waits == null ? w : waits.unionByName(w);
        }
        return new Tables(facts, waits, note);
    }

    /** {@code d}'s rows but those of the {@code youth} (columns {@code _k_project}, {@code _k_youth}). */
    private static Dataset<Row> without(Dataset<Row> d, Dataset<Row> youth) {
        return d.join(broadcast(youth), same(d), "left_anti");
    }

    /** {@code d}, cached and computed now (several plans read it). */
    private static Dataset<Row> computed(Dataset<Row> d) {
        d.persist(StorageLevel.MEMORY_AND_DISK());
        d.count();
        return d;
    }

    private static org.apache.spark.sql.Column same(Dataset<Row> d) {
        return d.col("project_id").equalTo(col("_k_project")).and(d.col("youth_key").equalTo(col("_k_youth")));
    }
}
