package org.maraude.jobs.journey;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Identity stitching and youth journeys, exactly as section 3 of the data contract defines them
 * (methodology: {@code docs/metrics.md}). Pure transforms: frames in, frames out.
 */
public final class Journeys {
    private Journeys() {}

    /** Paris wall-clock time of a UTC instant column. */
    static Column paris(Column ts) {
        return org.apache.spark.sql.functions.from_utc_timestamp(ts, "Europe/Paris");
    }

    static Column month(Column localDate) {
        return date_format(localDate, "yyyy-MM");
    }

    /** Up to this many identity links, {@link #stitchParts} broadcasts them instead of shuffling the touches. */
    static final long MAX_BROADCAST_LINKS = 2_000_000;

    /**
     * The stitched touches in two parts. {@code linked}: the identified touches and the anonymous touches of
     * visitors with an identity link, each with the youth that claims it or still null (a small share of the
     * touches: worth keeping). {@code unlinked}: the anonymous touches of visitors without any link, nearly all
     * of the touches, which pass through unchanged: a filter of the touchpoints, not worth writing again.
     */
    record Stitched(Dataset<Row> linked, Dataset<Row> unlinked) {}

    /**
     * Gives each touchpoint its youth: its own youth_key when set, else the youth of an identity
     * link of the same visitor in the same project whose time is at most {@code lookbackDays}
     * after the touch. When several links qualify, the latest link at or before the touch wins
     * ("from the link on"), else the earliest link after it ("backwards within the window").
     * Touches that no link claims keep a null youth_key (anonymous visitors' paths).
     *
     * <p>With at most {@code maxBroadcastLinks} links (a count: a Spark job), the links are broadcast: one scan of
     * the touchpoints picks the identified touches and those of linked visitors, and only those are ranked, while
     * the others (most anonymous touches: visitors who never signed in) pass through without a shuffle. With more,
     * every anonymous touch meets its visitor's links in a shuffled join, and {@code unlinked} is empty.
     */
    static Stitched stitchParts(Dataset<Row> touchpoints, Dataset<Row> links, int lookbackDays, long maxBroadcastLinks) {
        return stitchParts(touchpoints, links, lookbackDays, maxBroadcastLinks, null);
    }

    /**
     * The same; {@code candidates}, when given and the links are broadcast, gives the touches that are identified or
     * of a linked visitor ({@link #candidates}), kept from earlier nights, instead of a scan of every touchpoint.
     */
    static Stitched stitchParts(Dataset<Row> touchpoints, Dataset<Row> links, int lookbackDays, long maxBroadcastLinks,
            java.util.function.Supplier<Dataset<Row>> candidates) {
        Dataset<Row> l = links.select(col("project_id").as("l_project"), col("visitor_key").as("l_visitor"),
                col("ts").as("l_ts"), col("youth_key").as("l_youth"));
        Dataset<Row> identified = touchpoints.filter(col("youth_key").isNotNull());
        Dataset<Row> anonymous = touchpoints.filter(col("youth_key").isNull());
        if (links.count() > maxBroadcastLinks) {
            return new Stitched(identified.unionByName(claimed(anonymous, l, lookbackDays)),
                    touchpoints.filter(lit(false)));
        }
        Dataset<Row> bl = broadcast(l);
        Column sameVisitor = col("project_id").equalTo(col("l_project")).and(col("visitor_key").equalTo(col("l_visitor")));
        Dataset<Row> linked = candidates == null ? candidates(touchpoints, links) : candidates.get();
        return new Stitched(claimed(linked, bl, lookbackDays), anonymous.join(bl, sameVisitor, "left_anti"));
    }

    /**
     * The touches a link may claim or that have their youth: the identified touches and those of visitors with a
     * link, in one scan of {@code touchpoints} (the links' visitors broadcast).
     */
    static Dataset<Row> candidates(Dataset<Row> touchpoints, Dataset<Row> links) {
        Dataset<Row> linkedVisitors = broadcast(links.select(col("project_id").as("lv_project"),
                col("visitor_key").as("lv_visitor")).distinct());
        return touchpoints.join(linkedVisitors, col("project_id").equalTo(col("lv_project"))
                        .and(col("visitor_key").equalTo(col("lv_visitor"))), "left")
                .filter(col("youth_key").isNotNull().or(col("lv_project").isNotNull()))
                .drop("lv_project", "lv_visitor");
    }

    /** Touches with their youth: their own, else the youth of the link that claims them (contract §3), or still null. */
    private static Dataset<Row> claimed(Dataset<Row> touches, Dataset<Row> l, int lookbackDays) {
        String[] columns = touches.columns();
        return touches.withColumn("_tid", monotonically_increasing_id())
                .join(l, col("youth_key").isNull().and(col("project_id").equalTo(col("l_project")))
                        .and(col("visitor_key").equalTo(col("l_visitor")))
                        .and(col("ts").geq(col("l_ts").minus(expr("make_dt_interval(" + lookbackDays + ")")))), "left")
                .withColumn("_after", col("l_ts").gt(col("ts")))
                .withColumn("_r", row_number().over(Window.partitionBy("_tid").orderBy(col("_after").asc(),
                        when(col("_after"), col("l_ts")).asc(), when(col("_after").equalTo(false), col("l_ts")).desc(),
                        col("l_youth").asc())))
                .filter(col("_r").equalTo(1))
                .withColumn("youth_key", coalesce(col("youth_key"), col("l_youth")))
                .select(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length));
    }

    /** A youth was contacted when one of these events is theirs: the first contact, recorded or inferred. */
    private static final Object[] CONTACT_EVENTS = {"first_contact", "inbound_message"};

    /** The (project_id, youth_key) that {@link #contactFacts} has a row for, without its shuffle. */
    static Dataset<Row> contacted(Dataset<Row> contacts) {
        return contacts.filter(col("event").isin(CONTACT_EVENTS)).select("project_id", "youth_key").distinct();
    }

    /**
     * One row per (project, youth) that was contacted: first contact (or earliest inbound event),
     * its channel, outcomes, previously unknown, first reply delay and accompaniment duration.
     */
    static Dataset<Row> contactFacts(Dataset<Row> contacts, Dataset<Row> knownYouth) {
        return withRegistry(youthFacts(contacts), knownYouth);
    }

    /**
     * {@link #contactFacts} but for the registry's columns ({@code known_since}, {@code previously_unknown}): each
     * youth's row is a function of that youth's contact events alone.
     */
    static Dataset<Row> youthFacts(Dataset<Row> contacts) {
        Column isFirst = col("event").equalTo("first_contact");
        Column isInbound = col("event").isin(CONTACT_EVENTS);
        Column event = col("event");
        // One shuffle of the contacts: the youth's first contact time (window over the youth's events, which the
        // first reply is measured from), then every fact in one aggregate over the same partitions.
        Dataset<Row> withFirst = contacts.withColumn("_fc_ts", coalesce(
                min(when(isFirst, col("ts"))).over(Window.partitionBy("project_id", "youth_key")),
                min(when(isInbound, col("ts"))).over(Window.partitionBy("project_id", "youth_key"))));
        Dataset<Row> firsts = withFirst.filter(col("_fc_ts").isNotNull()).groupBy("project_id", "youth_key").agg(
                min(when(isFirst, struct(col("ts"), col("channel"), col("referral_code"), col("declared_source"))))
                        .as("_first"),
                min(when(isInbound, struct(col("ts"), col("channel"), col("referral_code"), col("declared_source"))))
                        .as("_inbound"),
                min(when(col("referral_code").isNotNull(), struct(col("ts"), col("referral_code")))).as("_ref"),
                min(when(col("declared_source").isNotNull(), struct(col("ts"), col("declared_source")))).as("_decl"),
                max(event.equalTo("accompaniment_start")).as("accompanied"),
                min(when(event.equalTo("accompaniment_start"), col("ts"))).as("accompaniment_start_ts"),
                min(when(event.equalTo("handoff"), struct(col("ts").as("e_ts"), col("partner_type").as("e_partner"))))
                        .as("_handoff"),
                count(when(event.equalTo("handoff"), lit(1))).as("handoff_count"),
                max(event.equalTo("handoff_confirmed")).as("handoff_confirmed"),
                max(event.equalTo("dropout")).as("dropout"),
                max(event.equalTo("reactivation")).as("reactivated"),
                min(when(event.equalTo("mediator_reply").and(col("ts").geq(col("_fc_ts"))), col("ts"))).as("_reply_ts"),
                min(when(event.equalTo("accompaniment_end"), col("ts"))).as("_acc_end_ts"));
        Dataset<Row> facts = firsts.withColumn("_fc", coalesce(col("_first"), col("_inbound")))
                .select(col("project_id"), col("youth_key"), col("_fc.ts").as("first_contact_ts"),
                        col("_fc.channel").as("contact_channel"),
                        lit(true).as("contacted"),
                        col("_first").isNull().as("first_contact_inferred"),
                        coalesce(col("_fc.referral_code"), col("_ref.referral_code")).as("referral_code"),
                        coalesce(col("_fc.declared_source"), col("_decl.declared_source")).as("declared_source"),
                        col("accompanied"), col("accompaniment_start_ts"),
                        col("_handoff").isNotNull().as("handed_off"), col("_handoff.e_ts").as("handoff_ts"),
                        col("_handoff.e_partner").as("handoff_partner_type"), col("handoff_count"),
                        col("handoff_confirmed"), col("dropout"), col("reactivated"),
                        expr("round(cast(unix_micros(_reply_ts) - unix_micros(_fc.ts) AS double) / 60000000, 1)")
                                .as("first_reply_minutes"),
                        when(col("_acc_end_ts").geq(col("accompaniment_start_ts")),
                                expr("round(cast(unix_micros(_acc_end_ts) - unix_micros(accompaniment_start_ts) "
                                        + "AS double) / 86400000000, 1)")).as("accompaniment_days"));

        return facts.withColumn("first_contact_date", org.apache.spark.sql.functions.to_date(paris(col("first_contact_ts"))));
    }

    /** {@link #youthFacts} with the registry's {@code known_since} and {@code previously_unknown} (contract §3). */
    static Dataset<Row> withRegistry(Dataset<Row> facts, Dataset<Row> knownYouth) {
        Dataset<Row> registry = knownYouth.groupBy(col("youth_key").as("k_youth"))
                .agg(min("known_since").as("known_since"));
        return facts.join(registry, col("youth_key").equalTo(col("k_youth")), "left")
                // Known only if registered strictly before the Paris day of first contact (contract §3).
                .withColumn("previously_unknown", coalesce(col("known_since").lt(col("first_contact_date")), lit(false)).equalTo(false))
                .drop("k_youth");
    }

    /** Each placement's platform ({@code offline} for none) per touchpoint group: combine them with {@link #placementPlatforms}. */
    static Dataset<Row> placements(Dataset<Row> touchpoints) {
        return touchpoints.filter(col("placement_id").isNotNull())
                .groupBy(col("project_id").as("p_project"), col("placement_id").as("p_placement"))
                .agg(min(coalesce(col("platform"), lit("offline"))).as("p_platform"));
    }

    /** The {@link #placements} of several groups of touchpoints as those of all of them. */
    static Dataset<Row> placementPlatforms(Dataset<Row> placements) {
        return placements.groupBy("p_project", "p_placement").agg(min("p_platform").as("p_platform"));
    }

    /**
     * The contract's integer source rule: the last touch with a platform or creative in the
     * {@code windowDays} before first contact (touches after first contact never count); else the
     * referral code (resolved against creatives, campaigns and placements); else the declared
     * source; else unattributed. {@code youthTouches}: the stitched touches with a youth;
     * {@code placements}: the {@link #placements} of every touchpoint (referral codes may name them), in one or more
     * groups.
     */
    static Dataset<Row> withSource(Dataset<Row> facts, Dataset<Row> youthTouches, Dataset<Row> placements,
            Dataset<Row> creatives, Dataset<Row> adDelivery, int windowDays) {
        Dataset<Row> cre = creatives.select(col("project_id").as("c_project"), col("creative_id").as("c_creative"),
                col("platform").as("c_platform"));
        Dataset<Row> t = youthTouches.filter(col("youth_key").isNotNull()
                        .and(col("platform").isNotNull().or(col("creative_id").isNotNull())))
                .select(col("project_id").as("t_project"), col("youth_key").as("t_youth"), col("ts").as("t_ts"),
                        col("platform").as("t_platform"), col("creative_id").as("t_creative"),
                        col("campaign_id").as("t_campaign"), col("placement_id").as("t_placement"),
                        col("touch_type").as("t_type"));
        Dataset<Row> lastTouch = facts.select("project_id", "youth_key", "first_contact_ts")
                .join(t, col("project_id").equalTo(col("t_project")).and(col("youth_key").equalTo(col("t_youth")))
                        .and(col("t_ts").leq(col("first_contact_ts")))
                        .and(col("t_ts").geq(col("first_contact_ts").minus(expr("make_dt_interval(" + windowDays + ")")))))
                .withColumn("_r", row_number().over(Window.partitionBy("project_id", "youth_key")
                        .orderBy(col("t_ts").desc(), col("t_creative").asc_nulls_last(), col("t_platform").asc_nulls_last(),
                                col("t_type").asc())))
                .filter(col("_r").equalTo(1))
                .select(col("project_id").as("s_project"), col("youth_key").as("s_youth"), col("t_platform"),
                        col("t_creative"), col("t_campaign"), col("t_placement"), col("t_type"), col("t_ts"));

        // Referral codes name a creative, a placement or a campaign of the same project.
        Dataset<Row> campaigns = adDelivery.groupBy(col("project_id").as("a_project"), col("campaign_id").as("a_campaign"))
                .agg(min("platform").as("a_platform"));
        Dataset<Row> platforms = placementPlatforms(placements);

        Dataset<Row> j = facts.join(lastTouch, col("project_id").equalTo(col("s_project"))
                        .and(col("youth_key").equalTo(col("s_youth"))), "left")
                .join(cre.as("rc"), col("project_id").equalTo(col("rc.c_project"))
                        .and(col("referral_code").equalTo(col("rc.c_creative"))), "left")
                .withColumnRenamed("c_platform", "ref_creative_platform").drop("c_project").withColumnRenamed("c_creative", "ref_creative")
                .join(campaigns, col("project_id").equalTo(col("a_project")).and(col("referral_code").equalTo(col("a_campaign"))), "left")
                .join(platforms, col("project_id").equalTo(col("p_project")).and(col("referral_code").equalTo(col("p_placement"))), "left")
                .join(cre, col("project_id").equalTo(col("c_project")).and(col("t_creative").equalTo(col("c_creative"))), "left");

        Column hasTouch = col("s_project").isNotNull();
        Column hasRef = col("referral_code").isNotNull();
        Column hasDecl = col("declared_source").isNotNull();
        Column declPlatform = when(col("declared_source").isin("tiktok", "instagram", "facebook", "snapchat", "youtube",
                "twitch", "google"), col("declared_source")).when(col("declared_source").equalTo("poster"), lit("offline"));
        return j.withColumn("source_rule", when(hasTouch, lit("touch")).when(hasRef, lit("referral"))
                        .when(hasDecl, lit("declared")).otherwise(lit("unattributed")))
                .withColumn("source_platform", when(hasTouch, coalesce(col("t_platform"), col("c_platform")))
                        .when(hasRef, coalesce(col("ref_creative_platform"), col("a_platform"), col("p_platform")))
                        .when(hasDecl, declPlatform))
                .withColumn("source_creative_id", when(hasTouch, col("t_creative")).when(hasRef, col("ref_creative")))
                .withColumn("source_campaign_id", when(hasTouch, col("t_campaign")).when(hasRef, col("a_campaign")))
                .withColumn("source_placement_id", when(hasTouch, col("t_placement")).when(hasRef, col("p_placement")))
                .withColumn("source_touch_type", when(hasTouch, col("t_type")))
                .withColumn("source_touch_ts", when(hasTouch, col("t_ts")))
                .drop("s_project", "s_youth", "t_platform", "t_creative", "t_campaign", "t_placement", "t_type", "t_ts",
                        "ref_creative_platform", "ref_creative", "a_project", "a_campaign", "a_platform", "p_project",
                        "p_placement", "p_platform", "c_project", "c_creative", "c_platform");
    }
}
