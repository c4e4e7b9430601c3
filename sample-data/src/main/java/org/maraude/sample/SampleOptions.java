package org.maraude.sample;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Immutable options of {@link SampleGenerator}.
 *
 * <p>Defaults (see {@link #defaults(Path)}): truth beside the inbox ({@code out.getParent()/truth}),
 * scale 1 (the committed demo inbox; scale 100 is the size of the real programme), seed 42,
 * start 2024-09-01, 24 months, quirks on at a per-row rate of 0.001, gzip level 6, no overwrite.
 *
 * <p>{@code overwrite}: when the output (or truth) folder is not empty the generator refuses to
 * run, unless this is set; it then deletes only what it would write itself (its project folders,
 * {@code _registry}, and its truth files), never anything else.
 *
 * @param out       inbox folder to write ({@code <out>/<project_id>/<dataset>/...})
 * @param truth     ground-truth folder; must not be inside {@code out}
 * @param scale     volume multiplier: 1 = demo inbox, 100 = national programme over two years
 * @param seed      random seed; the same seed and options give byte-identical files
 * @param start     first day (Europe/Paris) of the simulated period
 * @param months    length of the period in months
 * @param quirks    plant the ingest quirks listed in {@code truth/quirks.csv}
 * @param quirkRate per-row probability of row-level quirks (duplicates, personal data, unknown enums)
 * @param gzipLevel deflate level of the {@code .csv.gz} files (1..9)
 * @param overwrite allow writing into non-empty folders (deletes the generator's own previous output)
 * @param mechanics parameters of the simulated world
 * @param projects  the projects to generate (ids of the ten); empty = all of them. A subset is a
 *                  world of its own, as reproducible as the full one: its draws and the
 *                  calibration of the previously-unknown share are over the generated projects only.
 */
public record SampleOptions(Path out, Path truth, double scale, long seed, LocalDate start, int months,
                            boolean quirks, double quirkRate, int gzipLevel, boolean overwrite,
                            Mechanics mechanics, java.util.Set<String> projects) {

    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 9, 1);

    public SampleOptions {
        Objects.requireNonNull(out, "out");
        out = out.toAbsolutePath().normalize();
        truth = truth == null ? defaultTruth(out) : truth.toAbsolutePath().normalize();
        if (truth.startsWith(out)) {
            throw new IllegalArgumentException("truth folder must not be inside the inbox: " + truth);
        }
        if (!(scale > 0) || scale > 10_000) throw new IllegalArgumentException("scale must be in (0, 10000]: " + scale);
        Objects.requireNonNull(start, "start");
        if (months < 1 || months > 120) throw new IllegalArgumentException("months must be in 1..120: " + months);
        if (quirkRate < 0 || quirkRate > 0.1) throw new IllegalArgumentException("quirkRate must be in [0, 0.1]: " + quirkRate);
        if (gzipLevel < 1 || gzipLevel > 9) throw new IllegalArgumentException("gzipLevel must be in 1..9: " + gzipLevel);
        mechanics = mechanics == null ? Mechanics.defaults() : mechanics;
        projects = projects == null ? java.util.Set.of() : java.util.Set.copyOf(projects);
        java.util.Set<String> known = new java.util.HashSet<>();
        World.projects().forEach(p -> known.add(p.id));
        for (String p : projects) {
            if (!known.contains(p)) throw new IllegalArgumentException("unknown project '" + p + "'; known: " + new java.util.TreeSet<>(known));
        }
    }

    static Path defaultTruth(Path out) {
        Path parent = out.toAbsolutePath().normalize().getParent();
        return (parent == null ? out : parent).resolve("truth");
    }

    /** All defaults, writing to {@code out} and the truth beside it. */
    public static SampleOptions defaults(Path out) {
        return new SampleOptions(out, null, 1.0, 42L, DEFAULT_START, 24, true, 0.001, 6, false, Mechanics.defaults(), java.util.Set.of());
    }

    public static Builder builder(Path out) { return new Builder(defaults(out)); }

    public Builder toBuilder() { return new Builder(this); }

    /** Fluent copy-on-build builder. */
    public static final class Builder {
        private Path out, truth;
        private double scale;
        private long seed;
        private LocalDate start;
        private int months;
        private boolean quirks;
        private double quirkRate;
        private int gzipLevel;
        private boolean overwrite;
        private Mechanics mechanics;
        private java.util.Set<String> projects;

        private Builder(SampleOptions o) {
            out = o.out; truth = o.truth; scale = o.scale; seed = o.seed; start = o.start; months = o.months;
            quirks = o.quirks; quirkRate = o.quirkRate; gzipLevel = o.gzipLevel; overwrite = o.overwrite;
            mechanics = o.mechanics; projects = o.projects;
        }

        public Builder out(Path v) { out = v; truth = null; return this; }
        public Builder truth(Path v) { truth = v; return this; }
        public Builder scale(double v) { scale = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder start(LocalDate v) { start = v; return this; }
        public Builder months(int v) { months = v; return this; }
        public Builder quirks(boolean v) { quirks = v; return this; }
        public Builder quirkRate(double v) { quirkRate = v; return this; }
        public Builder gzipLevel(int v) { gzipLevel = v; return this; }
        public Builder overwrite(boolean v) { overwrite = v; return this; }
        public Builder mechanics(Mechanics v) { mechanics = v; return this; }
        public Builder projects(java.util.Set<String> v) { projects = v; return this; }

        public SampleOptions build() {
            return new SampleOptions(out, truth, scale, seed, start, months, quirks, quirkRate, gzipLevel, overwrite, mechanics, projects);
        }
    }

    /** True response-curve shape of one paid platform (see README, "causal model"). */
    public record CurveShape(double theta, double kRatio, double shape) {
        public CurveShape {
            if (theta < 0 || theta >= 1) throw new IllegalArgumentException("theta must be in [0,1)");
            if (!(kRatio > 0) || !(shape > 0)) throw new IllegalArgumentException("kRatio and shape must be > 0");
        }
    }

    /**
     * Parameters of the simulated world. Every mechanism of the README has its knob here.
     *
     * @param unknownShareTarget   expected share of previously-unknown youth among fresh contacts
     *                             (the logistic intercept is calibrated to it)
     * @param cpmEur               base CPM per platform (EUR per 1,000 impressions)
     * @param ctr                  base link click-through rate per platform
     * @param curves               true response curve per paid platform: adstock decay theta (weekly),
     *                             half-saturation K as a ratio of the mean active-week adstock, Hill shape s
     * @param adstockLagWeeks      adstock truncation (weeks of carry-over)
     * @param fatigueDays          e-folding time (days) of creative fatigue on CTR and conversion
     * @param seasonality          strength of the school-calendar index (0 = flat, 1 = default)
     * @param influencerBurst      multiplier of influencer post views (bursts)
     * @param trackingRate         share of clicks/scans that the web analytics tool logs as touchpoints
     * @param returningVisitorRate probability that a click comes from an already seen visitor
     * @param stitchScale          multiplier of the per-channel probability of an identity link
     * @param declaredSourceRate   probability that a youth without a stitched touch is asked their source
     * @param crossProjectRate     probability that a contacted youth later contacts another project
     * @param missingFirstContactRate probability that the first_contact event is missing (inbound only)
     * @param replyMedianMinutes   median reply delay of mediators within office hours (minutes)
     * @param afterHoursMedianMinutes median delay after the next opening for messages outside office hours
     * @param dropoutRate          probability that an accompaniment has a dropout
     * @param reactivationRate     probability that a dropout is followed by a reactivation
     * @param registryNoiseRatio   registry rows of never-contacted youth, per contacted youth
     * @param registryEdgeRate     share of youth with a registry row on the boundary day (see README)
     */
    public record Mechanics(double unknownShareTarget, Map<String, Double> cpmEur, Map<String, Double> ctr,
                            Map<String, CurveShape> curves, int adstockLagWeeks, double fatigueDays,
                            double seasonality, double influencerBurst, double trackingRate,
                            double returningVisitorRate, double stitchScale, double declaredSourceRate,
                            double crossProjectRate, double missingFirstContactRate, double replyMedianMinutes,
                            double afterHoursMedianMinutes, double dropoutRate, double reactivationRate,
                            double registryNoiseRatio, double registryEdgeRate) {

        public Mechanics {
            if (!(unknownShareTarget > 0.01 && unknownShareTarget < 0.99)) throw new IllegalArgumentException("unknownShareTarget");
            cpmEur = Map.copyOf(new TreeMap<>(cpmEur));
            ctr = Map.copyOf(new TreeMap<>(ctr));
            curves = Map.copyOf(new TreeMap<>(curves));
            if (adstockLagWeeks < 0 || adstockLagWeeks > 26) throw new IllegalArgumentException("adstockLagWeeks");
            for (String p : World.PAID_PLATFORMS) {
                if (!cpmEur.containsKey(p) || !ctr.containsKey(p) || !curves.containsKey(p)) {
                    throw new IllegalArgumentException("cpmEur, ctr and curves need an entry for " + p);
                }
            }
        }

        public static Mechanics defaults() {
            Map<String, Double> cpm = new TreeMap<>();
            cpm.put("tiktok", 5.5); cpm.put("instagram", 6.5); cpm.put("facebook", 6.2); cpm.put("snapchat", 4.2);
            cpm.put("youtube", 7.5); cpm.put("twitch", 9.0); cpm.put("google", 45.0); cpm.put("bereal", 5.0);
            Map<String, Double> ctr = new TreeMap<>();
            ctr.put("tiktok", 0.014); ctr.put("instagram", 0.011); ctr.put("facebook", 0.010); ctr.put("snapchat", 0.009);
            ctr.put("youtube", 0.006); ctr.put("twitch", 0.008); ctr.put("google", 0.06); ctr.put("bereal", 0.005);
            Map<String, CurveShape> curves = new TreeMap<>();
            curves.put("tiktok", new CurveShape(0.30, 1.0, 1.6));
            curves.put("instagram", new CurveShape(0.40, 0.9, 1.3));
            curves.put("facebook", new CurveShape(0.50, 0.7, 1.0));
            curves.put("snapchat", new CurveShape(0.25, 1.1, 1.5));
            curves.put("youtube", new CurveShape(0.60, 1.3, 2.0));
            curves.put("twitch", new CurveShape(0.50, 1.0, 1.8));
            curves.put("google", new CurveShape(0.10, 0.6, 1.0));
            curves.put("bereal", new CurveShape(0.10, 1.0, 1.0));
            return new Mechanics(0.30, cpm, ctr, curves, 8, 45, 1.0, 1.0, 0.85, 0.3, 1.0, 0.55,
                    0.025, 0.02, 12, 35, 0.18, 0.35, 1.0, 0.02);
        }
    }
}
