package org.maraude.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a realistic, seeded outreach inbox (the data contract's layout) with its ground truth.
 *
 * <p>Inputs: {@link SampleOptions}. Outputs: {@code <out>/<project_id>/<dataset>/*.csv[.gz]},
 * {@code <out>/<project>/native/{meta,tiktok}/}, {@code <out>/_registry/known_youth/}, and the truth files
 * in {@code options.truth()} (beside the inbox, never inside). The same options give byte-identical files.
 * Memory does not grow with the scale: projects are realised one by one, day by day, and every youth's
 * journey is written as soon as it is drawn.
 *
 * <p>Destructive: with {@code overwrite}, the previous output of the generator (its project folders,
 * {@code _registry}, its truth files) is deleted first; nothing else is touched.
 */
public final class SampleGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(SampleGenerator.class);
    static final int CALIBRATION_POINTS = 3000;

    private SampleGenerator() {}

    public static SampleSummary generate(SampleOptions opt) {
        long t0 = System.nanoTime();
        Set<String> own = new HashSet<>();
        for (World.ProjectSpec s : World.projects()) own.add(s.id);
        List<World.ProjectSpec> specs = World.projects().stream()
                .filter(s -> opt.projects().isEmpty() || opt.projects().contains(s.id)).toList();
        own.add("_registry");
        prepare(opt.out(), opt.overwrite(), own);
        prepare(opt.truth(), opt.overwrite(), new HashSet<>(TruthWriter.ALL));

        List<ProjectPlan> plans = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) plans.add(new ProjectPlan(i, specs.get(i), opt));

        // the previously-unknown intercept: expected share over all fresh contacts = target
        List<double[][]> samples = new ArrayList<>();
        double[] weight = new double[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            samples.add(plans.get(i).calibrationSample(CALIBRATION_POINTS));
            weight[i] = plans.get(i).expectedTotal();
        }
        double b0 = ProjectPlan.bisect(b -> {
            double num = 0, den = 0;
            for (int i = 0; i < samples.size(); i++) {
                double s = 0;
                for (double[] p : samples.get(i)) s += Rnd.sigmoid(b + p[0]);
                num += weight[i] * s / samples.get(i).length;
                den += weight[i];
            }
            return num / den;
        }, opt.mechanics().unknownShareTarget());
        for (int i = 0; i < plans.size(); i++) plans.get(i).calibrate(b0, samples.get(i));

        List<Path> truthFiles = new ArrayList<>();
        CsvSink quirkLog = TruthWriter.sink(opt.truth(), TruthWriter.QUIRKS).header(TruthWriter.QUIRK_HEADER);
        Quirks quirks = new Quirks(opt.quirks(), opt.quirkRate(), opt.seed(), quirkLog);
        CsvSink registry = new CsvSink(opt.out(), "_registry/known_youth/known_youth.csv.gz", "known_youth", true,
                opt.gzipLevel(), false).header(ProjectRun.REGISTRY_HEADER);
        CsvSink youthTruth = TruthWriter.sink(opt.truth(), TruthWriter.YOUTH).header(TruthWriter.YOUTH_HEADER);
        Shared sh = new Shared(opt, plans.size(), quirks, registry, youthTruth);
        sh.unknownIntercept = b0;

        List<ProjectRun> runs = new ArrayList<>();
        for (ProjectPlan plan : plans) {
            ProjectRun run = new ProjectRun(plan, sh, opt.out());
            run.run();
            runs.add(run);
            LOG.info("project {}: {} contacted ({} expected)", plan.spec.id, run.contacted,
                    String.format(Locale.ROOT, "%.1f", plan.expectedTotal()));
        }
        registry.close();
        sh.count(registry);
        youthTruth.close();
        quirkLog.close();
        truthFiles.add(youthTruth.path);
        truthFiles.add(quirkLog.path);
        TruthWriter.write(opt, plans, runs, sh, truthFiles);

        Map<String, Long> rows = new TreeMap<>(sh.rows);
        writeSummaryJson(opt, b0, sh, rows, quirks.count, truthFiles);
        writeTruthReadme(opt, truthFiles);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("sample inbox written to {} ({} youth, {} s)", opt.out(), sh.youthSerial, elapsed.toSeconds());
        return new SampleSummary(sh.files, truthFiles, rows, sh.youthSerial, sh.contactedPairs, quirks.count, elapsed);
    }

    /** Refuses a non-empty folder unless overwrite; then deletes only the entries the generator owns. */
    static void prepare(Path dir, boolean overwrite, Set<String> own) {
        try {
            Files.createDirectories(dir);
            List<Path> children;
            try (Stream<Path> s = Files.list(dir)) {
                children = s.sorted().toList();
            }
            if (children.isEmpty()) return;
            if (!overwrite) {
                throw new IllegalStateException(dir + " is not empty; pass overwrite to replace the generator's previous output");
            }
            for (Path c : children) {
                if (!own.contains(c.getFileName().toString())) continue;
                if (Files.isDirectory(c)) {
                    try (Stream<Path> w = Files.walk(c)) {
                        for (Path p : w.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
                    }
                } else {
                    Files.delete(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    private static void writeSummaryJson(SampleOptions opt, double b0, Shared sh, Map<String, Long> rows, long quirks,
                                         List<Path> truthFiles) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"generator\": \"org.maraude.sample.SampleGenerator\",\n");
        b.append("  \"scale\": ").append(opt.scale()).append(",\n");
        b.append("  \"seed\": ").append(opt.seed()).append(",\n");
        b.append("  \"start\": \"").append(opt.start()).append("\",\n");
        b.append("  \"months\": ").append(opt.months()).append(",\n");
        b.append("  \"quirks\": ").append(opt.quirks()).append(",\n");
        b.append("  \"quirk_rate\": ").append(opt.quirkRate()).append(",\n");
        b.append("  \"unknown_share_target\": ").append(opt.mechanics().unknownShareTarget()).append(",\n");
        b.append("  \"unknown_intercept\": ").append(TruthWriter.f(b0)).append(",\n");
        b.append("  \"youth\": ").append(sh.youthSerial).append(",\n");
        b.append("  \"contacted_pairs\": ").append(sh.contactedPairs).append(",\n");
        b.append("  \"quirks_planted\": ").append(quirks).append(",\n");
        b.append("  \"rows\": {");
        int i = 0;
        for (var e : rows.entrySet()) {
            b.append(i++ == 0 ? "\n" : ",\n").append("    \"").append(e.getKey()).append("\": ").append(e.getValue());
        }
        b.append("\n  }\n}\n");
        Path p = opt.truth().resolve(TruthWriter.SUMMARY);
        write(p, b.toString());
        truthFiles.add(p);
    }

    private static void writeTruthReadme(SampleOptions opt, List<Path> truthFiles) {
        String text = "# Ground truth of a generated sample inbox\n\n"
                + "Written by org.maraude.sample.SampleGenerator beside the inbox " + opt.out().getFileName()
                + " (scale " + opt.scale() + ", seed " + opt.seed() + ").\n"
                + "Every file and column is described in sample-data/README.md (section \"Ground truth\").\n\n"
                + "- projects.csv: per project targets, expected and realised contacts and outcome shares\n"
                + "- creatives.csv: per creative (and pseudo-source) true contact rates and outcome probabilities\n"
                + "- channels.csv: true channel contributions to contacts per project (and _all)\n"
                + "- response_curves.csv, weekly_paid.csv: true adstock + Hill response of each paid channel\n"
                + "- logistic_coefficients.csv: true coefficients of the previously_unknown, accompanied and handed_off models\n"
                + "- youth_truth.csv: one row per contacted (project, youth): true source, previously unknown, outcomes\n"
                + "- quirks.csv: every planted quirk (file relative to the inbox, physical line, kind, column)\n"
                + "- summary.json: options and counts\n";
        Path p = opt.truth().resolve(TruthWriter.README);
        write(p, text);
        truthFiles.add(p);
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }

    /**
     * Trivial command line for the generator's own use (the project CLI is {@code ./maraude sample}):
     * {@code --out DIR [--truth DIR] [--scale S] [--seed N] [--start YYYY-MM-DD] [--months M] [--no-quirks]
     * [--quirk-rate R] [--gzip-level L] [--overwrite]}.
     */
    public static void main(String[] args) {
        SampleOptions.Builder b = null;
        Path truth = null;
        List<Runnable> later = new ArrayList<>();
        SampleOptions.Builder[] holder = new SampleOptions.Builder[1];
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out": holder[0] = SampleOptions.builder(Paths.get(args[++i])); break;
                case "--truth": truth = Paths.get(args[++i]); break;
                case "--scale": { double v = Double.parseDouble(args[++i]); later.add(() -> holder[0].scale(v)); break; }
                case "--seed": { long v = Long.parseLong(args[++i]); later.add(() -> holder[0].seed(v)); break; }
                case "--start": { LocalDate v = LocalDate.parse(args[++i]); later.add(() -> holder[0].start(v)); break; }
                case "--months": { int v = Integer.parseInt(args[++i]); later.add(() -> holder[0].months(v)); break; }
                case "--no-quirks": later.add(() -> holder[0].quirks(false)); break;
                case "--quirk-rate": { double v = Double.parseDouble(args[++i]); later.add(() -> holder[0].quirkRate(v)); break; }
                case "--gzip-level": { int v = Integer.parseInt(args[++i]); later.add(() -> holder[0].gzipLevel(v)); break; }
                case "--overwrite": later.add(() -> holder[0].overwrite(true)); break;
                default:
                    System.err.println("unknown argument " + a);
                    System.exit(2);
            }
        }
        b = holder[0];
        if (b == null) {
            System.err.println("usage: SampleGenerator --out DIR [--truth DIR] [--scale S] [--seed N] [--start YYYY-MM-DD]"
                    + " [--months M] [--no-quirks] [--quirk-rate R] [--gzip-level L] [--overwrite]");
            System.exit(2);
        }
        for (Runnable r : later) r.run();
        if (truth != null) b.truth(truth);
        SampleSummary s = generate(b.build());
        System.out.printf(Locale.ROOT, "%d files, %d youth, %d (project, youth) contacts, %d quirks, %.1f s%n",
                s.files().size(), s.youthCount(), s.contactedPairs(), s.quirkCount(), s.elapsed().toMillis() / 1000.0);
        for (var e : s.rowsPerDataset().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            System.out.printf(Locale.ROOT, "  %-15s %,d rows%n", e.getKey(), e.getValue());
        }
    }
}
