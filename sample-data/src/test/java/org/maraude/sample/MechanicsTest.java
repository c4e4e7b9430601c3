package org.maraude.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator against its own parameters, at scale 5 (about 10,000 contacted youth: large enough for
 * per-channel tolerances, small enough to keep the module's tests well under a minute on two cores).
 * Quirks are off so that the files are read as a clean ingest would.
 */
class MechanicsTest {
    static final double SCALE = 5;
    static Path dir, out, truth;

    /** Per (project, youth) as recomputed from the inbox files with the contract's definitions. */
    record Journey(String project, String youth, long firstTs, LocalDate firstDay, boolean unknown, boolean accompanied,
                   LocalDate handoffDay) {}

    static final Map<String, Journey> journeys = new TreeMap<>();
    static final Map<String, List<LocalDate>> registry = new HashMap<>();
    static final Map<String, CSVRecord> youthTruth = new HashMap<>();

    @BeforeAll
    static void generate() {
        dir = TestFiles.tempDir("mechanics");
        out = dir.resolve("inbox");
        truth = dir.resolve("truth");
        SampleGenerator.generate(SampleOptions.builder(out).scale(SCALE).quirks(false).build());
        for (Path f : TestFiles.files(out.resolve("_registry"))) {
            for (String l : TestFiles.lines(f).subList(1, TestFiles.lines(f).size())) {
                String[] c = l.split(",");
                registry.computeIfAbsent(c[0], k -> new ArrayList<>()).add(LocalDate.parse(c[2]));
            }
        }
        for (World.ProjectSpec spec : World.projects()) {
            Map<String, long[]> first = new HashMap<>();       // youth -> {first_contact ts, earliest inbound ts}
            Map<String, Boolean> acc = new HashMap<>();
            Map<String, Long> ho = new HashMap<>();
            for (Path f : TestFiles.files(out.resolve(spec.id).resolve("contacts"))) {
                List<String> lines = TestFiles.lines(f);
                for (String l : lines.subList(1, lines.size())) {
                    String[] c = l.split(",", -1);
                    long ts = OffsetDateTime.parse(c[0]).toEpochSecond();
                    long[] fc = first.computeIfAbsent(c[1], k -> new long[]{Long.MAX_VALUE, Long.MAX_VALUE});
                    if (c[2].equals("first_contact")) fc[0] = Math.min(fc[0], ts);
                    if (c[2].equals("inbound_message")) fc[1] = Math.min(fc[1], ts);
                    if (c[2].equals("accompaniment_start")) acc.put(c[1], true);
                    if (c[2].equals("handoff")) ho.merge(c[1], ts, Math::min);
                }
            }
            for (var e : first.entrySet()) {
                long t = e.getValue()[0] != Long.MAX_VALUE ? e.getValue()[0] : e.getValue()[1];
                LocalDate day = Instant.ofEpochSecond(t).atZone(Paris.ZONE).toLocalDate();
                boolean unknown = true;
                for (LocalDate k : registry.getOrDefault(e.getKey(), List.of())) if (k.isBefore(day)) unknown = false;
                Long h = ho.get(e.getKey());
                journeys.put(spec.id + "|" + e.getKey(), new Journey(spec.id, e.getKey(), t, day, unknown,
                        acc.getOrDefault(e.getKey(), false),
                        h == null ? null : Instant.ofEpochSecond(h).atZone(Paris.ZONE).toLocalDate()));
            }
        }
        for (CSVRecord r : TestFiles.table(truth.resolve("youth_truth.csv"))) youthTruth.put(r.get(0) + "|" + r.get(1), r);
    }

    @AfterAll
    static void clean() {
        TestFiles.delete(dir);
    }

    @Test
    void contractDefinitionsAgreeWithTheTruthForEveryYouth() {
        assertEquals(youthTruth.keySet(), journeys.keySet());
        for (Journey j : journeys.values()) {
            CSVRecord t = youthTruth.get(j.project() + "|" + j.youth());
            assertEquals(OffsetDateTime.parse(t.get("first_contact_ts")).toEpochSecond(), j.firstTs(), j.toString());
            assertEquals(Boolean.parseBoolean(t.get("previously_unknown")), j.unknown(), j.toString());
            assertEquals(Boolean.parseBoolean(t.get("accompanied")), j.accompanied(), j.toString());
        }
    }

    @Test
    void overallUnknownShareIsAboutThirtyPercent() {
        long unknown = journeys.values().stream().filter(Journey::unknown).count();
        double share = (double) unknown / journeys.size();
        assertTrue(Math.abs(share - 0.30) <= 0.05, "unknown share " + share);
    }

    @Test
    void unknownShareByChannelMatchesTheTrueModel() {
        // fresh contacts only: youth contacting a second project have a history that decides their status
        Map<String, double[]> byChannel = new TreeMap<>();   // {n, unknown, sum of p}
        for (CSVRecord t : youthTruth.values()) {
            if (Boolean.parseBoolean(t.get("cross_project"))) continue;
            double[] a = byChannel.computeIfAbsent(t.get("true_channel"), k -> new double[3]);
            a[0]++;
            if (Boolean.parseBoolean(t.get("previously_unknown"))) a[1]++;
            a[2] += Double.parseDouble(t.get("p_previously_unknown"));
        }
        Map<String, Double> expected = new HashMap<>();
        for (CSVRecord r : TestFiles.table(truth.resolve("channels.csv"))) {
            if (r.get(0).equals("_all")) expected.put(r.get(1), Double.parseDouble(r.get("p_previously_unknown")));
        }
        double min = 1, max = 0;
        for (var e : byChannel.entrySet()) {
            double n = e.getValue()[0];
            if (n < 200) continue;
            double obs = e.getValue()[1] / n, exp = expected.get(e.getKey());
            double se = Math.sqrt(exp * (1 - exp) / n);
            assertTrue(Math.abs(obs - exp) <= 4 * se + 0.02, e.getKey() + ": observed " + obs + " expected " + exp);
            min = Math.min(min, obs);
            max = Math.max(max, obs);
        }
        assertTrue(max - min > 0.25, "the share must vary strongly by channel: " + min + ".." + max);
    }

    @Test
    void registryRowsAfterHandoffExistAndDoNotMakeYouthKnown() {
        int after = 0;
        for (Journey j : journeys.values()) {
            if (j.handoffDay() == null) continue;
            for (LocalDate k : registry.getOrDefault(j.youth(), List.of())) {
                long d = k.toEpochDay() - j.handoffDay().toEpochDay();
                if (d >= 2 && d <= 10 && j.unknown()) after++;
            }
        }
        assertTrue(after > 100, "registry rows a few days after a hand-off of an unknown youth: " + after);
        long edges = youthTruth.values().stream().filter(t -> !t.get("registry_edge").isEmpty()).count();
        assertTrue(edges > 20, "boundary-day registry rows: " + edges);
    }

    @Test
    void coachingProjectMatchesPublishedFigures() {
        // at scale 100: ~2,200 contacted in the first year, ~1,500 accompanied directly, the rest handed off
        LocalDate end = SampleOptions.DEFAULT_START.plusYears(1);
        List<Journey> y1 = journeys.values().stream()
                .filter(j -> j.project().equals("coach-whatsapp-tiktok") && j.firstDay().isBefore(end)).toList();
        double expected = 2200 * SCALE / 100;
        assertTrue(Math.abs(y1.size() - expected) <= 4 * Math.sqrt(expected) + 5, "first-year contacted " + y1.size());
        double acc = y1.stream().filter(Journey::accompanied).count() / (double) y1.size();
        assertTrue(Math.abs(acc - 1500.0 / 2200) <= 0.12, "accompanied share " + acc);
        double hoNotAcc = y1.stream().filter(j -> !j.accompanied() && j.handoffDay() != null).count()
                / (double) y1.stream().filter(j -> !j.accompanied()).count();
        assertTrue(hoNotAcc > 0.8, "the rest handed off: " + hoNotAcc);
    }

    @Test
    void paidContactsFollowTheResponseCurves() {
        for (CSVRecord r : TestFiles.table(truth.resolve("response_curves.csv"))) {
            double exp = Double.parseDouble(r.get("expected_contacts"));
            long real = Long.parseLong(r.get("realised_contacts"));
            assertTrue(Math.abs(real - exp) <= 4 * Math.sqrt(exp) + 3, r.get(0) + "/" + r.get(1) + ": " + real + " vs " + exp);
            assertTrue(Double.parseDouble(r.get("theta")) < 1 && Double.parseDouble(r.get("half_saturation_eur")) > 0);
        }
    }

    @Test
    void channelContributionsAddUpToTheYouthTruth() {
        Map<String, Long> counted = new TreeMap<>();
        for (CSVRecord t : youthTruth.values()) counted.merge(t.get("project_id") + "|" + t.get("true_channel"), 1L, Long::sum);
        double share = 0;
        for (CSVRecord r : TestFiles.table(truth.resolve("channels.csv"))) {
            if (r.get(0).equals("_all")) { share += Double.parseDouble(r.get("contribution_share")); continue; }
            assertEquals(counted.getOrDefault(r.get(0) + "|" + r.get(1), 0L), Long.parseLong(r.get("realised_contacts")), r.toString());
            double exp = Double.parseDouble(r.get("expected_contacts"));
            assertTrue(Math.abs(Long.parseLong(r.get("realised_contacts")) - exp) <= 4 * Math.sqrt(exp) + 3, r.toString());
        }
        assertEquals(1.0, share, 1e-4);
    }

    @Test
    void someYouthContactTwoProjectsWithTheSameKey() {
        long cross = youthTruth.values().stream().filter(t -> Boolean.parseBoolean(t.get("cross_project"))).count();
        assertTrue(cross > 50, "cross-project youth " + cross);
        Map<String, Integer> projectsPerYouth = new HashMap<>();
        for (Journey j : journeys.values()) projectsPerYouth.merge(j.youth(), 1, Integer::sum);
        assertTrue(projectsPerYouth.values().stream().anyMatch(n -> n >= 2));
    }
}
