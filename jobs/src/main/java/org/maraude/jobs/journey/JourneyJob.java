package org.maraude.jobs.journey;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.LayerAggregates;
import org.maraude.jobs.spark.Location;
import org.maraude.jobs.spark.Sessions;
import org.maraude.jobs.spark.Stored;

/**
 * Stage 2, journeys: identity stitching, {@code youth_journey}, {@code funnel_monthly},
 * {@code funnel_monthly_programme}, {@code cohorts} and {@code reply_times} from the ingested
 * datasets. Definitions: contract §3 and {@code docs/metrics.md}.
 */
public final class JourneyJob {
    private JourneyJob() {}

    /** Settings of the journey rules (config keys {@code journey.*}). */
    public record Params(int lookbackDays, int sourceWindowDays) {
        public static Params defaults() {
            return new Params(30, 30);
        }
    }

    /**
     * The stage's tables, the stitched touches ({@code touches}: every touchpoint; {@code youthTouches}: those with a
     * youth, identified or claimed by a link, a small share of them), and the settings they were built with.
     */
    public record Result(Dataset<Row> touches, Dataset<Row> youthTouches, Dataset<Row> youthJourney,
            Dataset<Row> funnelMonthly, Dataset<Row> funnelProgramme, Dataset<Row> cohorts, Dataset<Row> replyTimes,
            Params params, String contactsNote, String touchesNote) {}

    static final String[] PROFILE = {"age_band", "gender", "dept", "qpv", "zrr", "rqth", "diploma_level", "situation"};

    public static Result run(IngestJob.Result in, Params p) {
        return run(in, p, Stored.inMemory());
    }

    /**
     * Journeys and funnel; the journeys, the exposure and the linked visitors' stitched touches are kept with
     * {@code store} (the other touches, nearly all, are the touchpoints as they are: read again, not copied).
     */
    public static Result run(IngestJob.Result in, Params p, Stored store) {
        return run(in, p, store, null);
    }

    /**
     * The same, keeping under {@code staging} (the staging folder; null: nothing kept) each youth's contact facts and
     * waits ({@code _contacts}) and the touches stitching looks at ({@code _touches}), which the next night brings up
     * to date with its added layers instead of reading every contact event and every touchpoint.
     */
    public static Result run(IngestJob.Result in, Params p, Stored store, Location staging) {
        return run(in, p, store, staging, LayerAggregates.MIN_KEPT_BYTES);
    }

    /**
     * The same, keeping only what is computed from at least {@code minKeptBytes} of a dataset's layers (smaller
     * inputs are read faster than kept rows are written and read back).
     */
    static Result run(IngestJob.Result in, Params p, Stored store, Location staging, long minKeptBytes) {
        Dataset<Row> contacts = in.get(Contract.CONTACTS);
        boolean keepContacts = staging != null
                && LayerAggregates.bytes(in.layers(Contract.CONTACTS)) >= Math.max(1, minKeptBytes);
        boolean keepTouches = staging != null
                && LayerAggregates.bytes(in.layers(Contract.TOUCHPOINTS)) >= Math.max(1, minKeptBytes);
        KeptContacts.Tables perYouth = !keepContacts
                ? new KeptContacts.Tables(Journeys.youthFacts(contacts), ReplyTimes.waits(contacts), "computed")
                : KeptContacts.tables(staging.resolve(KeptContacts.DIR), in, contacts);
        String[] touchesNote = {"picked from every touchpoint"};
        java.util.function.Supplier<Dataset<Row>> candidates = !keepTouches ? null : () -> {
            KeptTouches.Candidates c = KeptTouches.candidates(staging.resolve(KeptTouches.DIR), in);
            touchesNote[0] = c.note();
            return c.rows();
        };
        Journeys.Stitched stitched = Journeys.stitchParts(in.get(Contract.TOUCHPOINTS), in.get(Contract.IDENTITY_LINKS),
                p.lookbackDays(), Journeys.MAX_BROADCAST_LINKS, candidates);
        // The stitched touches (3% of the touchpoints), the youth's journeys and the exposure (per creative and day)
        // shuffle one partition per core whatever the inbox. A large dataset's per-youth facts and placements are
        // computed per layer before the journeys' query (above, and in LayerAggregates), with the inbox's partitions.
        SparkSession spark = contacts.sparkSession();
        Dataset<Row> linked = Sessions.smallShuffles(spark, () -> store.keep("touches", stitched.linked()));
        Dataset<Row> youthTouches = linked.filter(col("youth_key").isNotNull());
        // Per layer of the touchpoints, once: a night reads the placements of the layers it kept.
        Dataset<Row> placements = LayerAggregates.perLayer(in, Contract.TOUCHPOINTS, "placements-1", Journeys::placements);
        Dataset<Row> journey = Sessions.smallShuffles(spark, () -> store.keep("youth_journey", youthJourney(
                perYouth.facts(), youthTouches, placements, in.get(Contract.KNOWN_YOUTH), in.get(Contract.YOUTH),
                in.get(Contract.CREATIVES), in.get(Contract.AD_DELIVERY), p)));
        Dataset<Row> exposure = Sessions.smallShuffles(spark, () -> store.keep("exposure",
                Funnel.exposure(in.get(Contract.AD_DELIVERY), in.get(Contract.SOCIAL_POSTS))));
        return new Result(linked.unionByName(stitched.unlinked()), youthTouches, journey, Funnel.monthly(journey, exposure), Funnel.programme(journey, exposure),
                Cohorts.cohorts(journey), ReplyTimes.fromWaits(perYouth.waits()), p, perYouth.note(), touchesNote[0]);
    }

    /**
     * The touchpoints with the youth that claims each (contract §3): what {@link Result#touches()} is, for any
     * touchpoints and links. Exact for a subset of the touchpoints as long as each visitor's links come whole.
     */
    public static Dataset<Row> stitch(Dataset<Row> touchpoints, Dataset<Row> links, Params p) {
        Journeys.Stitched s = Journeys.stitchParts(touchpoints, links, p.lookbackDays(), Journeys.MAX_BROADCAST_LINKS);
        return s.linked().unionByName(s.unlinked());
    }

    /** The contacted youth (project_id, youth_key): those with a row in {@code youth_journey}, from the contacts. */
    public static Dataset<Row> contacted(Dataset<Row> contacts) {
        return Journeys.contacted(contacts);
    }

    /** {@code youthFacts}: {@link Journeys#youthFacts} of the contacts; {@code placements}: {@link Journeys#placements}. */
    static Dataset<Row> youthJourney(Dataset<Row> youthFacts, Dataset<Row> youthTouches, Dataset<Row> placements,
            Dataset<Row> known, Dataset<Row> youth, Dataset<Row> creatives, Dataset<Row> adDelivery, Params p) {
        // Read twice (the facts, and the first-contact times the source window ends at): one shuffle of the contacts.
        Dataset<Row> facts = Journeys.withRegistry(youthFacts, known).persist();
        Dataset<Row> sourced = Journeys.withSource(facts, youthTouches, placements, creatives, adDelivery,
                p.sourceWindowDays());
        Dataset<Row> profile = youth.select(col("project_id").as("y_project"), col("youth_key").as("y_youth"),
                col("age_band"), col("gender"), col("dept"), col("qpv"), col("zrr"), col("rqth"), col("diploma_level"),
                col("situation"));
        return sourced.join(profile, col("project_id").equalTo(col("y_project")).and(col("youth_key").equalTo(col("y_youth"))),
                        "left")
                .select(col("project_id"), col("youth_key"), col("first_contact_ts"), col("first_contact_date"),
                        col("first_contact_inferred"), col("contact_channel"), col("source_platform"),
                        col("source_creative_id"), col("source_rule"), col("source_campaign_id"),
                        col("source_placement_id"), col("source_touch_type"), col("source_touch_ts"),
                        col("referral_code"), col("declared_source"), col("accompanied"), col("accompaniment_start_ts"),
                        col("accompaniment_days"), col("handed_off"), col("handoff_ts"), col("handoff_partner_type"),
                        col("handoff_count"), col("handoff_confirmed"), col("dropout"), col("reactivated"),
                        col("previously_unknown"), col("known_since"), col("first_reply_minutes"), col("age_band"),
                        col("gender"), col("dept"), col("qpv"), col("zrr"), col("rqth"), col("diploma_level"),
                        col("situation"));
    }
}
