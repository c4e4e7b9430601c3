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
 * What each youth's contact events give, kept between nights under {@code staging/_contacts/<id>/}: the contact
 * facts ({@link Journeys#youthFacts}) and the waits for a mediator's reply ({@link ReplyTimes#waits}), with the
 * contacts' layers they were computed from ({@link IngestJob.Result#layers}; {@code _STATE}, written last). Both are
 * computed per youth from that youth's events alone: a night whose contacts only gained layers on top of the kept
 * ones computes them again for the youth of the added events only (read from every layer), and keeps the others'.
 * The result is the same as computing them from every event (3 M at scale 100, two sorts). Contacts written again as
 * one layer (a merge, or the layer cap) compute every youth again.
 */
final class KeptContacts {
    private KeptContacts() {}

    static final String DIR = "_contacts";
    private static final String FACTS = "facts";
    private static final String WAITS = "waits";
    /** First line of {@code _STATE}; bump the version when what the kept rows mean changes. */
    private static final String LAYOUT = "maraude-contacts 1";
    private static final String END = "end";
    /** More youth than this in the added events: every youth is computed again (the key set is broadcast). */
    static final long MAX_CHANGED_YOUTH = 500_000;

    /** The contacts' layer names the kept rows were computed from. */
    record Inputs(List<String> layers) {
        static Inputs of(IngestJob.Result in) {
            return new Inputs(in.layers(Contract.CONTACTS).stream().map(Location::name).toList());
        }

        String text() {
            return LAYOUT + "\n" + Contract.CONTACTS.name() + "\t" + String.join(",", layers) + "\n" + END + "\n";
        }

        static Inputs parse(String text) {
            List<String> lines = text.lines().toList();
            if (lines.size() != 3 || !lines.get(0).equals(LAYOUT) || !lines.get(2).equals(END)
                    || !lines.get(1).startsWith(Contract.CONTACTS.name() + "\t")) {
                return null;
            }
            String names = lines.get(1).substring(Contract.CONTACTS.name().length() + 1);
            return new Inputs(names.isEmpty() ? List.of() : List.of(names.split(",")));
        }
    }

    /**
     * How many of tonight's contact layers (the newest) the kept rows have not seen; -1 when every youth must be
     * computed again, for {@code reason}.
     */
    record Decision(int added, String reason) {}

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
        Inputs now = Inputs.of(in);
        KeptState.Found<Inputs> last = KeptState.latest(root, Inputs::parse).orElse(null);
        Decision d = decide(last == null ? null : last.inputs(), now);
        if (d.added() == 0) {
            return read(spark, last.dir(), "kept: no contacts added");
        }
        if (d.added() > 0) {
            List<Location> layers = in.layers(Contract.CONTACTS);
            Dataset<Row> youth = computed(IngestJob.read(spark, Contract.CONTACTS,
                    layers.subList(layers.size() - d.added(), layers.size())).select(col("project_id").as("_k_project"),
                    col("youth_key").as("_k_youth")).distinct());
            long changed = youth.count();
            if (changed <= MAX_CHANGED_YOUTH) {
                Tables kept = read(spark, last.dir(), null);
                // Every event of those youth, from every layer: one scan of the contacts, the rest is theirs alone.
                Dataset<Row> theirs = computed(contacts.join(broadcast(youth), same(contacts), "left_semi"));
                Dataset<Row> facts = kept.facts().join(broadcast(youth), same(kept.facts()), "left_anti")
                        .unionByName(Journeys.youthFacts(theirs));
                Dataset<Row> waits = kept.waits().join(broadcast(youth), same(kept.waits()), "left_anti")
                        .unionByName(ReplyTimes.waits(theirs));
                Tables t = keep(root, now, facts, waits, "brought up to date with " + d.added() + " added layer(s), "
                        + changed + " youth computed again");
                youth.unpersist();
                theirs.unpersist();
                return t;
            }
            youth.unpersist();
            d = new Decision(-1, changed + " youth in the added events");
        }
        return keep(root, now, Journeys.youthFacts(contacts), ReplyTimes.waits(contacts),
                "computed from every event: " + d.reason());
    }

    private static Tables keep(Location root, Inputs now, Dataset<Row> facts, Dataset<Row> waits, String note) {
        Location dir = KeptState.keep(root, now.text(), d -> {
            facts.write().mode(SaveMode.Overwrite).parquet(d.resolve(FACTS).uri());
            waits.write().mode(SaveMode.Overwrite).parquet(d.resolve(WAITS).uri());
        });
        return read(facts.sparkSession(), dir, note);
    }

    private static Tables read(SparkSession spark, Location dir, String note) {
        return new Tables(spark.read().parquet(dir.resolve(FACTS).uri()), spark.read().parquet(dir.resolve(WAITS).uri()),
                note);
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
