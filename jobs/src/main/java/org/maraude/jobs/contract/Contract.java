package org.maraude.jobs.contract;

import static org.maraude.jobs.contract.Column.opt;
import static org.maraude.jobs.contract.Column.optEnum;
import static org.maraude.jobs.contract.Column.req;
import static org.maraude.jobs.contract.Column.reqEnum;
import static org.maraude.jobs.contract.Column.strictEnum;
import static org.maraude.jobs.contract.ColumnType.AMOUNT;
import static org.maraude.jobs.contract.ColumnType.BOOLEAN;
import static org.maraude.jobs.contract.ColumnType.COUNT;
import static org.maraude.jobs.contract.ColumnType.DATE;
import static org.maraude.jobs.contract.ColumnType.DEPT;
import static org.maraude.jobs.contract.ColumnType.KEY;
import static org.maraude.jobs.contract.ColumnType.MONTH;
import static org.maraude.jobs.contract.ColumnType.STRING;
import static org.maraude.jobs.contract.ColumnType.TIMESTAMP;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data contract ({@code ../shared/specs/data-contract.md}), version 1, as code: every input
 * dataset with its columns, enumerations and natural key. Nothing else in the pipeline spells a
 * dataset's columns.
 */
public final class Contract {
    private Contract() {}

    public static final int VERSION = 1;
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    public static final Pattern PROJECT_SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
    public static final String REGISTRY_FOLDER = "_registry";
    public static final String OTHER = "other";

    public static final Set<String> AD_PLATFORMS =
            Set.of("tiktok", "instagram", "facebook", "snapchat", "youtube", "twitch", "google", "other");
    public static final Set<String> PLATFORMS = union(AD_PLATFORMS, Set.of("offline"));
    public static final Set<String> FORMATS = Set.of("video", "image", "carousel", "story", "live", "stream",
            "poster", "flyer", "sticker", "screen", "event", "other");
    public static final Set<String> TOUCH_TYPES = Set.of("ad_click", "post_click", "qr_scan", "landing_view",
            "chatbot_open", "live_chat", "event_checkin", "referral");
    public static final Set<String> EVENTS = Set.of("first_contact", "inbound_message", "outbound_message",
            "mediator_reply", "appointment", "accompaniment_start", "accompaniment_end", "handoff",
            "handoff_confirmed", "dropout", "reactivation");
    public static final Set<String> CHANNELS = Set.of("whatsapp", "messenger", "instagram_dm", "tiktok_dm",
            "snapchat", "sms", "chatbot", "phone", "email", "discord", "twitch", "in_person", "other");
    public static final Set<String> PARTNER_TYPES = Set.of("mission_locale", "france_travail", "cio", "afpa",
            "crij", "pij", "epide", "e2c", "association", "employer", "training", "other");
    public static final Set<String> DECLARED_SOURCES = Set.of("tiktok", "instagram", "facebook", "snapchat",
            "youtube", "twitch", "google", "poster", "friend", "school", "event", "other");
    public static final Set<String> AGE_BANDS = Set.of("15-17", "18-21", "22-25", "26-29", "30+", "unknown");
    public static final Set<String> GENDERS = Set.of("f", "m", "x", "unknown");
    public static final Set<String> DIPLOMA_LEVELS = Set.of("none", "cap_bep", "bac", "bac_plus", "unknown");
    public static final Set<String> SITUATIONS = Set.of("neet", "student", "employed", "training", "unknown");
    public static final Set<String> COST_CATEGORIES =
            Set.of("media", "influencer", "staff", "events", "tooling", "other");
    public static final Set<String> REGISTRY_SOURCES = Set.of("france_travail", "mission_locale", "other");

    /** Inbound events: the earliest one stands for first contact where first_contact is missing. */
    public static final Set<String> INBOUND_EVENTS = Set.of("first_contact", "inbound_message");

    public static final DatasetSpec AD_DELIVERY = new DatasetSpec("ad_delivery", List.of(
            req("date", DATE), reqEnum("platform", AD_PLATFORMS), req("campaign_id", STRING),
            req("creative_id", STRING), req("impressions", COUNT), opt("reach", COUNT), req("clicks", COUNT),
            opt("video_views", COUNT), req("spend_eur", AMOUNT)),
            List.of("project_id", "date", "platform", "campaign_id", "creative_id"), true);

    public static final DatasetSpec CREATIVES = new DatasetSpec("creatives", List.of(
            req("creative_id", STRING), reqEnum("platform", PLATFORMS), optEnum("format", FORMATS),
            opt("theme", STRING), opt("creator", STRING), opt("label", STRING), opt("launched_on", DATE)),
            List.of("project_id", "creative_id"), true);

    public static final DatasetSpec SOCIAL_POSTS = new DatasetSpec("social_posts", List.of(
            req("date", DATE), reqEnum("platform", PLATFORMS), req("post_id", STRING), opt("creative_id", STRING),
            opt("views", COUNT), opt("reach", COUNT), opt("likes", COUNT), opt("comments", COUNT),
            opt("shares", COUNT), opt("link_clicks", COUNT), opt("followers_gained", COUNT)),
            List.of("project_id", "date", "platform", "post_id"), true);

    public static final DatasetSpec TOUCHPOINTS = new DatasetSpec("touchpoints", List.of(
            req("ts", TIMESTAMP), req("visitor_key", KEY), opt("youth_key", KEY),
            strictEnum("touch_type", TOUCH_TYPES), optEnum("platform", PLATFORMS), opt("campaign_id", STRING),
            opt("creative_id", STRING), opt("placement_id", STRING), opt("utm_source", STRING),
            opt("utm_medium", STRING), opt("utm_campaign", STRING), opt("utm_content", STRING), opt("dept", DEPT)),
            List.of(), true);

    public static final DatasetSpec IDENTITY_LINKS = new DatasetSpec("identity_links", List.of(
            req("ts", TIMESTAMP), req("visitor_key", KEY), req("youth_key", KEY)), List.of(), true);

    public static final DatasetSpec CONTACTS = new DatasetSpec("contacts", List.of(
            req("ts", TIMESTAMP), req("youth_key", KEY), strictEnum("event", EVENTS), optEnum("channel", CHANNELS),
            opt("mediator_key", KEY), optEnum("partner_type", PARTNER_TYPES), opt("partner_id", STRING),
            opt("referral_code", STRING), optEnum("declared_source", DECLARED_SOURCES)), List.of(), true);

    public static final DatasetSpec YOUTH = new DatasetSpec("youth", List.of(
            req("youth_key", KEY), optEnum("age_band", AGE_BANDS), optEnum("gender", GENDERS), opt("dept", DEPT),
            opt("qpv", BOOLEAN), opt("zrr", BOOLEAN), opt("rqth", BOOLEAN), optEnum("diploma_level", DIPLOMA_LEVELS),
            optEnum("situation", SITUATIONS)), List.of("project_id", "youth_key"), true);

    public static final DatasetSpec COSTS = new DatasetSpec("costs", List.of(
            req("month", MONTH), reqEnum("category", COST_CATEGORIES), optEnum("platform", PLATFORMS),
            opt("campaign_id", STRING), req("amount_eur", AMOUNT)),
            List.of("project_id", "month", "category", "platform", "campaign_id"), true);

    public static final DatasetSpec KNOWN_YOUTH = new DatasetSpec("known_youth", List.of(
            req("youth_key", KEY), reqEnum("source", REGISTRY_SOURCES), req("known_since", DATE)),
            List.of(), false);

    private static final Map<String, DatasetSpec> BY_NAME = new LinkedHashMap<>();

    static {
        for (DatasetSpec d : List.of(AD_DELIVERY, CREATIVES, SOCIAL_POSTS, TOUCHPOINTS, IDENTITY_LINKS, CONTACTS,
                YOUTH, COSTS, KNOWN_YOUTH)) {
            BY_NAME.put(d.name(), d);
        }
    }

    public static List<DatasetSpec> datasets() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<DatasetSpec> dataset(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
