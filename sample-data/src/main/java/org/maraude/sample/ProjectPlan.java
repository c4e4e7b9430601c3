package org.maraude.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The aggregate plan of one project, fixed before any event is drawn: creatives and their windows, daily
 * paid spend, post views, expected visits, and the true rates that turn them into expected contacts.
 * Everything that the truth files state as "expected" is computed here.
 */
final class ProjectPlan {
    static final double[] POST_TRAJ = {0.45, 0.2, 0.11, 0.07, 0.05, 0.04, 0.03, 0.02, 0.02, 0.01};
    static final double[] BURST_TRAJ = {0.6, 0.2, 0.08, 0.05, 0.03, 0.02, 0.01, 0.01};
    static final double[] LIVE_TRAJ = {1.0};
    static final double CHAT_RATE = 0.04;

    final int pIdx;
    final World.ProjectSpec spec;
    final SampleOptions opt;
    final SampleOptions.Mechanics mech;
    final int startDay, days, mondayOffset, weeks;
    final double scale;
    /** Multiplier of the spec's 24-month, scale-1 volumes: scale × months / 24. */
    final double volume;
    final int mult;
    final double[] season;        // per day
    final double[] weekSeason, weekFrac;
    final List<Source> sources = new ArrayList<>();
    final Map<String, Source.PaidChannel> paid = new LinkedHashMap<>();
    final double[] projectDeptW;
    double accIntercept, hoIntercept, hoAccCoef;
    int placementCounter;

    ProjectPlan(int pIdx, World.ProjectSpec spec, SampleOptions opt) {
        this.pIdx = pIdx;
        this.spec = spec;
        this.opt = opt;
        this.mech = opt.mechanics();
        this.scale = opt.scale();
        this.volume = scale * opt.months() / 24.0;
        this.mult = Math.max(1, (int) Math.round(Math.sqrt(scale)));
        this.startDay = (int) opt.start().toEpochDay();
        this.days = (int) (opt.start().plusMonths(opt.months()).toEpochDay() - startDay);
        this.mondayOffset = Paris.dow(startDay) - 1;
        this.weeks = (days - 1 + mondayOffset) / 7 + 1;
        season = new double[days];
        for (int d = 0; d < days; d++) season[d] = SchoolCalendar.index(startDay + d, mech.seasonality());
        weekSeason = new double[weeks];
        weekFrac = new double[weeks];
        for (int d = 0; d < days; d++) {
            weekSeason[week(d)] += season[d];
            weekFrac[week(d)] += 1.0 / 7;
        }
        for (int w = 0; w < weeks; w++) weekSeason[w] /= weekFrac[w] * 7;
        if (spec.depts == null) {
            projectDeptW = Reference.nationalWeights();
        } else {
            projectDeptW = new double[Reference.DEPTS.size()];
            for (int i = 0; i < spec.depts.length; i++) projectDeptW[Reference.index(spec.depts[i])] += spec.deptW[i];
        }
        SplittableRandom r = Rnd.rng(opt.seed(), pIdx, 1);
        for (World.Comp c : spec.comps) build(c, r);
        derive();
    }

    int week(int d) { return (d + mondayOffset) / 7; }

    int weekStart(int w) { return w * 7 - mondayOffset; }

    double weekday(int d) { return SchoolCalendar.WEEKDAY[Paris.dow(startDay + d) - 1]; }

    LocalDate date(int d) { return LocalDate.ofEpochDay(startDay + (long) d); }

    static String platCode(String p) {
        switch (p) {
            case "tiktok": return "tt";
            case "instagram": return "ig";
            case "facebook": return "fb";
            case "snapchat": return "sc";
            case "youtube": return "yt";
            case "twitch": return "tw";
            case "google": return "gg";
            default: return p;
        }
    }

    static String seasonLabel(LocalDate d) {
        int m = d.getMonthValue();
        String s = m >= 9 && m <= 11 ? "rentree" : (m == 12 || m <= 2) ? "hiver" : m <= 5 ? "printemps" : "ete";
        int y = m == 12 ? d.getYear() + 1 : d.getYear();
        return (s.equals("hiver") ? y : d.getYear()) + "-" + s;
    }

    private Source newSource(World.Comp c, String creativeId, String platform, String channel) {
        Source s = new Source(sources.size(), c, creativeId, platform, channel);
        sources.add(s);
        return s;
    }

    // ------------------------------------------------------------------ building sources

    private void build(World.Comp c, SplittableRandom r) {
        switch (c.kind) {
            case PAID: buildPaid(c, r); break;
            case POSTS: buildPosts(c, r); break;
            case INFLUENCER: buildInfluencer(c, r); break;
            case LIVE: buildLive(c, r); break;
            case OFFLINE: buildOffline(c, r); break;
            case EVENTS: buildEvents(c, r); break;
            case SEO: buildSeo(c); break;
            case WOM: buildWom(c); break;
            default: throw new IllegalStateException();
        }
    }

    private void buildPaid(World.Comp c, SplittableRandom r) {
        SampleOptions.CurveShape cs = mech.curves().get(c.platform);
        Source.PaidChannel pc = paid.computeIfAbsent(c.platform, p -> new Source.PaidChannel(p, cs.theta(), cs.shape()));
        int n = c.count * mult;
        String pl = platCode(c.platform);
        for (int i = 0; i < n; i++) {
            int launch = (int) Math.floor((double) i * days / n) + r.nextInt(11) - 5;
            launch = Math.max(0, Math.min(days - 14, launch));
            int dur = 28 + r.nextInt(43);
            int end = Math.min(days, launch + dur);
            Source s = newSource(c, spec.code + "-" + pl + "-" + String.format(java.util.Locale.ROOT, "%02d", pc.sources.size() + 1),
                    c.platform, c.platform);
            s.launch = launch; s.from = launch; s.to = end;
            s.theme = c.themes[i % c.themes.length];
            s.format = c.formats[i % c.formats.length];
            s.campaignId = spec.code + "-" + c.platform + "-" + seasonLabel(date(launch));
            s.quality = Rnd.lognormal(r, 1.0, 0.35);
            s.label = Labels.paid(s.theme, pc.sources.size() + 1, r);
            s.pc = pc;
            s.touchProb = 0.9;
            pc.sources.add(s);
        }
        // weekly budget over weeks where the channel has an active creative, then daily split
        int nw = weeks;
        double[] base = new double[nw];
        double[] activeDays = new double[nw];
        for (int d = 0; d < days; d++) {
            for (Source s : pc.sources) if (s.comp == c && s.active(d)) { activeDays[week(d)] += 1; break; }
        }
        double tot = 0;
        for (int w = 0; w < nw; w++) {
            if (activeDays[w] == 0) continue;
            base[w] = Math.pow(weekSeason[w], 1.5) * Rnd.lognormal(r, 1.0, 0.35) * activeDays[w] / 7.0;
            tot += base[w];
        }
        double budget = c.budget * volume;
        for (Source s : pc.sources) {
            if (s.comp != c) continue;
            s.spend = new double[s.to - s.from];
            s.qf = new double[s.to - s.from];
        }
        for (int w = 0; w < nw; w++) {
            if (base[w] == 0) continue;
            double bw = budget * base[w] / tot;
            int d0 = Math.max(0, weekStart(w)), d1 = Math.min(days, weekStart(w) + 7);
            double wsum = 0;
            double[][] wt = new double[d1 - d0][];
            for (int d = d0; d < d1; d++) {
                wt[d - d0] = new double[pc.sources.size()];
                int dow = Paris.dow(startDay + d);
                for (int k = 0; k < pc.sources.size(); k++) {
                    Source s = pc.sources.get(k);
                    if (s.comp != c || !s.active(d)) continue;
                    double v = Rnd.lognormal(r, 1.0, 0.2) * (dow >= 6 ? 1.1 : 1.0);
                    wt[d - d0][k] = v;
                    wsum += v;
                }
            }
            for (int d = d0; d < d1; d++) {
                for (int k = 0; k < pc.sources.size(); k++) {
                    double v = wt[d - d0][k];
                    if (v == 0) continue;
                    Source s = pc.sources.get(k);
                    s.spend[d - s.from] = bw * v / wsum;
                }
            }
        }
        for (Source s : pc.sources) {
            if (s.comp != c) continue;
            for (int d = s.from; d < s.to; d++) {
                int age = d - s.launch;
                s.qf[d - s.from] = s.quality * (0.5 + 0.5 * Math.exp(-age / mech.fatigueDays()));
            }
        }
    }

    private void buildPosts(World.Comp c, SplittableRandom r) {
        String pl = platCode(c.platform);
        Source[] series = new Source[c.themes.length];
        for (int i = 0; i < c.themes.length; i++) {
            Source s = newSource(c, spec.code + "-" + pl + "-org-" + c.themes[i], c.platform, c.platform);
            s.theme = c.themes[i];
            s.format = c.formats[0];
            s.quality = Rnd.lognormal(r, 1.0, 0.3);
            s.label = Labels.series(s.theme, c.platform, r);
            s.from = 0; s.to = days; s.launch = 0;
            s.lagP = 0.45; s.lagCap = 21;
            s.touchProb = 0.5;
            series[i] = s;
        }
        int postDow = 1 + r.nextInt(7);
        int k = 0;
        for (int w = 0; w < weeks; w++) {
            int n = (int) Math.floor(c.perWeek) + (r.nextDouble() < c.perWeek - Math.floor(c.perWeek) ? 1 : 0);
            for (int j = 0; j < n; j++) {
                int d = weekStart(w) + (j == 0 ? postDow - 1 : r.nextInt(7));
                if (d < 0 || d >= days) continue;
                Source s = series[k % series.length];
                double total = Rnd.lognormal(r, c.volume * scale * season[d] * s.quality, 0.6);
                s.posts.add(new Source.Post(spec.code + "-" + pl + "-p" + String.format(java.util.Locale.ROOT, "%04d", ++k),
                        d, total, POST_TRAJ));
            }
        }
        for (Source s : series) s.posts.sort((a, b) -> Integer.compare(a.day0(), b.day0()));
    }

    private void buildInfluencer(World.Comp c, SplittableRandom r) {
        String pl = platCode(c.platform);
        Source[] series = new Source[c.creators.length];
        for (int i = 0; i < c.creators.length; i++) {
            Source s = newSource(c, spec.code + "-" + pl + "-" + c.creators[i], c.platform, c.platform);
            s.theme = c.themes[0];
            s.creator = c.creators[i];
            s.format = c.platform.equals("twitch") ? "stream" : c.platform.equals("snapchat") ? "story" : "video";
            s.quality = Rnd.lognormal(r, 1.0, 0.3);
            s.label = Labels.influencer(s.creator, s.theme, r);
            s.from = 0; s.to = days;
            s.lagP = 0.45; s.lagCap = 21;
            s.touchProb = 0.45;
            s.campaignId = spec.code + "-influence-" + c.platform;
            series[i] = s;
        }
        int k = 0;
        for (int m = 0; m < opt.months(); m++) {
            int d0 = (int) (opt.start().plusMonths(m).toEpochDay() - startDay);
            int d1 = (int) (opt.start().plusMonths(m + 1).toEpochDay() - startDay);
            for (int j = 0; j < c.count; j++) {
                int d = d0 + r.nextInt(d1 - d0);
                Source s = series[r.nextInt(series.length)];
                double total = Rnd.lognormal(r, c.volume * scale * mech.influencerBurst() * season[d] * s.quality, 0.5);
                s.posts.add(new Source.Post(spec.code + "-" + pl + "-i" + String.format(java.util.Locale.ROOT, "%04d", ++k),
                        d, total, BURST_TRAJ));
            }
        }
        for (Source s : series) {
            s.posts.sort((a, b) -> Integer.compare(a.day0(), b.day0()));
            s.launch = s.posts.isEmpty() ? 0 : s.posts.get(0).day0();
        }
    }

    private void buildLive(World.Comp c, SplittableRandom r) {
        String pl = platCode(c.platform);
        Source[] series = new Source[c.themes.length];
        for (int i = 0; i < c.themes.length; i++) {
            Source s = newSource(c, spec.code + "-" + pl + "-live-" + c.themes[i], c.platform, c.platform);
            s.theme = c.themes[i];
            s.format = "live";
            s.quality = Rnd.lognormal(r, 1.0, 0.3);
            s.label = Labels.live(s.theme, c.platform, r);
            s.from = 0; s.to = days;
            s.visits = new double[days];
            s.lagP = 0.6; s.lagCap = 10;
            s.touchProb = 0.7;
            series[i] = s;
        }
        int k = 0;
        for (int w = 0; w < weeks; w++) {
            int n = (int) Math.floor(c.perWeek) + (r.nextDouble() < c.perWeek - Math.floor(c.perWeek) ? 1 : 0);
            for (int j = 0; j < n; j++) {
                int d = weekStart(w) + 1 + r.nextInt(5);
                if (d < 0 || d >= days) continue;
                Source s = series[k % series.length];
                double total = Rnd.lognormal(r, c.volume * scale * season[d] * s.quality, 0.5);
                s.posts.add(new Source.Post(spec.code + "-" + pl + "-l" + String.format(java.util.Locale.ROOT, "%04d", ++k),
                        d, total, LIVE_TRAJ));
                s.visits[d] += total * CHAT_RATE;
            }
        }
        for (Source s : series) s.posts.sort((a, b) -> Integer.compare(a.day0(), b.day0()));
    }

    private void buildOffline(World.Comp c, SplittableRandom r) {
        int waves = Math.max(1, opt.months() / 6);
        for (int wv = 0; wv < waves; wv++) {
            for (int di = 0; di < c.depts.length; di++) {
                String dept = c.depts[di];
                String fmt = c.formats[(wv + di) % c.formats.length];
                int launch = Math.min(days - 1, wv * days / waves + r.nextInt(21));
                Source s = newSource(c, spec.code + "-" + fmt.substring(0, 3) + "-" + dept.toLowerCase(java.util.Locale.ROOT)
                        + "-" + (wv + 1), "offline", "offline");
                s.dept = dept;
                s.theme = c.themes[0];
                s.format = fmt;
                s.quality = Rnd.lognormal(r, 1.0, 0.3);
                s.label = Labels.offline(fmt, dept, r);
                s.campaignId = spec.code + "-qr-" + seasonLabel(date(launch));
                s.launch = launch; s.from = launch; s.to = Math.min(days, launch + 100);
                s.lagP = 0.5; s.lagCap = 14;
                s.touchProb = 1.0;
                int np = c.placements * mult;
                s.placements = new String[np];
                for (int i = 0; i < np; i++) {
                    s.placements[i] = "pl-" + dept.toLowerCase(java.util.Locale.ROOT) + "-"
                            + String.format(java.util.Locale.ROOT, "%03d", ++placementCounter);
                }
                s.visits = new double[s.to - s.from];
                double fmtF = fmt.equals("screen") ? 1.6 : fmt.equals("sticker") ? 0.6 : 1.0;
                for (int d = s.from; d < s.to; d++) {
                    s.visits[d - s.from] = c.volume * scale * fmtF * Math.sqrt(s.quality) * season[d] * weekday(d)
                            * Math.exp(-(d - s.launch) / 120.0) * c.placements;
                }
            }
        }
    }

    private void buildEvents(World.Comp c, SplittableRandom r) {
        int n = Math.max(1, (int) Math.round(c.count * opt.months() / 12.0));
        for (int i = 0; i < n; i++) {
            int d;
            do { d = r.nextInt(days); } while (season[d] < 0.8 || Paris.dow(startDay + d) < 3);
            String dept = c.depts[i % c.depts.length];
            LocalDate ld = date(d);
            Source s = newSource(c, spec.code + "-ev-" + ld.toString().substring(0, 7) + "-" + dept.toLowerCase(java.util.Locale.ROOT),
                    "offline", "offline");
            s.dept = dept;
            s.theme = c.themes[0];
            s.format = "event";
            s.quality = Rnd.lognormal(r, 1.0, 0.3);
            s.label = Labels.event(s.theme, dept, r);
            s.campaignId = spec.code + "-events-" + ld.getYear();
            s.launch = d; s.from = d; s.to = d + 1;
            s.lagP = 0.35; s.lagCap = 21;
            s.touchProb = 1.0;
            s.placements = new String[]{"ev-" + dept.toLowerCase(java.util.Locale.ROOT) + "-" + String.format(java.util.Locale.ROOT, "%02d", i + 1)};
            s.visits = new double[]{c.volume * scale * s.quality};
        }
    }

    private void buildSeo(World.Comp c) {
        Source s = newSource(c, null, "google", "google");
        s.theme = c.themes[0];
        s.from = 0; s.to = days;
        s.lagP = 0.85; s.lagCap = 3;
        s.touchProb = 1.0;
        s.visits = new double[days];
        for (int d = 0; d < days; d++) s.visits[d] = c.volume * scale * season[d] * weekday(d);
    }

    private void buildWom(World.Comp c) {
        Source s = newSource(c, null, null, "word_of_mouth");
        s.theme = "general";
        s.from = 0; s.to = days;
        s.touchProb = 0.25;
        s.wom = new double[days];
    }

    // ------------------------------------------------------------------ true rates

    static double lagOk(double p, int cap, int daysLeft) {
        // probability that a truncated geometric lag (failures before success, capped) is < daysLeft
        if (daysLeft > cap) return 1.0;
        return 1.0 - Math.pow(1 - p, daysLeft);
    }

    private void derive() {
        // paid: Hill curves per channel, max solved so that expected contacts match the component share
        for (Source.PaidChannel pc : paid.values()) {
            int L = mech.adstockLagWeeks();
            pc.weeklySpend = new double[weeks];
            pc.adstock = new double[weeks];
            pc.mu = new double[weeks];
            pc.z = new double[weeks];
            pc.realised = new long[weeks];
            double[] zq = new double[weeks];
            double target = 0;
            java.util.Set<World.Comp> comps = new java.util.LinkedHashSet<>();
            for (Source s : pc.sources) {
                comps.add(s.comp);
                for (int d = s.from; d < s.to; d++) {
                    pc.weeklySpend[week(d)] += s.spend[d - s.from];
                    zq[week(d)] += s.spend[d - s.from] * s.qf[d - s.from];
                }
            }
            for (World.Comp c : comps) target += c.share * spec.target * volume;
            double sumA = 0;
            int nA = 0;
            for (int w = 0; w < weeks; w++) {
                double a = 0, z = 0;
                for (int l = 0; l <= L && l <= w; l++) {
                    double f = Math.pow(pc.theta, l);
                    a += f * pc.weeklySpend[w - l];
                    z += f * zq[w - l];
                }
                pc.adstock[w] = a;
                pc.z[w] = z;
                if (pc.weeklySpend[w] > 0) { sumA += a; nA++; }
            }
            pc.k = mech.curves().get(pc.platform).kRatio() * (nA == 0 ? 1 : sumA / nA);
            double h = 0;
            for (int w = 0; w < weeks; w++) h += weekSeason[w] * weekFrac[w] * pc.hill(pc.adstock[w]);
            pc.max = h > 0 ? target / h : 0;
            for (int w = 0; w < weeks; w++) {
                pc.mu[w] = pc.max * weekSeason[w] * weekFrac[w] * pc.hill(pc.adstock[w]);
                pc.expected += pc.mu[w];
            }
            for (Source s : pc.sources) {
                double e = 0;
                for (int d = s.from; d < s.to; d++) {
                    double x = s.spend[d - s.from] * s.qf[d - s.from];
                    if (x == 0) continue;
                    int wd = week(d);
                    for (int l = 0; l <= L && wd + l < weeks; l++) {
                        if (pc.z[wd + l] > 0) e += pc.mu[wd + l] * Math.pow(pc.theta, l) * x / pc.z[wd + l];
                    }
                }
                s.expected = e;
            }
        }
        // posts and influencers: contacts per 1,000 views
        for (World.Comp c : spec.comps) {
            if (c.kind == World.Kind.POSTS || c.kind == World.Kind.INFLUENCER) {
                double base = 0;
                for (Source s : sources) {
                    if (s.comp != c) continue;
                    for (Source.Post p : s.posts) {
                        for (int j = 0; j < p.traj().length && p.day0() + j < days; j++) {
                            base += p.total() * p.traj()[j] / 1000 * s.quality * lagOk(s.lagP, s.lagCap, days - p.day0() - j);
                        }
                    }
                }
                double rc = base > 0 ? c.share * spec.target * volume / base : 0;
                for (Source s : sources) {
                    if (s.comp != c) continue;
                    s.rate = rc * s.quality;
                    double e = 0;
                    for (Source.Post p : s.posts) {
                        for (int j = 0; j < p.traj().length && p.day0() + j < days; j++) {
                            e += p.total() * p.traj()[j] / 1000 * s.rate * lagOk(s.lagP, s.lagCap, days - p.day0() - j);
                        }
                    }
                    s.expected = e;
                }
            } else if (c.kind == World.Kind.LIVE || c.kind == World.Kind.OFFLINE || c.kind == World.Kind.EVENTS
                    || c.kind == World.Kind.SEO) {
                double base = 0;
                for (Source s : sources) {
                    if (s.comp != c) continue;
                    for (int d = s.from; d < s.to; d++) base += s.visits[d - s.from] * s.quality * lagOk(s.lagP, s.lagCap, days - d);
                }
                double rc = base > 0 ? c.share * spec.target * volume / base : 0;
                for (Source s : sources) {
                    if (s.comp != c) continue;
                    s.rate = Math.min(0.9, rc * s.quality);
                    double e = 0;
                    for (int d = s.from; d < s.to; d++) e += s.visits[d - s.from] * s.rate * lagOk(s.lagP, s.lagCap, days - d);
                    s.expected = e;
                }
            } else if (c.kind == World.Kind.WOM) {
                for (Source s : sources) {
                    if (s.comp != c) continue;
                    double t = 0;
                    for (int d = 0; d < days; d++) t += season[d] * weekday(d);
                    for (int d = 0; d < days; d++) s.wom[d] = c.share * spec.target * volume * season[d] * weekday(d) / t;
                    s.expected = c.share * spec.target * volume;
                }
            }
        }
        // profile distributions and model shifts
        for (Source s : sources) {
            s.dist = spec.profile.apply(TrueModel.byChannel(s.channel));
            s.deptGroupW = new double[Reference.GROUPS.length];
            if (s.dept != null) {
                s.deptGroupW[Reference.group(s.dept)] = 1;
            } else {
                s.deptW = projectDeptW;
                for (int i = 0; i < projectDeptW.length; i++) s.deptGroupW[Reference.group(Reference.DEPTS.get(i))] += projectDeptW[i];
            }
            s.uShift = TrueModel.get(TrueModel.U_CHANNEL, s.channel) + TrueModel.get(TrueModel.U_THEME, s.theme)
                    + TrueModel.get(TrueModel.U_CREATOR, s.creator);
            s.accShift = TrueModel.get(TrueModel.A_CHANNEL, s.channel);
        }
    }

    double expectedTotal() {
        double t = 0;
        for (Source s : sources) t += s.expected;
        return t;
    }

    String drawDept(SplittableRandom r, Source s) {
        return s.dept != null ? s.dept : Reference.DEPTS.get(Rnd.pick(r, s.deptW));
    }

    /** Calibration sample: {uLogit without intercept, accompaniment logit without intercept, handoff logit} per point. */
    double[][] calibrationSample(int n) {
        SplittableRandom r = Rnd.rng(opt.seed(), pIdx, 2);
        double[] w = new double[sources.size()];
        for (int i = 0; i < w.length; i++) w[i] = sources.get(i).expected;
        double[][] pts = new double[n][];
        for (int i = 0; i < n; i++) {
            Source s = sources.get(Rnd.pick(r, w));
            TrueModel.Profile p = s.dist.draw(r, drawDept(r, s));
            pts[i] = new double[]{s.uShift + p.uLogit(), s.accShift + p.aLogit(), p.hLogit()};
        }
        return pts;
    }

    /** Calibrates the project's accompaniment and hand-off intercepts given the global unknown intercept. */
    void calibrate(double b0, double[][] pts) {
        accIntercept = bisect(a -> {
            double t = 0;
            for (double[] p : pts) {
                double u = Rnd.sigmoid(b0 + p[0]);
                t += u * Rnd.sigmoid(a + p[1] + TrueModel.A_UNKNOWN) + (1 - u) * Rnd.sigmoid(a + p[1]);
            }
            return t / pts.length;
        }, spec.accRate);
        for (int acc = 0; acc < 2; acc++) {
            final int aa = acc;
            double target = acc == 1 ? spec.hoAccRate : spec.hoNotRate;
            double v = bisect(h -> {
                double num = 0, den = 0;
                for (double[] p : pts) {
                    double u = Rnd.sigmoid(b0 + p[0]);
                    double a1 = Rnd.sigmoid(accIntercept + p[1] + TrueModel.A_UNKNOWN), a0 = Rnd.sigmoid(accIntercept + p[1]);
                    double w1 = u * (aa == 1 ? a1 : 1 - a1), w0 = (1 - u) * (aa == 1 ? a0 : 1 - a0);
                    num += w1 * Rnd.sigmoid(h + p[2] + TrueModel.H_UNKNOWN) + w0 * Rnd.sigmoid(h + p[2]);
                    den += w1 + w0;
                }
                return num / den;
            }, target);
            if (acc == 0) hoIntercept = v; else hoAccCoef = v - hoIntercept;
        }
        for (Source s : sources) {
            double[] e = TrueModel.exact(s.dist, b0 + s.uShift, s.deptGroupW, accIntercept + s.accShift, hoIntercept, hoAccCoef);
            s.pUnknown = e[0];
            s.pAccompanied = e[1];
            s.pHandedOff = e[2];
        }
    }

    static double bisect(java.util.function.DoubleUnaryOperator f, double target) {
        double lo = -12, hi = 12;
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (f.applyAsDouble(mid) < target) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
