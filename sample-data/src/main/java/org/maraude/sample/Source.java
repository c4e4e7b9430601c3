package org.maraude.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * One cause of contacts: a creative (paid ad, organic series, influencer series, live series, offline design,
 * event) or a pseudo-source without creative (organic search, word of mouth). Holds its plan and its truth.
 */
final class Source {
    final int idx;
    final World.Comp comp;
    final World.Kind kind;
    final String creativeId;   // null for SEO and WOM
    final String platform;     // row platform; null for WOM
    final String channel;      // true source channel
    String format, theme, creator = "own", label, campaignId;
    int launch;                // day offset of launched_on
    int from, to;              // touch-day window [from, to) in day offsets
    String dept;               // fixed département (offline, events) or null
    double quality = 1.0;

    // PAID
    double[] spend, qf;        // per day of [from, to)
    PaidChannel pc;

    // POSTS / INFLUENCER / LIVE
    final List<Post> posts = new ArrayList<>();

    // visit-based kinds (OFFLINE, EVENTS, SEO, LIVE): expected visits per day of [from, to)
    double[] visits;
    String[] placements;

    // WOM: expected contacts per day (whole horizon)
    double[] wom;

    double rate;               // POSTS/INFLUENCER: contacts per 1,000 views; visit kinds: per visit
    double lagP;               // geometric lag (days) between touch and contact
    int lagCap;
    double touchProb;          // probability the decisive exposure left a touch (click, scan...)

    // true model
    TrueModel.ProfileDist dist;
    double[] deptW;            // over Reference.DEPTS, or null when dept is fixed
    double[] deptGroupW;
    double uShift, accShift;
    double pUnknown, pAccompanied, pHandedOff;

    // truth accounting
    double expected;
    long realised, realisedUnknown, impressions, clicks, views, visitsRealised;
    long spendCents;

    Source(int idx, World.Comp comp, String creativeId, String platform, String channel) {
        this.idx = idx;
        this.comp = comp;
        this.kind = comp.kind;
        this.creativeId = creativeId;
        this.platform = platform;
        this.channel = channel;
    }

    boolean active(int d) { return d >= from && d < to; }

    /** One organic post, influencer post or live. */
    record Post(String id, int day0, double total, double[] traj) {}

    /** Paid channel of a project: weekly spend, adstock and the true Hill response. */
    static final class PaidChannel {
        final String platform;
        final double theta, shape;
        double k, max;
        double[] weeklySpend, adstock, mu, z;
        long[] realised;
        final List<Source> sources = new ArrayList<>();
        double expected;

        PaidChannel(String platform, double theta, double shape) {
            this.platform = platform;
            this.theta = theta;
            this.shape = shape;
        }

        double hill(double a) {
            if (a <= 0) return 0;
            double x = Math.pow(a, shape);
            return x / (x + Math.pow(k, shape));
        }
    }
}
