package org.maraude.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Realises one project's plan day by day and streams its rows: ad delivery, organic posts, anonymous and
 * identified touchpoints, identity links, conversations, profiles, registry rows, costs. Each contacted
 * youth's whole journey is drawn and written when the youth is created, so memory stays bounded.
 */
final class ProjectRun {
    static final String[] TOUCH_HEADER = {"ts", "visitor_key", "youth_key", "touch_type", "platform", "campaign_id",
            "creative_id", "placement_id", "utm_source", "utm_medium", "utm_campaign", "utm_content", "dept"};
    static final String[] CONTACT_HEADER = {"ts", "youth_key", "event", "channel", "mediator_key", "partner_type",
            "partner_id", "referral_code", "declared_source"};
    static final String[] YOUTH_HEADER = {"youth_key", "age_band", "gender", "dept", "qpv", "zrr", "rqth",
            "diploma_level", "situation"};
    static final String[] LINK_HEADER = {"ts", "visitor_key", "youth_key"};
    static final String[] POST_HEADER = {"date", "platform", "post_id", "creative_id", "views", "reach", "likes",
            "comments", "shares", "link_clicks", "followers_gained"};
    static final String[] DELIVERY_HEADER = {"date", "platform", "campaign_id", "creative_id", "impressions", "reach",
            "clicks", "video_views", "spend_eur"};
    static final String[] CREATIVE_HEADER = {"creative_id", "platform", "format", "theme", "creator", "label", "launched_on"};
    static final String[] COST_HEADER = {"month", "category", "platform", "campaign_id", "amount_eur"};
    static final String[] REGISTRY_HEADER = {"youth_key", "source", "known_since"};

    private static final String[] TOUCH_QUIRKS = {Quirks.DUPLICATE, Quirks.PII_EMAIL, Quirks.PII_PHONE,
            Quirks.UNKNOWN_ENUM, Quirks.UNKNOWN_ENUM_STRICT};
    private static final String[] CONTACT_QUIRKS = {Quirks.DUPLICATE, Quirks.PII_PHONE, Quirks.PII_EMAIL,
            Quirks.UNKNOWN_ENUM, Quirks.UNKNOWN_ENUM_STRICT};
    private static final String[] DUP_ONLY = {Quirks.DUPLICATE};

    /** Projects (by id) that carry the single structural quirks. */
    static final String BROKEN_QUOTE_PROJECT = "coach-whatsapp-tiktok";
    static final String TOUCH_COLUMNS_PROJECT = "esport-twitch-arena";
    static final String EXTRA_COLUMN_PROJECT = "qr-quartiers";
    static final String REEXPORT_PROJECT = "chatbot-orientation";
    static final String BOM_PROJECT = "chatbot-orientation";
    static final String LATE_PROJECT = "live-masterclass";
    static final String CONTACT_COLUMNS_PROJECT = "live-masterclass";
    static final String NATIVE_META_PROJECT = "alternance-go";
    static final String BEREAL_PROJECT = "snap-quartiers";
    static final String NATIVE_TIKTOK_PROJECT = "coach-whatsapp-tiktok";

    final ProjectPlan plan;
    final World.ProjectSpec spec;
    final Shared sh;
    final SampleOptions opt;
    final SampleOptions.Mechanics mech;
    final Keys keys;
    final Quirks q;
    final String pid;
    final int pIdx, days, startDay;
    final long endInstant;
    final Path root;
    final boolean quirksOn;

    CsvSink touches, links, contacts, late, youth, posts;
    final List<Del> deliveries = new ArrayList<>();
    final TreeMap<String, Double> costs = new TreeMap<>();
    final SplittableRandom rDel, rVis, rConv;
    long visitorNext;
    final long visitorWindow;
    final String[] mediators;
    final double[] deptCum;
    final String[][] utmCache;
    final int[] postPtr;
    long localSerial;
    final int lateFrom, lateTo;

    // truth accumulators
    long contacted, unknown, accompanied, handedOff, crossIn;
    long anonTouches;

    record Del(int d, String platform, String campaign, String creative, long imp, long reach, long clicks, long vv,
               long cents) {}

    record Ev(long ts, String event, String channel, String mediator, String partnerType, String partnerId,
              String referral, String declared) {}

    ProjectRun(ProjectPlan plan, Shared sh, Path root) {
        this.plan = plan;
        this.spec = plan.spec;
        this.sh = sh;
        this.opt = sh.opt;
        this.mech = opt.mechanics();
        this.keys = sh.keys;
        this.q = sh.quirks;
        this.quirksOn = opt.quirks();
        this.pid = spec.id;
        this.pIdx = plan.pIdx;
        this.days = plan.days;
        this.startDay = plan.startDay;
        this.endInstant = Paris.instant(startDay + days, 0);
        this.root = root;
        rDel = Rnd.rng(opt.seed(), pIdx, 3);
        rVis = Rnd.rng(opt.seed(), pIdx, 4);
        rConv = Rnd.rng(opt.seed(), pIdx, 6);
        visitorWindow = (long) (2000 * opt.scale()) + 200;
        int nMed = Math.max(2, (int) Math.round(spec.target / 25.0 * Math.sqrt(opt.scale())));
        mediators = new String[nMed];
        for (int i = 0; i < nMed; i++) mediators[i] = keys.mediator(pid, i);
        deptCum = new double[plan.projectDeptW.length];
        double t = 0;
        for (int i = 0; i < deptCum.length; i++) { t += plan.projectDeptW[i]; deptCum[i] = t; }
        for (int i = 0; i < deptCum.length; i++) deptCum[i] /= t;
        utmCache = new String[plan.sources.size()][];
        postPtr = new int[plan.sources.size()];
        if (quirksOn && pid.equals(LATE_PROJECT) && days > 200) {
            java.time.LocalDate m = opt.start().plusMonths(opt.months() * 3L / 8);
            lateFrom = (int) (m.withDayOfMonth(1).toEpochDay() - startDay);
            lateTo = (int) (m.withDayOfMonth(1).plusMonths(1).toEpochDay() - startDay);
        } else {
            lateFrom = lateTo = -1;
        }
    }

    // ================================================================== main loop

    void run() {
        boolean gz = true;
        touches = new CsvSink(root, pid + "/touchpoints/touchpoints.csv.gz", "touchpoints", gz, opt.gzipLevel(), false)
                .header(TOUCH_HEADER);
        contacts = new CsvSink(root, pid + "/contacts/contacts.csv.gz", "contacts", gz, opt.gzipLevel(), false)
                .header(CONTACT_HEADER);
        links = new CsvSink(root, pid + "/identity_links/identity_links.csv", "identity_links", false, 6, false)
                .header(LINK_HEADER);
        boolean extraCol = quirksOn && pid.equals(EXTRA_COLUMN_PROJECT);
        youth = new CsvSink(root, pid + "/youth/youth.csv", "youth", false, 6, false);
        if (extraCol) {
            String[] h = java.util.Arrays.copyOf(YOUTH_HEADER, YOUTH_HEADER.length + 1);
            h[h.length - 1] = "commentaire";
            youth.header(h);
            q.log(youth, 1, Quirks.EXTRA_COLUMN, "commentaire", "unknown extra column, empty in every row");
        } else {
            youth.header(YOUTH_HEADER);
        }
        posts = new CsvSink(root, pid + "/social_posts/social_posts.csv", "social_posts", false, 6, false)
                .header(POST_HEADER);
        if (lateFrom >= 0) {
            String month = Paris.date(startDay + lateFrom).substring(0, 7);
            late = new CsvSink(root, pid + "/contacts/contacts-" + month + "-late-export.csv", "contacts", false, 6, false)
                    .header(CONTACT_HEADER);
            q.log(late, 0, Quirks.LATE_FILE, "", "events of " + month + " delivered late in their own file; absent from contacts.csv.gz");
        }

        for (int d = 0; d < days; d++) {
            for (Source s : plan.sources) {
                if (!s.active(d)) continue;
                switch (s.kind) {
                    case PAID: paidDay(s, d); break;
                    case POSTS:
                    case INFLUENCER: postsDay(s, d); break;
                    case LIVE: liveDay(s, d); break;
                    case OFFLINE: offlineDay(s, d); break;
                    case EVENTS: eventDay(s, d); break;
                    case SEO: seoDay(s, d); break;
                    case WOM: womDay(s, d); break;
                    default: throw new IllegalStateException();
                }
            }
        }
        finish();
    }

    // ================================================================== sources by kind

    private void paidDay(Source s, int d) {
        double x = s.spend[d - s.from];
        if (x <= 0) return;
        int age = d - s.launch;
        String p = s.platform;
        double cpm = mech.cpmEur().get(p) * (1 + 0.003 * age) * Math.pow(plan.season[d], 0.3) * Rnd.lognormal(rDel, 1, 0.08);
        long imp = Math.max(1, Math.round(x / cpm * 1000));
        boolean weekend = Paris.dow(startDay + d) >= 6;
        double ctr = mech.ctr().get(p) * Math.sqrt(s.quality) * Math.max(0.5, Math.exp(-age / mech.fatigueDays()))
                * (weekend ? 1.1 : 1.0) * Math.pow(plan.season[d], 0.5) * Rnd.lognormal(rDel, 1, 0.1);
        long clicks = Rnd.poisson(rDel, imp * ctr);
        long reach = p.equals("google") ? -1
                : Math.max(1, Math.round(imp / (Math.min(3.0, 1.08 + 0.006 * age) * Rnd.lognormal(rDel, 1, 0.05))));
        boolean video = s.format.equals("video") || s.format.equals("story");
        long vv = video ? Math.round(imp * (0.22 + 0.1 * rDel.nextDouble())) : -1;

        Source.PaidChannel pc = s.pc;
        int wd = plan.week(d);
        double xq = x * s.qf[d - s.from];
        int clicked = 0;
        for (int l = 0; l <= mech.adstockLagWeeks(); l++) {
            int w = wd + l;
            if (w >= plan.weeks) break;
            if (pc.z[w] <= 0) continue;
            int n = Rnd.poisson(rConv, pc.mu[w] * Math.pow(pc.theta, l) * xq / pc.z[w]);
            for (int i = 0; i < n; i++) {
                int cd = pickDayInWeek(rConv, w, d);
                boolean touched = rConv.nextDouble() < s.touchProb;
                if (touched) clicked++;
                convert(s, d, randomTs(rConv, d), cd, null, null, touched);
            }
        }
        clicks = Math.max(clicks, clicked);
        long cents = Math.round(x * 100);
        deliveries.add(new Del(d, p, s.campaignId, s.creativeId, imp, reach, clicks, vv, cents));
        s.impressions += imp;
        s.clicks += clicks;
        s.spendCents += cents;
        int anon = Rnd.binomial(rVis, (int) Math.min(Integer.MAX_VALUE, clicks - clicked), mech.trackingRate());
        for (int i = 0; i < anon; i++) anonSession(s, d, "ad_click", null, null, -1);
    }

    private void postsDay(Source s, int d) {
        List<Source.Post> ps = s.posts;
        while (postPtr[s.idx] < ps.size() && ps.get(postPtr[s.idx]).day0() + ps.get(postPtr[s.idx]).traj().length <= d) {
            postPtr[s.idx]++;
        }
        for (int i = postPtr[s.idx]; i < ps.size(); i++) {
            Source.Post p = ps.get(i);
            if (p.day0() > d) break;
            int j = d - p.day0();
            if (j >= p.traj().length) continue;
            if (j == 0 && s.kind == World.Kind.INFLUENCER) {
                cost(d, "influencer", s.platform, s.campaignId, p.total() / 1000 * 15.0);
            }
            long views = Math.round(p.total() * p.traj()[j]);
            int n = Rnd.poisson(rConv, p.total() * p.traj()[j] / 1000 * s.rate);
            int clicked = 0;
            for (int k = 0; k < n; k++) {
                int cd = d + Rnd.geometric(rConv, s.lagP, s.lagCap);
                boolean touched = rConv.nextDouble() < s.touchProb;
                if (cd >= days) continue;
                if (touched) clicked++;
                convert(s, d, randomTs(rConv, d), cd, null, null, touched);
            }
            if (views <= 0 && clicked == 0) continue;
            long lc = Math.max(clicked, Math.round(views * 0.004 * Rnd.lognormal(rDel, 1, 0.2)));
            socialRow(s, d, p.id(), views, lc);
            int anon = Rnd.binomial(rVis, (int) (lc - clicked), mech.trackingRate());
            for (int k = 0; k < anon; k++) anonSession(s, d, "post_click", null, null, -1);
        }
    }

    private void socialRow(Source s, int d, String postId, long views, long linkClicks) {
        boolean noReach = s.platform.equals("twitch") || s.platform.equals("youtube");
        boolean noShares = s.platform.equals("twitch");
        double live = s.kind == World.Kind.LIVE ? 4 : 1;
        String reach = noReach ? null : Long.toString(Math.round(views * 0.82 * Rnd.lognormal(rDel, 1, 0.05)));
        String likes = Long.toString(Math.round(views * 0.06 * Rnd.lognormal(rDel, 1, 0.2)));
        String comments = s.platform.equals("snapchat") ? null : Long.toString(Math.round(views * 0.004 * live * Rnd.lognormal(rDel, 1, 0.3)));
        String shares = noShares ? null : Long.toString(Math.round(views * 0.006 * Rnd.lognormal(rDel, 1, 0.3)));
        String followers = Long.toString(Math.round(views * 0.001 * Rnd.lognormal(rDel, 1, 0.4)));
        String[] row = {Paris.date(startDay + d), s.platform, postId, s.creativeId, Long.toString(views), reach, likes,
                comments, shares, Long.toString(linkClicks), followers};
        posts.row(row);
        s.views += views;
        if (q.pick("social_posts", DUP_ONLY) != null) {
            posts.row(row);
            q.log(posts, posts.lastLine(), Quirks.DUPLICATE, "", "exact copy of line " + (posts.lastLine() - 1));
        }
    }

    private void liveDay(Source s, int d) {
        for (Source.Post p : s.posts) {
            if (p.day0() != d) continue;
            long views = Math.round(p.total());
            long liveStart = Paris.instant(startDay + d, 19 * 3600 + rDel.nextInt(2) * 1800);
            int chatters = Rnd.poisson(rConv, p.total() * ProjectPlan.CHAT_RATE);
            int conv = Rnd.binomial(rConv, chatters, s.rate);
            for (int k = 0; k < conv; k++) {
                int cd = d + Rnd.geometric(rConv, s.lagP, s.lagCap);
                long ts = liveStart + rConv.nextInt(5400);
                if (cd >= days) continue;
                convert(s, d, ts, cd, null, null, true);
            }
            socialRow(s, d, p.id(), views, Math.round(views * 0.002));
            s.visitsRealised += chatters;
            for (int k = conv; k < chatters; k++) anonSession(s, d, "live_chat", null, null, liveStart + rVis.nextInt(5400));
        }
    }

    private void offlineDay(Source s, int d) {
        if (d == s.launch) {
            cost(d, "other", "offline", s.campaignId, s.placements.length * 6.0 * opt.scale() / plan.mult);
        }
        if (s.format.equals("screen") && (d == s.launch || Paris.date(startDay + d).endsWith("-01"))) {
            cost(d, "media", "offline", s.campaignId, 60.0 * opt.scale());
        }
        int v = Rnd.poisson(rConv, s.visits[d - s.from]);
        int conv = Rnd.binomial(rConv, v, s.rate);
        s.visitsRealised += v;
        for (int k = 0; k < conv; k++) {
            int pl = rConv.nextInt(s.placements.length);
            int cd = d + Rnd.geometric(rConv, s.lagP, s.lagCap);
            long ts = randomTs(rConv, d);
            if (cd >= days) continue;
            convert(s, d, ts, cd, s.placements[pl], s.dept, true);
        }
        int anon = Rnd.binomial(rVis, v - conv, 0.98);
        for (int k = 0; k < anon; k++) {
            anonSession(s, d, "qr_scan", s.placements[rVis.nextInt(s.placements.length)], s.dept, -1);
        }
    }

    private void eventDay(Source s, int d) {
        cost(d, "events", null, s.campaignId, 15.0 * opt.scale() + s.visits[0] * 0.5);
        int v = Rnd.poisson(rConv, s.visits[0]);
        int conv = Rnd.binomial(rConv, v, s.rate);
        s.visitsRealised += v;
        long open = Paris.instant(startDay + d, 14 * 3600);
        for (int k = 0; k < conv; k++) {
            int cd = d + Rnd.geometric(rConv, s.lagP, s.lagCap);
            long ts = open + rConv.nextInt(5 * 3600);
            if (cd >= days) continue;
            convert(s, d, ts, cd, s.placements[0], s.dept, true);
        }
        for (int k = conv; k < v; k++) anonSession(s, d, "event_checkin", s.placements[0], s.dept, open + rVis.nextInt(5 * 3600));
    }

    private void seoDay(Source s, int d) {
        int v = Rnd.poisson(rConv, s.visits[d]);
        int conv = Rnd.binomial(rConv, v, s.rate);
        s.visitsRealised += v;
        for (int k = 0; k < conv; k++) {
            int cd = d + Rnd.geometric(rConv, s.lagP, s.lagCap);
            long ts = randomTs(rConv, d);
            if (cd >= days) continue;
            convert(s, d, ts, cd, null, null, true);
        }
        for (int k = conv; k < v; k++) anonSession(s, d, "landing_view", null, null, -1);
    }

    private void womDay(Source s, int d) {
        int n = Rnd.poisson(rConv, s.wom[d]);
        for (int k = 0; k < n; k++) {
            boolean touched = rConv.nextDouble() < s.touchProb;
            convert(s, -1, -1, d, null, null, touched);
        }
    }

    // ================================================================== anonymous sessions

    private void anonSession(Source s, int d, String type, String placement, String pDept, long tsOverride) {
        long vIdx = pickVisitor(rVis);
        String vkey = keys.visitor(pid, vIdx);
        long ts = tsOverride > 0 ? tsOverride : randomTs(rVis, d);
        String dept = pDept != null ? pDept : visitorDept(vIdx);
        anonTouches++;
        touch(ts, vkey, null, type, s, placement, dept, true);
        if (type.equals("landing_view")) {
            if (rVis.nextDouble() < 0.45) touch(ts + 10 + rVis.nextInt(170), vkey, null, "chatbot_open", null, null, dept, false);
        } else if (!type.equals("live_chat") && !type.equals("event_checkin") && rVis.nextDouble() < 0.8) {
            touch(ts + 2 + rVis.nextInt(24), vkey, null, "landing_view", s, placement, dept, false);
            if (rVis.nextDouble() < 0.1) touch(ts + 30 + rVis.nextInt(270), vkey, null, "landing_view", s, placement, dept, false);
        }
    }

    private long pickVisitor(SplittableRandom r) {
        if (visitorNext > 0 && r.nextDouble() < mech.returningVisitorRate()) {
            long lo = Math.max(0, visitorNext - visitorWindow);
            return lo + r.nextLong(visitorNext - lo);
        }
        return visitorNext++;
    }

    private String visitorDept(long vIdx) {
        long h = Rnd.mix(opt.seed(), pIdx, 5, vIdx);
        if ((h & 1) == 0) return null;
        double u = (h >>> 11) * 0x1.0p-53;
        int lo = 0, hi = deptCum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (deptCum[mid] < u) lo = mid + 1; else hi = mid;
        }
        return Reference.DEPTS.get(lo);
    }

    private String[] utm(Source s, String placement) {
        if (s == null) return new String[4];
        if (s.kind == World.Kind.OFFLINE) return new String[]{"qr", "offline", s.campaignId, placement};
        String[] u = utmCache[s.idx];
        if (u != null) return u;
        switch (s.kind) {
            case PAID: u = new String[]{s.platform, s.platform.equals("google") ? "cpc" : "paid", s.campaignId, s.creativeId}; break;
            case POSTS: u = new String[]{s.platform, "social", null, s.creativeId}; break;
            case INFLUENCER: u = new String[]{s.platform, "influence", s.campaignId, s.creativeId}; break;
            case SEO: u = new String[]{"google", "organic", null, null}; break;
            case WOM: u = new String[]{"partage", "referral", null, null}; break;
            default: u = new String[4];
        }
        utmCache[s.idx] = u;
        return u;
    }

    /** Writes one touchpoint; {@code s} null means a direct visit (no platform, campaign or utm). */
    private void touch(long ts, String vkey, String ykey, String type, Source s, String placement, String dept,
                       boolean quirkEligible) {
        if (ts >= endInstant) return;
        String platform = s == null || s.kind == World.Kind.WOM || type.equals("chatbot_open") ? null : s.platform;
        boolean withIds = s != null && !type.equals("chatbot_open");
        String campaign = withIds && s.kind != World.Kind.POSTS && s.kind != World.Kind.LIVE ? s.campaignId : null;
        String creative = withIds ? s.creativeId : null;
        String[] u = type.equals("chatbot_open") || type.equals("live_chat") || type.equals("event_checkin")
                ? new String[4] : utm(s, placement);
        String utmContent = u[3];
        String kind = quirkEligible ? q.pick("touchpoints", TOUCH_QUIRKS) : null;
        String col = "";
        if (kind != null) {
            switch (kind) {
                case Quirks.PII_EMAIL: utmContent = q.email(); col = "utm_content"; break;
                case Quirks.PII_PHONE: utmContent = q.phone(); col = "utm_content"; break;
                case Quirks.UNKNOWN_ENUM: platform = "bereal"; col = "platform"; break;
                case Quirks.UNKNOWN_ENUM_STRICT: type = "story_view"; col = "touch_type"; break;
                default: break;
            }
        }
        StringBuilder b = touches.sb;
        b.setLength(0);
        if (spec.touchUtc) Paris.appendTsUtc(b, ts); else Paris.appendTs(b, ts);
        b.append(',').append(vkey).append(',');
        if (ykey != null) b.append(ykey);
        b.append(',').append(type).append(',');
        CsvSink.cell(b, platform);
        b.append(',');
        CsvSink.cell(b, campaign);
        b.append(',');
        CsvSink.cell(b, creative);
        b.append(',');
        CsvSink.cell(b, placement);
        b.append(',');
        CsvSink.cell(b, u[0]);
        b.append(',');
        CsvSink.cell(b, u[1]);
        b.append(',');
        CsvSink.cell(b, u[2]);
        b.append(',');
        CsvSink.cell(b, utmContent);
        b.append(',');
        CsvSink.cell(b, dept);
        touches.line(b);
        if (kind != null) {
            if (kind.equals(Quirks.DUPLICATE)) {
                touches.line(b);
                q.log(touches, touches.lastLine(), kind, "", "exact copy of line " + (touches.lastLine() - 1));
            } else {
                q.log(touches, touches.lastLine(), kind, col, kind.startsWith("pii") ? "personal data planted (fake value)"
                        : "value " + (col.equals("platform") ? platform : type));
            }
        }
        if (quirkEligible && pid.equals(TOUCH_COLUMNS_PROJECT) && anonTouches > 500 && q.once("touch-columns")) {
            b.append(",extra");
            touches.line(b);
            q.log(touches, touches.lastLine(), Quirks.WRONG_COLUMNS, "", "14 cells for 13 columns");
        }
    }

    // ================================================================== time helpers

    private long randomTs(SplittableRandom r, int d) {
        int h = Rnd.pick(r, SchoolCalendar.HOURS);
        return Paris.instant(startDay + d, h * 3600 + r.nextInt(3600));
    }

    private int pickDayInWeek(SplittableRandom r, int w, int d) {
        int d0 = Math.max(d, plan.weekStart(w)), d1 = Math.min(days, plan.weekStart(w) + 7);
        if (d1 - d0 <= 1) return d0;
        double[] wt = new double[d1 - d0];
        for (int i = d0; i < d1; i++) wt[i - d0] = plan.weekday(i);
        return d0 + Rnd.pick(r, wt);
    }

    private boolean working(int epochDay) {
        int dow = Paris.dow(epochDay);
        return dow <= 5 || (dow == 6 && spec.saturday);
    }

    private boolean open(long t) {
        int ld = Paris.localDay(t);
        int h = Paris.localSecOfDay(t) / 3600;
        return working(ld) && h >= spec.officeStart && h < spec.officeEnd;
    }

    private long nextOpen(long t) {
        int ld = Paris.localDay(t);
        int sod = Paris.localSecOfDay(t);
        if (working(ld) && sod < spec.officeStart * 3600) return Paris.instant(ld, spec.officeStart * 3600);
        do { ld++; } while (!working(ld));
        return Paris.instant(ld, spec.officeStart * 3600);
    }

    /** A time within office hours on the first working day at or after the epoch day. */
    private long officeTime(SplittableRandom r, int epochDay) {
        int ld = epochDay;
        while (!working(ld)) ld++;
        return Paris.instant(ld, spec.officeStart * 3600 + r.nextInt((spec.officeEnd - spec.officeStart) * 3600 - 600));
    }

    private long reply(SplittableRandom r, long tIn) {
        if (open(tIn)) {
            return tIn + 30 + (long) Math.min(8 * 3600, Rnd.lognormal(r, mech.replyMedianMinutes() * spec.replyFactor, 0.8) * 60);
        }
        return nextOpen(tIn) + (long) Math.min(8 * 3600, Rnd.lognormal(r, mech.afterHoursMedianMinutes() * spec.replyFactor, 0.8) * 60);
    }

    private long youthTime(SplittableRandom r, int epochDay) {
        return Paris.instant(epochDay, Rnd.pick(r, SchoolCalendar.HOURS) * 3600 + r.nextInt(3600));
    }

    // ================================================================== a contacted youth

    private static final String[] REG_SOURCES = {"france_travail", "mission_locale", "other"};
    private static final double[] REG_W = {0.45, 0.45, 0.10};

    private void convert(Source s, int touchDay, long touchTs, int contactDay, String placement, String placementDept,
                         boolean touched) {
        SplittableRandom r = Rnd.rng(opt.seed(), pIdx, 7, localSerial++);
        PriorityQueue<Shared.Pending> pq = sh.pending.get(pIdx);
        Shared.Pending pend = !pq.isEmpty() && pq.peek().day() <= startDay + contactDay ? pq.peek() : null;
        boolean fresh = pend == null;
        TrueModel.Profile prof = fresh
                ? s.dist.draw(r, placementDept != null ? placementDept : plan.drawDept(r, s)) : pend.profile();
        double pU = Rnd.sigmoid(sh.unknownIntercept + s.uShift + prof.uLogit());
        boolean unk = r.nextDouble() < pU;
        String edge = "";
        boolean early = false;
        if (fresh && r.nextDouble() < mech.registryEdgeRate()) {
            if (!unk && touchDay < contactDay) { edge = "known_day_before_midnight_contact"; early = true; }
            else if (unk) edge = "same_day_registration";
        }
        // first contact time, then the actual local day
        long t0;
        if (early) {
            t0 = Paris.instant(startDay + contactDay, 300 + r.nextInt(3000));
        } else if (touched && touchTs > 0 && touchDay == contactDay) {
            t0 = touchTs + (s.kind == World.Kind.SEO ? 20 + r.nextInt(280) : 60 + (long) (Rnd.lognormal(r, 20, 1.0) * 60));
        } else {
            t0 = youthTime(r, startDay + contactDay);
        }
        if (t0 >= endInstant) return;
        int cDay = Paris.localDay(t0);          // epoch day of the first contact (Europe/Paris)
        if (!fresh) pq.poll();
        long serial = fresh ? sh.youthSerial++ : pend.serial();
        String key = fresh ? keys.youth(serial) : pend.key();
        List<int[]> reg = fresh ? new ArrayList<>(2) : pend.registryRows();

        // registry before contact
        if (fresh) {
            if (!unk) {
                int nrows = r.nextDouble() < 0.2 ? 2 : 1;
                int first = Rnd.pick(r, REG_W);
                for (int i = 0; i < nrows; i++) {
                    int src = i == 0 ? first : (first + 1 + r.nextInt(2)) % 3;
                    int since = (early && i == 0) ? cDay - 1
                            : cDay - 5 - (int) Math.min(3650, Math.round(Rnd.lognormal(r, 420, 0.9)));
                    registryRow(key, src, since, reg);
                }
            } else if (edge.equals("same_day_registration")) {
                registryRow(key, 1, cDay, reg);
            }
        } else {
            unk = true;
            for (int[] row : reg) if (row[0] < cDay) { unk = false; break; }
            crossIn++;
        }

        String ch = contactChannel(r, s);

        // touch path
        boolean tracked = touched && r.nextDouble() < trackRate(s);
        long vIdx = pickVisitor(r);
        String vkey = keys.visitor(pid, vIdx);
        int emitted = 0;
        String touchDept = placementDept != null ? placementDept : (r.nextDouble() < 0.6 ? prof.dept() : null);
        if (tracked) {
            emitted += decisiveTouch(r, s, touchTs, t0, vkey, placement, touchDept);
        }
        if (r.nextDouble() < (touched ? 0.35 : 0.2)) {
            long lo = tracked && touchTs > 0 ? touchTs + 60 : t0 - 7 * 86400L;
            lo = Math.max(lo, Paris.instant(startDay, 0));
            long hi = t0 - 60;
            int k = 1 + r.nextInt(2);
            for (int i = 0; i < k && hi > lo; i++) {
                emitted += passenger(r, lo + (long) (r.nextDouble() * (hi - lo)), vkey, touchDept);
            }
        }
        if (ch.equals("chatbot")) {
            touch(t0 - 5 - r.nextInt(115), vkey, null, "chatbot_open", null, null, touchDept, false);
            emitted++;
        }
        boolean stitched = emitted > 0 && r.nextDouble() < Math.min(0.98, stitchBase(ch) * mech.stitchScale());
        if (stitched) {
            long lts = t0 + r.nextInt(600);
            if (lts < endInstant) links.row(ts(lts), vkey, key);
            maybeDupLink(lts, vkey, key);
            if (r.nextDouble() < 0.1) {
                String v2 = keys.visitor(pid, visitorNext++);
                touch(t0 - 3600 - r.nextInt(47 * 3600), v2, null, "landing_view", s.kind == World.Kind.WOM ? null : s,
                        placement, touchDept, false);
                if (lts < endInstant) links.row(ts(lts + 1), v2, key);
            }
        }
        if (r.nextDouble() < 0.25) {
            int k = 1 + r.nextInt(3);
            for (int i = 0; i < k; i++) {
                long ts = t0 + 3600 + (long) (r.nextDouble() * 60 * 86400);
                Source ps = activePaid(r, Paris.localDay(ts) - startDay, null);
                touch(ts, vkey, stitched ? key : null, ps == null ? "landing_view" : "ad_click", ps, null, touchDept, false);
            }
        }
        String referral = referralCode(r, s, placement);
        String declared = null;
        if (referral == null ? r.nextDouble() < mech.declaredSourceRate() : r.nextDouble() < 0.2) {
            declared = declaredSource(r, s);
        }

        // decisions and the conversation
        boolean acc = r.nextDouble() < Rnd.sigmoid(plan.accIntercept + s.accShift + prof.aLogit() + (unk ? TrueModel.A_UNKNOWN : 0));
        boolean ho = r.nextDouble() < Rnd.sigmoid(plan.hoIntercept + (acc ? plan.hoAccCoef : 0) + prof.hLogit()
                + (unk ? TrueModel.H_UNKNOWN : 0));
        boolean[] flags = journey(r, key, t0, ch, referral, declared, acc, ho, prof, reg);

        youthRow(r, key, prof);

        // cross-project: this youth will also contact a later project
        if (fresh && pIdx < sh.pending.size() - 1 && r.nextDouble() < mech.crossProjectRate()) {
            int to = pIdx + 1 + r.nextInt(sh.pending.size() - pIdx - 1);
            int day = cDay + 20 + r.nextInt(345);
            if (day < startDay + days) sh.pending.get(to).add(new Shared.Pending(day, serial, key, prof, reg, pIdx));
        }

        // truth
        s.realised++;
        if (unk) s.realisedUnknown++;
        if (s.pc != null) {
            int w = plan.week(cDay - startDay);
            if (w >= 0 && w < plan.weeks) s.pc.realised[w]++;
        }
        contacted++;
        sh.contactedPairs++;
        if (unk) unknown++;
        if (flags[0]) accompanied++;
        if (flags[1]) handedOff++;
        sh.youthTruth.row(pid, key, Paris.ts(t0), ch, s.channel, s.creativeId,
                s.kind.name().toLowerCase(Locale.ROOT), Boolean.toString(tracked), Boolean.toString(stitched), referral,
                declared, Boolean.toString(unk), fmt4(pU), Boolean.toString(flags[0]), Boolean.toString(flags[1]),
                Boolean.toString(flags[2]), Boolean.toString(!fresh), edge);
    }

    private void registryRow(String key, int src, int epochDay, List<int[]> reg) {
        if (epochDay >= startDay + days) return;
        sh.registry.row(key, REG_SOURCES[src], Paris.date(epochDay));
        reg.add(new int[]{epochDay, src});
    }

    private void maybeDupLink(long lts, String vkey, String key) {
        if (lts < endInstant && q.pick("identity_links", DUP_ONLY) != null) {
            links.row(ts(lts), vkey, key);
            q.log(links, links.lastLine(), Quirks.DUPLICATE, "", "exact copy of line " + (links.lastLine() - 1));
        }
    }

    private static String ts(long t) { return Paris.ts(t); }

    static String fmt4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private double trackRate(Source s) {
        switch (s.kind) {
            case OFFLINE: return 0.98;
            case EVENTS:
            case SEO:
            case LIVE: return 1.0;
            case WOM: return 0.9;
            default: return mech.trackingRate();
        }
    }

    private static double stitchBase(String ch) {
        switch (ch) {
            case "chatbot": return 0.9;
            case "whatsapp": return 0.45;
            case "email": return 0.4;
            case "messenger": return 0.35;
            case "in_person": return 0.5;
            case "instagram_dm":
            case "tiktok_dm":
            case "discord":
            case "twitch": return 0.3;
            case "snapchat": return 0.25;
            case "sms": return 0.2;
            default: return 0.15;
        }
    }

    private String contactChannel(SplittableRandom r, Source s) {
        if (s.kind == World.Kind.EVENTS && r.nextDouble() < 0.5) return "in_person";
        if (s.kind == World.Kind.LIVE && s.platform.equals("tiktok") && r.nextDouble() < 0.5) return "tiktok_dm";
        return spec.channels[Rnd.pick(r, spec.channelW)];
    }

    private int decisiveTouch(SplittableRandom r, Source s, long touchTs, long t0, String vkey, String placement, String dept) {
        switch (s.kind) {
            case PAID:
                touch(touchTs, vkey, null, "ad_click", s, null, dept, false);
                touch(touchTs + 2 + r.nextInt(24), vkey, null, "landing_view", s, null, dept, false);
                return 2;
            case POSTS:
            case INFLUENCER:
                touch(touchTs, vkey, null, "post_click", s, null, dept, false);
                touch(touchTs + 2 + r.nextInt(24), vkey, null, "landing_view", s, null, dept, false);
                return 2;
            case LIVE:
                touch(touchTs, vkey, null, "live_chat", s, null, dept, false);
                return 1;
            case OFFLINE:
                touch(touchTs, vkey, null, "qr_scan", s, placement, dept, false);
                if (r.nextDouble() < 0.7) touch(touchTs + 2 + r.nextInt(20), vkey, null, "landing_view", s, placement, dept, false);
                return 1;
            case EVENTS:
                touch(touchTs, vkey, null, "event_checkin", s, placement, dept, false);
                return 1;
            case SEO:
                touch(touchTs, vkey, null, "landing_view", s, null, dept, false);
                return 1;
            case WOM:
                touch(t0 - 60 - (long) (Rnd.lognormal(r, 90, 1.0) * 60), vkey, null, "referral", s, null, dept, false);
                return 1;
            default:
                return 0;
        }
    }

    /** A touch on the path that did not cause the contact: a direct visit, brand search, retargeting, organic post. */
    private int passenger(SplittableRandom r, long ts, String vkey, String dept) {
        int d = Paris.localDay(ts) - startDay;
        double u = r.nextDouble();
        Source s = null;
        String type = "landing_view";
        if (u < 0.25) {
            s = activePaid(r, d, "google");
            type = "ad_click";
        } else if (u < 0.45) {
            s = activePaid(r, d, "meta");
            type = "ad_click";
        } else if (u < 0.6) {
            for (Source o : plan.sources) {
                if (o.kind == World.Kind.POSTS) { s = o; type = "post_click"; break; }
            }
        }
        if (s == null) type = "landing_view";
        touch(ts, vkey, null, type, s, null, dept, false);
        if (s != null) touch(ts + 2 + r.nextInt(24), vkey, null, "landing_view", s, null, dept, false);
        return 1;
    }

    /** An active paid creative on day d ("google", "meta" = instagram/facebook, or null = any). */
    private Source activePaid(SplittableRandom r, int d, String which) {
        Source found = null;
        int n = 0;
        for (Source o : plan.sources) {
            if (o.kind != World.Kind.PAID || !o.active(d) || o.spend[d - o.from] <= 0) continue;
            if (which != null) {
                boolean ok = which.equals("meta") ? o.platform.equals("instagram") || o.platform.equals("facebook")
                        : o.platform.equals(which);
                if (!ok) continue;
            }
            n++;
            if (r.nextInt(n) == 0) found = o;
        }
        return found;
    }

    private String referralCode(SplittableRandom r, Source s, String placement) {
        double u = r.nextDouble();
        switch (s.kind) {
            case OFFLINE: return u < 0.6 ? placement : null;
            case INFLUENCER: return u < 0.35 ? s.creativeId : null;
            case EVENTS: return u < 0.3 ? s.creativeId : null;
            case PAID: return u < 0.08 ? s.campaignId : null;
            case POSTS: return u < 0.05 ? s.creativeId : null;
            default: return null;
        }
    }

    private String declaredSource(SplittableRandom r, Source s) {
        if (r.nextDouble() < 0.1) {
            String[] any = {"tiktok", "instagram", "friend", "school", "other", "facebook", "snapchat"};
            return any[r.nextInt(any.length)];
        }
        switch (s.channel) {
            case "offline": return s.kind == World.Kind.EVENTS ? "event" : "poster";
            case "word_of_mouth": {
                double u = r.nextDouble();
                return u < 0.65 ? "friend" : u < 0.85 ? "school" : "other";
            }
            default: return s.channel;
        }
    }

    // ================================================================== the conversation

    private static final String[] PARTNER_ABBR_KEYS = {"mission_locale", "france_travail", "cio", "afpa", "crij", "pij",
            "epide", "e2c", "association", "employer", "training", "other"};
    private static final String[] PARTNER_ABBR = {"ml", "ft", "cio", "afpa", "crij", "pij", "epide", "e2c", "asso", "emp",
            "form", "autre"};
    private static final double[] PARTNER_CONFIRM = {0.78, 0.65, 0.7, 0.6, 0.6, 0.6, 0.55, 0.7, 0.6, 0.5, 0.55, 0.5};

    /** Draws and writes the conversation; returns {accompanied, handed off, confirmed, first contact missing}. */
    private boolean[] journey(SplittableRandom r, String key, long t0, String ch, String referral, String declared,
                              boolean acc, boolean ho, TrueModel.Profile prof, List<int[]> reg) {
        List<Ev> ev = new ArrayList<>(40);
        String med = mediators[r.nextInt(mediators.length)];
        boolean missingFirst = r.nextDouble() < mech.missingFirstContactRate();
        if (!missingFirst) ev.add(new Ev(t0, "first_contact", ch, null, null, null, referral, declared));
        long tIn = missingFirst ? t0 : t0 + 2 + r.nextInt(58);
        ev.add(new Ev(tIn, "inbound_message", ch, null, null, null, missingFirst ? referral : null, missingFirst ? declared : null));
        long t = reply(r, tIn);
        ev.add(new Ev(t, "mediator_reply", ch, med(r, med), null, null, null, null));
        int rounds = Rnd.poisson(r, acc ? 2.5 : 1.2);
        for (int i = 0; i < rounds; i++) {
            tIn = t + 30 + (long) (Rnd.lognormal(r, 25, 1.3) * 60);
            ev.add(new Ev(tIn, "inbound_message", ch, null, null, null, null, null));
            t = reply(r, tIn);
            ev.add(new Ev(t, "mediator_reply", ch, med(r, med), null, null, null, null));
        }
        long tApp = -1;
        if (r.nextDouble() < (acc ? 0.8 : 0.25)) {
            tApp = officeTime(r, Paris.localDay(t) + 1 + r.nextInt(8));
            ev.add(new Ev(tApp, "appointment", apptChannel(r, ch), med, null, null, null, null));
        }
        int partner = ho ? partner(r, prof) : -1;
        String pType = partner < 0 ? null : PARTNER_ABBR_KEYS[partner];
        String pId = partner < 0 ? null : PARTNER_ABBR[partner] + "-" + prof.dept().toLowerCase(Locale.ROOT) + "-"
                + String.format(Locale.ROOT, "%02d", 1 + r.nextInt(3));
        long tHo = -1;
        if (acc) {
            long base = Math.max(t, tApp);
            long tStart = officeTime(r, Paris.localDay(base) + (tApp > 0 ? 0 : 1) + r.nextInt(6));
            if (tStart <= base) tStart = base + 600;
            ev.add(new Ev(tStart, "accompaniment_start", ch, med, null, null, null, null));
            long dur = (long) (Math.max(14, Math.min(300, Rnd.lognormal(r, 75, 0.5))) * 86400);
            long tEnd = tStart + dur, tDrop = -1, tReact = -1;
            if (r.nextDouble() < mech.dropoutRate()) {
                tDrop = tStart + (long) ((0.2 + 0.6 * r.nextDouble()) * dur);
                if (r.nextDouble() < mech.reactivationRate()) {
                    tReact = tDrop + (20 + r.nextInt(100)) * 86400L;
                    tEnd = tReact + (tEnd - tDrop);
                } else {
                    tEnd = -1;
                }
            }
            followUps(r, ev, ch, med, tStart, tDrop > 0 ? tDrop : tEnd);
            if (tDrop > 0) {
                if (ho && tReact < 0) {
                    tHo = officeTime(r, Paris.localDay(tDrop) - 3);
                    if (tHo <= tStart) tHo = tStart + 3600;
                    ev.add(new Ev(tHo, "handoff", ch, med, pType, pId, null, null));
                }
                ev.add(new Ev(officeTime(r, Paris.localDay(tDrop)), "dropout", ch, med, null, null, null, null));
                if (tReact > 0) {
                    long back = youthTime(r, Paris.localDay(tReact));
                    ev.add(new Ev(back, "inbound_message", ch, null, null, null, null, null));
                    long rr = reply(r, back);
                    ev.add(new Ev(rr + 1, "reactivation", ch, med, null, null, null, null));
                    ev.add(new Ev(rr, "mediator_reply", ch, med, null, null, null, null));
                    followUps(r, ev, ch, med, rr, tEnd);
                }
            }
            if (tEnd > 0) {
                long end = officeTime(r, Paris.localDay(tEnd));
                if (ho) {
                    tHo = officeTime(r, Paris.localDay(tEnd) - r.nextInt(3));
                    if (tHo >= end) tHo = end - 1800;
                    ev.add(new Ev(tHo, "handoff", ch, med, pType, pId, null, null));
                }
                ev.add(new Ev(end, "accompaniment_end", ch, med, null, null, null, null));
            }
        } else if (ho) {
            tHo = officeTime(r, Paris.localDay(t) + r.nextInt(11));
            if (tHo <= t) tHo = t + 900;
            ev.add(new Ev(tHo, "handoff", ch, med, pType, pId, null, null));
        } else {
            int k = r.nextInt(3);
            long f = t;
            for (int i = 0; i < k; i++) {
                f = officeTime(r, Paris.localDay(f) + 7 + r.nextInt(14));
                ev.add(new Ev(f, "outbound_message", ch, med(r, med), null, null, null, null));
            }
        }
        boolean confirmed = false;
        if (tHo > 0 && r.nextDouble() < PARTNER_CONFIRM[partner]) {
            confirmed = true;
            long tc = officeTime(r, Paris.localDay(tHo) + 3 + r.nextInt(26));
            ev.add(new Ev(tc, "handoff_confirmed", ch, med, pType, pId, null, null));
            if (partner <= 1) {
                boolean has = false;
                for (int[] row : reg) if (row[1] == (partner == 0 ? 1 : 0)) has = true;
                // a registry row created a few days after the hand-off: never makes the youth "previously known"
                if (!has) registryRow(key, partner == 0 ? 1 : 0, Paris.localDay(tHo) + 2 + r.nextInt(9), reg);
            }
        }
        ev.sort((a, b) -> Long.compare(a.ts(), b.ts()));
        boolean[] out = new boolean[4];
        out[3] = missingFirst;
        int inbound = 0;
        for (Ev e : ev) {
            if (e.ts() >= endInstant) continue;
            if (e.event().equals("accompaniment_start")) out[0] = true;
            if (e.event().equals("handoff")) out[1] = true;
            if (e.event().equals("handoff_confirmed")) out[2] = true;
            contactRow(key, e);
            if (e.event().equals("inbound_message") && ++inbound > 1) contactQuirk(key, e);
        }
        return out;
    }

    private String med(SplittableRandom r, String main) {
        return r.nextDouble() < 0.12 ? mediators[r.nextInt(mediators.length)] : main;
    }

    private static String apptChannel(SplittableRandom r, String ch) {
        double u = r.nextDouble();
        return u < 0.5 ? "in_person" : u < 0.8 ? "phone" : ch;
    }

    private int partner(SplittableRandom r, TrueModel.Profile prof) {
        String p = spec.partners[Rnd.pick(r, spec.partnerW)];
        if (prof.age() == 0 && r.nextDouble() < 0.4) p = r.nextBoolean() ? "cio" : "afpa";
        for (int i = 0; i < PARTNER_ABBR_KEYS.length; i++) if (PARTNER_ABBR_KEYS[i].equals(p)) return i;
        return PARTNER_ABBR_KEYS.length - 1;
    }

    private void followUps(SplittableRandom r, List<Ev> ev, String ch, String med, long from, long to) {
        if (to <= 0) return;
        long cur = from;
        int iter = 0;
        while (true) {
            cur = officeTime(r, Paris.localDay(cur) + 7 + r.nextInt(15));
            if (cur >= to) break;
            ev.add(new Ev(cur, "outbound_message", ch, med(r, med), null, null, null, null));
            if (r.nextDouble() < 0.65) {
                long in = cur + 300 + (long) (Rnd.lognormal(r, 180, 1.0) * 60);
                ev.add(new Ev(in, "inbound_message", ch, null, null, null, null, null));
                ev.add(new Ev(reply(r, in), "mediator_reply", ch, med(r, med), null, null, null, null));
            }
            if (++iter % 3 == 0 && r.nextDouble() < 0.6) {
                ev.add(new Ev(officeTime(r, Paris.localDay(cur) + 2), "appointment", apptChannel(r, ch), med, null, null, null, null));
            }
        }
    }

    private CsvSink contactSink(long ts) {
        if (late != null) {
            int d = Paris.localDay(ts) - startDay;
            if (d >= lateFrom && d < lateTo) return late;
        }
        return contacts;
    }

    private void contactRow(String key, Ev e) {
        CsvSink sink = contactSink(e.ts());
        StringBuilder b = sink.sb;
        b.setLength(0);
        Paris.appendTs(b, e.ts());
        b.append(',').append(key).append(',').append(e.event()).append(',').append(e.channel()).append(',');
        if (e.mediator() != null) b.append(e.mediator());
        b.append(',');
        CsvSink.cell(b, e.partnerType());
        b.append(',');
        CsvSink.cell(b, e.partnerId());
        b.append(',');
        CsvSink.cell(b, e.referral());
        b.append(',');
        CsvSink.cell(b, e.declared());
        sink.line(b);
    }

    /** Extra rows planted after a (non-first) inbound message; never changes a youth's outcomes. */
    private void contactQuirk(String key, Ev e) {
        CsvSink sink = contactSink(e.ts());
        if (quirksOn && pid.equals(CONTACT_COLUMNS_PROJECT) && q.once("contact-columns")) {
            StringBuilder b = new StringBuilder();
            Paris.appendTs(b, e.ts() + 1);
            b.append(',').append(key).append(",inbound_message,").append(e.channel()).append(",,");
            sink.line(b);
            q.log(sink, sink.lastLine(), Quirks.WRONG_COLUMNS, "", "6 cells for 9 columns");
        }
        String kind = q.pick("contacts", CONTACT_QUIRKS);
        if (kind == null) return;
        switch (kind) {
            case Quirks.DUPLICATE:
                contactRow(key, e);
                q.log(sink, sink.lastLine(), kind, "", "exact copy of line " + (sink.lastLine() - 1));
                return;
            case Quirks.PII_PHONE:
            case Quirks.PII_EMAIL:
                contactRow(key, new Ev(e.ts() + 1, "inbound_message", e.channel(), null, null, null,
                        kind.equals(Quirks.PII_PHONE) ? q.phone() : q.email(), null));
                q.log(sink, sink.lastLine(), kind, "referral_code", "personal data planted (fake value) in an extra row");
                return;
            case Quirks.UNKNOWN_ENUM:
                contactRow(key, new Ev(e.ts() + 1, "inbound_message", "signal", null, null, null, null, null));
                q.log(sink, sink.lastLine(), kind, "channel", "value signal in an extra row");
                return;
            case Quirks.UNKNOWN_ENUM_STRICT:
                contactRow(key, new Ev(e.ts() + 1, "typing", e.channel(), null, null, null, null, null));
                q.log(sink, sink.lastLine(), kind, "event", "value typing in an extra row");
                return;
            default:
        }
    }

    private void youthRow(SplittableRandom r, String key, TrueModel.Profile p) {
        String[] row = new String[quirksOn && pid.equals(EXTRA_COLUMN_PROJECT) ? 10 : 9];
        row[0] = key;
        row[1] = r.nextDouble() < 0.04 ? "unknown" : TrueModel.AGE[p.age()];
        row[2] = r.nextDouble() < 0.04 ? "unknown" : TrueModel.GENDER[p.gender()];
        row[3] = r.nextDouble() < 0.04 ? null : p.dept();
        boolean locKnown = r.nextDouble() >= 0.04;
        row[4] = locKnown ? Boolean.toString(p.loc() == 1) : null;
        row[5] = locKnown ? Boolean.toString(p.loc() == 2) : null;
        row[6] = r.nextDouble() < 0.10 ? null : Boolean.toString(p.rqth());
        row[7] = r.nextDouble() < 0.04 ? "unknown" : TrueModel.DIPLOMA[p.diploma()];
        row[8] = r.nextDouble() < 0.04 ? "unknown" : TrueModel.SITUATION[p.situation()];
        youth.row(row);
        if (q.pick("youth", DUP_ONLY) != null) {
            youth.row(row);
            q.log(youth, youth.lastLine(), Quirks.DUPLICATE, "", "exact copy of line " + (youth.lastLine() - 1));
        }
    }

    private void cost(int d, String category, String platform, String campaign, double eur) {
        String month = Paris.date(startDay + d).substring(0, 7);
        costs.merge(month + "\u0000" + category + "\u0000" + (platform == null ? "" : platform) + "\u0000"
                + (campaign == null ? "" : campaign), eur, Double::sum);
    }

    // ================================================================== end of project

    private void finish() {
        // monthly staff and tooling
        for (int m = 0; m < opt.months(); m++) {
            int d = (int) (opt.start().plusMonths(m).toEpochDay() - startDay);
            cost(d, "staff", null, null, spec.staffMonthly * opt.scale() * Rnd.lognormal(rDel, 1, 0.05));
            cost(d, "tooling", null, null, spec.toolingMonthly * opt.scale());
        }
        if (quirksOn && pid.equals(BROKEN_QUOTE_PROJECT)) {
            posts.line(Paris.date(startDay + days - 1) + ",tiktok,\"" + spec.code + "-tt-p9999,,12,10,1,0,0,0,0");
            q.log(posts, posts.lastLine(), Quirks.BROKEN_QUOTE, "post_id", "unterminated quoted field on the last line");
        }
        DeliveryFiles.write(this);
        writeCreatives();
        writeCosts();
        for (CsvSink s : new CsvSink[]{touches, contacts, late, links, youth, posts}) {
            if (s == null) continue;
            s.close();
            sh.count(s);
        }
        // registry rows of youth who never contact any project
        SplittableRandom r = Rnd.rng(opt.seed(), pIdx, 8);
        long n = Math.round(contacted * mech.registryNoiseRatio());
        for (long i = 0; i < n; i++) {
            String key = keys.registryOnly(sh.registryOnlySerial++);
            int day = startDay - 5 * 365 + r.nextInt(5 * 365 + days);
            sh.registry.row(key, REG_SOURCES[Rnd.pick(r, REG_W)], Paris.date(day));
        }
    }

    private void writeCreatives() {
        boolean bom = quirksOn && pid.equals(BOM_PROJECT);
        CsvSink c = new CsvSink(root, pid + "/creatives/creatives.csv", "creatives", false, 6, bom).header(CREATIVE_HEADER);
        if (bom) q.log(c, 1, Quirks.BOM, "", "UTF-8 byte-order mark (tolerated)");
        for (Source s : plan.sources) {
            if (s.creativeId == null) continue;
            c.row(s.creativeId, s.platform, s.format, s.theme, s.creator, s.label, Paris.date(startDay + s.launch));
        }
        if (quirksOn && pid.equals(BEREAL_PROJECT)) {
            c.row(DeliveryFiles.bereal(this), "bereal", "image", "confidence", "own", "Test BeReal — v1",
                    Paris.date(startDay + DeliveryFiles.berealStart(this)));
            q.log(c, c.lastLine(), Quirks.UNKNOWN_ENUM, "platform", "value bereal");
        }
        c.close();
        sh.count(c);
    }

    private void writeCosts() {
        CsvSink c = new CsvSink(root, pid + "/costs/costs.csv", "costs", false, 6, false).header(COST_HEADER);
        for (var e : costs.entrySet()) {
            String[] k = e.getKey().split("\u0000", -1);
            c.row(k[0], k[1], k[2], k[3], String.format(Locale.ROOT, "%.2f", e.getValue()));
        }
        c.close();
        sh.count(c);
    }
}
