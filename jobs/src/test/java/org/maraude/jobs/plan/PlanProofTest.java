package org.maraude.jobs.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.IngestLimits;
import org.maraude.jobs.journey.JourneyJob;
import org.maraude.jobs.warehouse.Warehouse;
import org.maraude.sample.SampleGenerator;
import org.maraude.sample.SampleOptions;

/**
 * The proof against the truth: a generated inbox (scale 3, seed 42) whose true response curves are
 * known, cut to three projects with several paid channels (and without the social_posts and costs
 * files, which planning does not read: a shorter ingest); ingest, journeys and planning run as in
 * the nightly job. Each plan is then judged by the TRUE curves: its outcome against the outcome of
 * the true optimal split of the same budget (optimised on the true curves), and against the current
 * split. Figures are printed to the test's output and quoted in docs/metrics.md ("Plan").
 */
class PlanProofTest {
    static final List<String> PROJECTS = List.of("alternance-go", "chatbot-orientation", "outre-mer-jeunes");
    static final int DRAWS = 40;

    @TempDir
    static Path dir;
    static PlanJob.Result result;
    static PlanTruth truth;

    @BeforeAll
    static void run() throws IOException {
        Path inbox = dir.resolve("inbox");
        SampleGenerator.generate(SampleOptions.builder(inbox).scale(3).seed(42).build());
        try (Stream<Path> s = Files.list(inbox)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith("_") && !PROJECTS.contains(name)) {
                    Warehouse.deleteTree(p);
                } else {
                    Warehouse.deleteTree(p.resolve("social_posts"));
                    Warehouse.deleteTree(p.resolve("costs"));
                }
            }
        }
        IngestJob.Result in = IngestJob.run(SparkTestSession.get(), inbox, dir.resolve("staging"), IngestLimits.defaults());
        JourneyJob.Result journeys = JourneyJob.run(in, JourneyJob.Params.defaults());
        // targeting is tested on its own (TargetingTest): not built here, to keep this test short
        result = PlanJob.run(in, journeys, new PlanJob.Params(ResponseFitting.Settings.defaults().withDraws(DRAWS), null,
                false));
        truth = new PlanTruth(dir.resolve("truth"));
    }

    static ProjectData data(String project) {
        return ProjectData.of(project, Objective.CONTACTED_UNKNOWN, result.fit().curves(), result.fit().draws(),
                result.fit().weeks());
    }

    /** A budget a lead would plan with: the project's average 12 weeks of paid spend over its last year. */
    static BigDecimal yearlyBudget(ProjectData d) {
        double total = 0;
        for (double[] s : d.spend().values()) {
            for (int w = d.n() - 52; w < d.n(); w++) {
                total += s[w];
            }
        }
        return BigDecimal.valueOf(Math.round(total * 12 / 52));
    }

    static void report(String scenario, PlanTruth.Verdict v) {
        System.out.printf(Locale.ROOT, "proof %-20s %-8s budget %8.2f €: recommended %.2f, current %.2f, true optimum %.2f"
                + " previously unknown youth → %.1f%% of the optimum (current split %.1f%%)%n", v.project(), scenario,
                v.budget(), v.recommended(), v.current(), v.optimum(), 100 * v.ofOptimum(), 100 * v.currentOfOptimum());
    }

    @Test
    void recommendedPlansReachNinetyPercentOfTheTrueOptimumAndBeatTheCurrentSplit() {
        List<PlanTruth.Verdict> all = new ArrayList<>();
        for (String project : PROJECTS) {
            Planner.Plan nightly = result.plans().stream().filter(p -> p.total().projectId().equals(project)).findFirst()
                    .orElseThrow();
            ProjectData d = data(project);
            Planner.Plan yearly = Planner.plan(d, new PlanRequest(project, "yearly", Objective.CONTACTED_UNKNOWN,
                    yearlyBudget(d), 12, null, Map.of(), Map.of()));
            for (Planner.Plan p : List.of(nightly, yearly)) {
                PlanTruth.Verdict v = truth.judge(p);
                report(p.total().scenario(), v);
                all.add(v);
            }
        }
        double rec = all.stream().mapToDouble(PlanTruth.Verdict::recommended).sum();
        double cur = all.stream().mapToDouble(PlanTruth.Verdict::current).sum();
        double opt = all.stream().mapToDouble(PlanTruth.Verdict::optimum).sum();
        System.out.printf(Locale.ROOT, "proof all plans: %.1f%% of the true optimum (current split %.1f%%)%n",
                100 * rec / opt, 100 * cur / opt);
        for (PlanTruth.Verdict v : all) {
            assertTrue(v.ofOptimum() >= 0.90, v + ": " + v.ofOptimum());
            assertTrue(v.recommended() > v.current(), v.toString());
        }
    }

    @Test
    void curvesAreFittedWithHoldoutQualityAndDraws() {
        List<PlanTables.Curve> channels = result.fit().curves().stream()
                .filter(c -> c.theme() == null && c.objective().equals("contacted_unknown")).toList();
        assertEquals(7, channels.size()); // facebook, instagram, snapchat; google, snapchat; facebook, tiktok
        for (PlanTables.Curve c : channels) {
            assertEquals("fitted", c.status(), c.toString());
            assertEquals(12, c.holdoutWeeks());
            assertEquals(DRAWS, c.draws());
            assertTrue(c.outcomeShare() > 0.02 && c.outcomeShare() < 0.7, c.toString());
        }
        assertTrue(result.fit().curves().stream().anyMatch(c -> c.theme() != null), "theme-level curves");
        assertTrue(channels.get(0).season()[0] > 1.1, "the rentrée brings more contacts");
        assertEquals(7L * DRAWS * Objective.values().length, result.fit().draws().size());
    }

    @Test
    void theCommandPlansTheSameFromThePublishedTables() throws Exception {
        Path db = dir.resolve("warehouse.duckdb");
        PlanFixtures.writeWarehouse(db, result.fit(), "run-x");
        for (String project : PROJECTS) {
            PlanStore.Published pub = PlanStore.read(db, project, Objective.CONTACTED_UNKNOWN);
            assertEquals("run-x", pub.runId());
            Planner.Plan fromDb = Planner.plan(pub.data(), PlanRequest.defaults(project));
            Planner.Plan nightly = result.plans().stream().filter(p -> p.total().projectId().equals(project))
                    .findFirst().orElseThrow();
            assertEquals(nightly.lines(), fromDb.lines());
            assertEquals(nightly.total(), fromDb.total());
        }
    }
}
