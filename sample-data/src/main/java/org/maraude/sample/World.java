package org.maraude.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The fictitious outreach projects, modelled on the funded approaches. Volumes are given at scale 1
 * over 24 months (scale 100 = the real programme); everything else is derived in {@link ProjectPlan}.
 */
final class World {
    private World() {}

    /** Platforms with paid delivery (ad_delivery rows). {@code bereal} only appears as a planted unknown value. */
    static final List<String> PAID_PLATFORMS = List.of("tiktok", "instagram", "facebook", "snapchat", "youtube",
            "twitch", "google", "bereal");

    /** Source channels of the true model (the platform of the causing source, or word of mouth). */
    static final List<String> CHANNELS = List.of("tiktok", "instagram", "facebook", "snapchat", "youtube", "twitch",
            "google", "offline", "word_of_mouth");

    enum Kind { PAID, POSTS, INFLUENCER, LIVE, OFFLINE, EVENTS, SEO, WOM }

    /** One acquisition component of a project. {@code share} is its share of the project's expected contacts. */
    static final class Comp {
        final Kind kind;
        final String platform;
        final double share;
        double budget;            // PAID: EUR over the period at scale 1
        int count;                // PAID: creatives; INFLUENCER: posts per month; EVENTS: events per year
        double perWeek;           // POSTS, LIVE: posts per week
        double volume;            // POSTS/LIVE/INFLUENCER: median views per post; OFFLINE: scans per placement-day;
                                  // EVENTS: attendees; SEO: visits per day (all at scale 1)
        String[] themes = {"general"};
        String[] formats;
        String[] creators;
        String[] depts;
        int placements;           // OFFLINE: placements per creative

        Comp(Kind kind, String platform, double share) {
            this.kind = kind;
            this.platform = platform;
            this.share = share;
        }
    }

    /** One project. */
    static final class ProjectSpec {
        final String id, code, title;
        final double target;      // expected contacts over 24 months at scale 1
        double accRate, hoAccRate, hoNotRate;
        String[] partners;
        double[] partnerW;
        String[] channels;
        double[] channelW;
        String[] depts;           // null = national
        double[] deptW;
        UnaryOperator<TrueModel.ProfileDist> profile = UnaryOperator.identity();
        int officeStart = 9, officeEnd = 18;
        boolean saturday;
        double replyFactor = 1.0;
        boolean touchUtc;
        double staffMonthly, toolingMonthly; // EUR at scale 1
        final List<Comp> comps = new ArrayList<>();

        ProjectSpec(String id, String code, String title, double target) {
            this.id = id;
            this.code = code;
            this.title = title;
            this.target = target;
        }

        ProjectSpec rates(double acc, double hoAcc, double hoNot) {
            accRate = acc; hoAccRate = hoAcc; hoNotRate = hoNot;
            return this;
        }

        ProjectSpec partners(Object... kv) {
            partners = keys(kv); partnerW = weights(kv);
            return this;
        }

        ProjectSpec contact(Object... kv) {
            channels = keys(kv); channelW = weights(kv);
            return this;
        }

        ProjectSpec depts(String... d) {
            depts = d;
            deptW = new double[d.length];
            java.util.Arrays.fill(deptW, 1.0);
            return this;
        }

        ProjectSpec hours(int start, int end, boolean sat) {
            officeStart = start; officeEnd = end; saturday = sat;
            return this;
        }

        ProjectSpec costs(double staff, double tooling) {
            staffMonthly = staff; toolingMonthly = tooling;
            return this;
        }

        Comp add(Kind k, String platform, double share) {
            Comp c = new Comp(k, platform, share);
            comps.add(c);
            return c;
        }

        ProjectSpec paid(String platform, double share, double budget, int creatives, String[] formats, String... themes) {
            Comp c = add(Kind.PAID, platform, share);
            c.budget = budget; c.count = creatives; c.formats = formats; c.themes = themes;
            return this;
        }

        ProjectSpec posts(String platform, double share, double perWeek, double views, String format, String... themes) {
            Comp c = add(Kind.POSTS, platform, share);
            c.perWeek = perWeek; c.volume = views; c.formats = new String[]{format}; c.themes = themes;
            return this;
        }

        ProjectSpec influencer(String platform, double share, int perMonth, double views, String theme, String... creators) {
            Comp c = add(Kind.INFLUENCER, platform, share);
            c.count = perMonth; c.volume = views; c.creators = creators; c.themes = new String[]{theme};
            return this;
        }

        ProjectSpec live(String platform, double share, double perWeek, double views, String... themes) {
            Comp c = add(Kind.LIVE, platform, share);
            c.perWeek = perWeek; c.volume = views; c.themes = themes;
            return this;
        }

        ProjectSpec offline(double share, double scansPerDay, int placements, String[] formats, String theme, String... depts) {
            Comp c = add(Kind.OFFLINE, "offline", share);
            c.volume = scansPerDay; c.placements = placements; c.formats = formats; c.depts = depts;
            c.themes = new String[]{theme};
            return this;
        }

        ProjectSpec events(double share, int perYear, double attendees, String theme, String... depts) {
            Comp c = add(Kind.EVENTS, "offline", share);
            c.count = perYear; c.volume = attendees; c.depts = depts; c.themes = new String[]{theme};
            return this;
        }

        ProjectSpec seo(double share, double visitsPerDay) {
            Comp c = add(Kind.SEO, "google", share);
            c.volume = visitsPerDay; c.themes = new String[]{"orientation"};
            return this;
        }

        ProjectSpec wom(double share) {
            add(Kind.WOM, null, share);
            return this;
        }

        private static String[] keys(Object[] kv) {
            String[] k = new String[kv.length / 2];
            for (int i = 0; i < k.length; i++) k[i] = (String) kv[2 * i];
            return k;
        }

        private static double[] weights(Object[] kv) {
            double[] w = new double[kv.length / 2];
            for (int i = 0; i < w.length; i++) w[i] = ((Number) kv[2 * i + 1]).doubleValue();
            return w;
        }
    }

    static String[] f(String... s) { return s; }

    /** The ten projects, in processing order (cross-project youth go from earlier to later projects). */
    static List<ProjectSpec> projects() {
        List<ProjectSpec> ps = new ArrayList<>();

        // Calibrated on published figures: ~2,200 contacted in the first year at scale 100,
        // ~1,500 accompanied directly, the rest handed off.
        ps.add(new ProjectSpec("coach-whatsapp-tiktok", "coach",
                "Coaching par messagerie, vidéos TikTok hebdomadaires", 44)
                .rates(0.68, 0.35, 0.95)
                .partners("mission_locale", .5, "france_travail", .2, "e2c", .1, "afpa", .1, "association", .1)
                .contact("whatsapp", .75, "messenger", .20, "instagram_dm", .05)
                .costs(95, 6)
                .paid("tiktok", .35, 1500, 6, f("video"), "confidence", "cv", "jobs")
                .paid("instagram", .15, 750, 4, f("video", "story"), "confidence", "orientation")
                .posts("tiktok", .30, 1, 900, "video", "confidence", "cv", "jobs")
                .posts("instagram", .05, 0.5, 300, "carousel", "orientation")
                .wom(.15));

        ps.add(new ProjectSpec("esport-twitch-arena", "arena",
                "Esport et jeux vidéo : streams Twitch, tournois, influenceurs", 220)
                .rates(0.45, 0.40, 0.50)
                .partners("mission_locale", .4, "e2c", .2, "afpa", .15, "epide", .1, "training", .15)
                .contact("discord", .55, "twitch", .20, "instagram_dm", .15, "whatsapp", .10)
                .hours(10, 21, true).costs(240, 15)
                .paid("twitch", .25, 3750, 6, f("video"), "esport", "gaming")
                .paid("youtube", .10, 1880, 4, f("video"), "gaming", "esport")
                .posts("twitch", .20, 2, 350, "stream", "esport", "gaming")
                .influencer("twitch", .18, 2, 3500, "esport", "creator-01", "creator-02", "creator-03")
                .influencer("youtube", .12, 1, 5000, "gaming", "creator-04", "creator-05")
                .events(.05, 4, 60, "esport", "75", "69", "13", "59")
                .wom(.10));
        ps.get(1).profile = d -> d.gender(.2, .77, .03);
        ps.get(1).touchUtc = true;

        ps.add(new ProjectSpec("qr-quartiers", "qrq",
                "Affiches, flyers, stickers et écrans à QR code dans l'espace public", 200)
                .rates(0.50, 0.45, 0.60)
                .partners("mission_locale", .55, "france_travail", .15, "e2c", .1, "association", .2)
                .contact("whatsapp", .55, "sms", .25, "phone", .20)
                .depts("93", "13", "59", "69", "974", "95").costs(180, 4)
                .offline(.70, 0.8, 4, f("poster", "flyer", "sticker", "screen"), "jobs", "93", "13", "59", "69", "974", "95")
                .posts("instagram", .10, 1, 250, "image", "jobs")
                .wom(.20));
        ps.get(2).profile = d -> d.loc(.40, .55, .05);

        ps.add(new ProjectSpec("chatbot-orientation", "bot",
                "Chatbot d'orientation sur un site, référencement et annonces", 450)
                .rates(0.23, 0.30, 0.07)
                .partners("mission_locale", .7, "e2c", .2, "cio", .1)
                .contact("chatbot", .90, "phone", .05, "email", .05)
                .costs(300, 40)
                .paid("google", .30, 5000, 6, f("other"), "orientation", "jobs", "alternance")
                .paid("snapchat", .20, 3750, 6, f("story", "video"), "orientation", "confidence")
                .seo(.35, 11)
                .posts("instagram", .05, 1, 300, "carousel", "orientation")
                .wom(.10));
        ps.get(3).touchUtc = true;
        ps.get(3).replyFactor = 1.6;

        ps.add(new ProjectSpec("live-masterclass", "live",
                "Masterclass en direct, battles de rap et ateliers danse sur les réseaux", 220)
                .rates(0.40, 0.40, 0.45)
                .partners("mission_locale", .4, "association", .25, "training", .2, "crij", .15)
                .contact("instagram_dm", .50, "tiktok_dm", .25, "whatsapp", .15, "in_person", .10)
                .costs(200, 10)
                .live("instagram", .25, 1, 600, "music", "jobs", "rap")
                .live("tiktok", .20, 1, 900, "rap", "dance")
                .live("youtube", .10, 0.5, 500, "music", "jobs")
                .paid("instagram", .15, 1880, 5, f("video", "story"), "rap", "music")
                .paid("tiktok", .10, 1250, 4, f("video"), "dance", "rap")
                .events(.10, 6, 80, "rap", "93", "13", "69", "33", "59", "75")
                .wom(.10));

        ps.add(new ProjectSpec("gaming-rqth", "rqth",
                "Jeunes en situation de handicap (RQTH) via des influenceurs gaming", 120)
                .rates(0.70, 0.45, 0.80)
                .partners("association", .35, "mission_locale", .30, "france_travail", .15, "training", .20)
                .contact("discord", .40, "messenger", .30, "phone", .30)
                .hours(9, 19, false).costs(120, 8)
                .influencer("youtube", .25, 2, 2500, "handicap", "creator-06", "creator-07")
                .influencer("twitch", .20, 2, 1800, "gaming", "creator-08", "creator-09")
                .paid("youtube", .15, 1500, 4, f("video"), "handicap", "gaming")
                .posts("twitch", .15, 1, 250, "stream", "gaming")
                .wom(.25));
        ps.get(5).profile = d -> d.rqth(0.85).gender(.3, .67, .03);

        ps.add(new ProjectSpec("alternance-go", "alt",
                "Promotion de l'apprentissage et de l'alternance", 260)
                .rates(0.35, 0.60, 0.60)
                .partners("employer", .30, "training", .35, "mission_locale", .20, "france_travail", .15)
                .contact("messenger", .45, "phone", .25, "email", .15, "whatsapp", .15)
                .costs(160, 8)
                .paid("facebook", .25, 3750, 6, f("image", "video", "carousel"), "alternance", "jobs")
                .paid("instagram", .20, 3120, 6, f("video", "story", "carousel"), "alternance", "jobs")
                .paid("snapchat", .20, 2500, 5, f("story"), "alternance")
                .posts("instagram", .10, 1, 400, "video", "alternance")
                .posts("facebook", .05, 1, 250, "image", "jobs")
                .wom(.20));
        ps.get(6).profile = d -> d.situation(.55, .25, .12, .08);
        ps.get(6).touchUtc = true;

        ps.add(new ProjectSpec("snap-quartiers", "snap",
                "Stories et filtres Snapchat dans les quartiers prioritaires", 260)
                .rates(0.45, 0.40, 0.55)
                .partners("mission_locale", .5, "e2c", .15, "epide", .10, "association", .25)
                .contact("snapchat", .75, "whatsapp", .25)
                .depts("93", "94", "95", "91", "78", "13", "69").costs(170, 5)
                .paid("snapchat", .45, 4380, 8, f("story", "video"), "confidence", "jobs", "sport")
                .posts("snapchat", .20, 3, 300, "story", "confidence", "sport")
                .influencer("snapchat", .15, 1, 3000, "sport", "creator-10", "creator-11")
                .offline(.05, 0.5, 3, f("sticker"), "sport", "93", "94", "95")
                .wom(.15));
        ps.get(7).profile = d -> d.loc(.40, .57, .03);

        ps.add(new ProjectSpec("rural-connect", "rural",
                "Jeunes des territoires ruraux : annonces et flyers", 160)
                .rates(0.55, 0.50, 0.70)
                .partners("mission_locale", .55, "france_travail", .20, "afpa", .15, "training", .10)
                .contact("phone", .35, "sms", .20, "messenger", .30, "whatsapp", .15)
                .depts("23", "15", "48", "58", "36", "19", "46", "12", "43", "52", "55", "89").costs(110, 4)
                .paid("facebook", .35, 2500, 5, f("image", "video"), "jobs", "mobilite")
                .paid("instagram", .15, 1120, 4, f("story", "image"), "mobilite", "alternance")
                .offline(.25, 0.5, 3, f("flyer", "poster"), "mobilite", "23", "15", "48", "58", "36", "19")
                .wom(.25));
        ps.get(8).profile = d -> d.loc(.42, .03, .55);

        ps.add(new ProjectSpec("outre-mer-jeunes", "om",
                "Jeunes des Outre-mer : TikTok, Facebook et influence locale", 220)
                .rates(0.50, 0.40, 0.60)
                .partners("mission_locale", .5, "france_travail", .2, "epide", .15, "association", .15)
                .contact("whatsapp", .70, "messenger", .20, "instagram_dm", .10)
                .depts("971", "972", "973", "974", "976").costs(150, 6)
                .paid("tiktok", .30, 2500, 6, f("video"), "outremer", "jobs")
                .paid("facebook", .15, 1500, 4, f("image", "video"), "jobs", "alternance")
                .posts("tiktok", .20, 1, 700, "video", "outremer", "music")
                .influencer("tiktok", .15, 1, 2500, "outremer", "creator-12")
                .wom(.20));
        ps.get(9).profile = d -> d.loc(.55, .35, .10);
        return ps;
    }
}
