package org.maraude.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo-size inbox (scale 1, quirks on) against the data contract: every row parses as the contract says,
 * except exactly the planted quirks listed in truth/quirks.csv, and every listed row-level quirk is detectable.
 */
class ContractTest {
    static Path dir, out, truth;
    static SampleSummary summary;

    static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    static final Pattern PHONE = Pattern.compile("(?<![\\w.+])(\\+33\\s?|0)[1-9]([\\s.]?\\d{2}){4}(?![\\w])");
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");

    static final Set<String> AD_PLATFORMS = Set.of("tiktok", "instagram", "facebook", "snapchat", "youtube", "twitch", "google", "other");
    static final Set<String> PLATFORMS = union(AD_PLATFORMS, Set.of("offline"));
    static final Set<String> FORMATS = Set.of("video", "image", "carousel", "story", "live", "stream", "poster", "flyer",
            "sticker", "screen", "event", "other");
    static final Set<String> TOUCH_TYPES = Set.of("ad_click", "post_click", "qr_scan", "landing_view", "chatbot_open",
            "live_chat", "event_checkin", "referral");
    static final Set<String> EVENTS = Set.of("first_contact", "inbound_message", "outbound_message", "mediator_reply",
            "appointment", "accompaniment_start", "accompaniment_end", "handoff", "handoff_confirmed", "dropout", "reactivation");
    static final Set<String> CHANNELS = Set.of("whatsapp", "messenger", "instagram_dm", "tiktok_dm", "snapchat", "sms",
            "chatbot", "phone", "email", "discord", "twitch", "in_person", "other");
    static final Set<String> PARTNERS = Set.of("mission_locale", "france_travail", "cio", "afpa", "crij", "pij", "epide",
            "e2c", "association", "employer", "training", "other");
    static final Set<String> DECLARED = Set.of("tiktok", "instagram", "facebook", "snapchat", "youtube", "twitch", "google",
            "poster", "friend", "school", "event", "other");
    static final Set<String> AGE = Set.of("15-17", "18-21", "22-25", "26-29", "30+", "unknown");
    static final Set<String> GENDER = Set.of("f", "m", "x", "unknown");
    static final Set<String> DIPLOMA = Set.of("none", "cap_bep", "bac", "bac_plus", "unknown");
    static final Set<String> SITUATION = Set.of("neet", "student", "employed", "training", "unknown");
    static final Set<String> COST_CATEGORIES = Set.of("media", "influencer", "staff", "events", "tooling", "other");
    static final Set<String> REG_SOURCES = Set.of("france_travail", "mission_locale", "other");
    static final Set<String> DATASETS = Set.of("ad_delivery", "creatives", "social_posts", "touchpoints", "identity_links",
            "contacts", "youth", "costs");
    static final Set<String> DEPTS = new HashSet<>(Reference.DEPTS);

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    /** Anomalies found by the validator, as "file|line|kind". */
    static final Set<String> found = new TreeSet<>();
    /** Planted quirks, as "file|line|kind". */
    static final Set<String> planted = new TreeSet<>();
    static final Map<String, Integer> plantedKinds = new TreeMap<>();

    @BeforeAll
    static void generateAndValidate() throws IOException {
        dir = TestFiles.tempDir("contract");
        out = dir.resolve("inbox");
        summary = SampleGenerator.generate(SampleOptions.defaults(out));
        truth = dir.resolve("truth");
        List<CSVRecord> q = TestFiles.records(truth.resolve("quirks.csv"));
        for (CSVRecord r : q.subList(1, q.size())) {
            planted.add(r.get(0) + "|" + r.get(1) + "|" + normal(r.get(2)));
            plantedKinds.merge(r.get(2), 1, Integer::sum);
        }
        for (Path f : TestFiles.files(out)) {
            String rel = out.relativize(f).toString().replace('\\', '/');
            String[] parts = rel.split("/");
            if (parts[0].equals("_registry")) validate(f, rel, "known_youth");
            else if (parts[1].equals("native")) continue;
            else validate(f, rel, parts[1]);
        }
    }

    @AfterAll
    static void clean() {
        TestFiles.delete(dir);
    }

    /** The validator reports what an ingest would see; both kinds of unknown enum are "unknown_enum" here. */
    static String normal(String kind) {
        return kind.equals(Quirks.UNKNOWN_ENUM_STRICT) ? Quirks.UNKNOWN_ENUM : kind;
    }

    static void validate(Path f, String rel, String dataset) throws IOException {
        Set<String> seenRows = new HashSet<>();
        try (BufferedReader r = TestFiles.reader(f);
             CSVParser p = CSVFormat.RFC4180.builder().get().parse(r)) {
            Iterator<CSVRecord> it = p.iterator();
            CSVRecord header = it.next();
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.size(); i++) col.put(header.get(i), i);
            for (String c : required(dataset)) assertTrue(col.containsKey(c), rel + " lacks column " + c);
            for (String c : col.keySet()) {
                if (!required(dataset).contains(c)) found.add(rel + "|1|" + Quirks.EXTRA_COLUMN);
            }
            while (true) {
                CSVRecord rec;
                long line = p.getCurrentLineNumber() + 1;
                try {
                    if (!it.hasNext()) break;
                    rec = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    found.add(rel + "|" + line + "|" + Quirks.BROKEN_QUOTE);
                    break;
                }
                line = rec.getRecordNumber();
                String key = String.join("\u0001", rec.toList());
                if (!seenRows.add(key)) { found.add(rel + "|" + line + "|" + Quirks.DUPLICATE); continue; }
                if (rec.size() != header.size()) { found.add(rel + "|" + line + "|" + Quirks.WRONG_COLUMNS); continue; }
                for (String v : rec) {
                    // cheap filters first: the regexes only run on plausible cells
                    if (v.indexOf('@') >= 0 && EMAIL.matcher(v).find()) found.add(rel + "|" + line + "|" + Quirks.PII_EMAIL);
                    else if (phoneLike(v) && PHONE.matcher(v).find()) found.add(rel + "|" + line + "|" + Quirks.PII_PHONE);
                }
                String kind = check(dataset, rel, rec, col);
                if (kind != null) found.add(rel + "|" + line + "|" + kind);
            }
        }
    }

    static boolean phoneLike(String v) {
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch >= '0' && ch <= '9') digits++;
            else if (ch != ' ' && ch != '.' && ch != '+') return false;
        }
        return digits >= 9;
    }

    static List<String> required(String ds) {
        switch (ds) {
            case "ad_delivery": return List.of(ProjectRun.DELIVERY_HEADER);
            case "creatives": return List.of(ProjectRun.CREATIVE_HEADER);
            case "social_posts": return List.of(ProjectRun.POST_HEADER);
            case "touchpoints": return List.of(ProjectRun.TOUCH_HEADER);
            case "identity_links": return List.of(ProjectRun.LINK_HEADER);
            case "contacts": return List.of(ProjectRun.CONTACT_HEADER);
            case "youth": return List.of(ProjectRun.YOUTH_HEADER);
            case "costs": return List.of(ProjectRun.COST_HEADER);
            case "known_youth": return List.of(ProjectRun.REGISTRY_HEADER);
            default: throw new AssertionError("unexpected dataset folder " + ds);
        }
    }

    /** Returns an anomaly kind, or null; a contract violation that is not a planted kind fails the test. */
    static String check(String ds, String rel, CSVRecord r, Map<String, Integer> c) {
        java.util.function.Function<String, String> g = n -> r.get(c.get(n));
        String where = rel + " line " + r.getRecordNumber();
        switch (ds) {
            case "ad_delivery": {
                date(g.apply("date"), where);
                if (!AD_PLATFORMS.contains(g.apply("platform"))) return unknown(g.apply("platform"), "bereal", where);
                nonEmpty(g.apply("creative_id"), where);
                for (String n : List.of("impressions", "clicks")) count(g.apply(n), false, where);
                for (String n : List.of("reach", "video_views")) count(g.apply(n), true, where);
                assertTrue(Double.parseDouble(g.apply("spend_eur")) >= 0, where);
                return null;
            }
            case "creatives":
                nonEmpty(g.apply("creative_id"), where);
                assertTrue(FORMATS.contains(g.apply("format")), where);
                if (!g.apply("launched_on").isEmpty()) date(g.apply("launched_on"), where);
                nonEmpty(g.apply("label"), where);
                return PLATFORMS.contains(g.apply("platform")) ? null : unknown(g.apply("platform"), "bereal", where);
            case "social_posts":
                date(g.apply("date"), where);
                assertTrue(PLATFORMS.contains(g.apply("platform")), where);
                nonEmpty(g.apply("post_id"), where);
                for (String n : List.of("views", "reach", "likes", "comments", "shares", "link_clicks", "followers_gained")) {
                    count(g.apply(n), true, where);
                }
                return null;
            case "touchpoints": {
                ts(g.apply("ts"), where);
                key(g.apply("visitor_key"), false, where);
                key(g.apply("youth_key"), true, where);
                String d = g.apply("dept");
                assertTrue(d.isEmpty() || DEPTS.contains(d), where);
                if (!TOUCH_TYPES.contains(g.apply("touch_type"))) return unknown(g.apply("touch_type"), "story_view", where);
                String pl = g.apply("platform");
                if (!pl.isEmpty() && !PLATFORMS.contains(pl)) return unknown(pl, "bereal", where);
                return null;
            }
            case "identity_links":
                ts(g.apply("ts"), where);
                key(g.apply("visitor_key"), false, where);
                key(g.apply("youth_key"), false, where);
                return null;
            case "contacts": {
                OffsetDateTime t = ts(g.apply("ts"), where);
                assertEquals(Paris.ZONE.getRules().getOffset(t.toInstant()), t.getOffset(), "Europe/Paris offset " + where);
                key(g.apply("youth_key"), false, where);
                key(g.apply("mediator_key"), true, where);
                String pt = g.apply("partner_type");
                assertTrue(pt.isEmpty() || PARTNERS.contains(pt), where);
                if (g.apply("event").equals("handoff")) assertFalse(pt.isEmpty(), "partner_type required " + where);
                String ds2 = g.apply("declared_source");
                assertTrue(ds2.isEmpty() || DECLARED.contains(ds2), where);
                if (!EVENTS.contains(g.apply("event"))) return unknown(g.apply("event"), "typing", where);
                if (!CHANNELS.contains(g.apply("channel"))) return unknown(g.apply("channel"), "signal", where);
                return null;
            }
            case "youth":
                key(g.apply("youth_key"), false, where);
                assertTrue(AGE.contains(g.apply("age_band")), where);
                assertTrue(GENDER.contains(g.apply("gender")), where);
                assertTrue(g.apply("dept").isEmpty() || DEPTS.contains(g.apply("dept")), where);
                for (String n : List.of("qpv", "zrr", "rqth")) assertTrue(Set.of("", "true", "false").contains(g.apply(n)), where);
                assertTrue(DIPLOMA.contains(g.apply("diploma_level")), where);
                assertTrue(SITUATION.contains(g.apply("situation")), where);
                return null;
            case "costs":
                YearMonth.parse(g.apply("month"));
                assertTrue(COST_CATEGORIES.contains(g.apply("category")), where);
                assertTrue(g.apply("platform").isEmpty() || PLATFORMS.contains(g.apply("platform")), where);
                assertTrue(Double.parseDouble(g.apply("amount_eur")) >= 0, where);
                return null;
            case "known_youth":
                key(g.apply("youth_key"), false, where);
                assertTrue(REG_SOURCES.contains(g.apply("source")), where);
                date(g.apply("known_since"), where);
                return null;
            default:
                throw new AssertionError(ds);
        }
    }

    static String unknown(String value, String expected, String where) {
        assertEquals(expected, value, "only planted unknown values may appear: " + where);
        return Quirks.UNKNOWN_ENUM;
    }

    static void nonEmpty(String v, String where) { assertFalse(v.isEmpty(), where); }

    static void date(String v, String where) { LocalDate.parse(v); }

    static OffsetDateTime ts(String v, String where) {
        assertTrue(v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d"), "timestamp with offset: " + where);
        return OffsetDateTime.parse(v);
    }

    static void key(String v, boolean nullable, String where) {
        if (nullable && v.isEmpty()) return;
        assertTrue(HEX64.matcher(v).matches(), "64-hex key: " + where);
    }

    static void count(String v, boolean nullable, String where) {
        if (nullable && v.isEmpty()) return;
        assertTrue(Long.parseLong(v) >= 0, where);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void everyAnomalyIsAPlantedQuirkAndEveryRowQuirkIsDetectable() {
        Set<String> rowLevel = new TreeSet<>();
        for (String p : planted) {
            String kind = p.substring(p.lastIndexOf('|') + 1);
            if (p.contains("/native/") || p.contains("|0|") || kind.equals(Quirks.OVERLAPPING_ROW) || kind.equals(Quirks.BOM)) continue;
            rowLevel.add(p);
        }
        Set<String> unexpected = new TreeSet<>(found);
        unexpected.removeAll(planted);
        assertEquals(Set.of(), unexpected, "anomalies not listed in quirks.csv");
        Set<String> missed = new TreeSet<>(rowLevel);
        missed.removeAll(found);
        assertEquals(Set.of(), missed, "planted quirks the validator did not see");
    }

    @Test
    void everyQuirkKindIsPlanted() {
        for (String k : List.of(Quirks.DUPLICATE, Quirks.PII_EMAIL, Quirks.PII_PHONE, Quirks.UNKNOWN_ENUM,
                Quirks.UNKNOWN_ENUM_STRICT, Quirks.WRONG_COLUMNS, Quirks.BROKEN_QUOTE, Quirks.OVERLAPPING_REEXPORT,
                Quirks.OVERLAPPING_ROW, Quirks.LATE_FILE, Quirks.NATIVE_META, Quirks.NATIVE_TIKTOK, Quirks.NATIVE_TOTAL,
                Quirks.EXTRA_COLUMN, Quirks.BOM)) {
            assertTrue(plantedKinds.getOrDefault(k, 0) > 0, "missing quirk kind " + k);
        }
    }

    @Test
    void layoutFollowsTheContract() throws IOException {
        List<String> projects = new ArrayList<>();
        try (var s = Files.list(out)) {
            s.sorted().forEach(p -> projects.add(p.getFileName().toString()));
        }
        assertTrue(projects.remove("_registry"));
        assertEquals(10, projects.size());
        for (String p : projects) {
            assertTrue(SLUG.matcher(p).matches(), p);
            for (String ds : DATASETS) {
                Path d = out.resolve(p).resolve(ds);
                assertTrue(Files.isDirectory(d) && TestFiles.files(d).size() >= 1, p + "/" + ds);
            }
        }
        assertFalse(TestFiles.files(out.resolve("_registry/known_youth")).isEmpty());
        for (Path f : TestFiles.files(out)) {
            String n = f.getFileName().toString();
            assertTrue(n.endsWith(".csv") || n.endsWith(".csv.gz"), n);
        }
    }

    @Test
    void demoInboxIsMeaningfulAndSmall() {
        long bytes = TestFiles.files(out).stream().mapToLong(f -> f.toFile().length()).sum();
        assertTrue(bytes < 8_000_000, "inbox is " + bytes + " bytes");
        assertTrue(summary.contactedPairs() >= 1500 && summary.contactedPairs() <= 3000, "" + summary.contactedPairs());
        long touches = summary.rowsPerDataset().get("touchpoints");
        assertTrue(touches >= 100_000 && touches <= 200_000, "touchpoints " + touches);
    }

    @Test
    void referencesResolveWithinEachProject() {
        for (String p : projectIds()) {
            Set<String> creatives = new HashSet<>();
            for (Path f : TestFiles.files(out.resolve(p).resolve("creatives"))) {
                for (CSVRecord r : TestFiles.table(f)) creatives.add(r.get(0));
            }
            Set<String> youth = new HashSet<>();
            for (Path f : TestFiles.files(out.resolve(p).resolve("youth"))) {
                for (CSVRecord r : TestFiles.records(f)) youth.add(r.get(0));
            }
            for (Path f : TestFiles.files(out.resolve(p).resolve("ad_delivery"))) {
                for (CSVRecord r : TestFiles.table(f)) {
                    assertTrue(creatives.contains(r.get(3)), p + " ad_delivery creative " + r.get(3));
                }
            }
            for (Path f : TestFiles.files(out.resolve(p).resolve("touchpoints"))) {
                for (CSVRecord r : TestFiles.records(f)) {
                    if (r.size() > 6 && !r.get(6).isEmpty() && r.getRecordNumber() > 1) {
                        assertTrue(creatives.contains(r.get(6)), p + " touchpoint creative " + r.get(6));
                    }
                    if (r.size() > 2 && !r.get(2).isEmpty() && r.getRecordNumber() > 1) {
                        assertTrue(youth.contains(r.get(2)), p + " touchpoint youth");
                    }
                }
            }
            for (Path f : TestFiles.files(out.resolve(p).resolve("contacts"))) {
                List<String> lines = TestFiles.lines(f);
                for (String l : lines.subList(1, lines.size())) {
                    String[] c = l.split(",", -1);
                    assertTrue(youth.contains(c[1]), p + " contact youth without profile");
                }
            }
        }
    }

    @Test
    void nativeExportsLookNative() {
        Path meta = TestFiles.files(out.resolve("alternance-go/native/meta")).get(0);
        byte[] head;
        try {
            head = Files.readAllBytes(meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(0xEF, head[0] & 0xff, "BOM");
        List<String> ml = TestFiles.lines(meta);
        assertTrue(ml.get(0).contains("Jour;Nom de la campagne;") && ml.get(0).contains("Montant dépensé (EUR)")
                && ml.get(0).contains("Couverture") && ml.get(0).contains("Clics sur un lien"));
        assertTrue(ml.get(1).matches("\\d\\d/\\d\\d/\\d{4};.*;\\d+,\\d\\d;\\d*"), ml.get(1));
        Path tt = TestFiles.files(out.resolve("coach-whatsapp-tiktok/native/tiktok")).get(0);
        List<String> tl = TestFiles.lines(tt);
        assertTrue(tl.get(0).startsWith("By Day,Campaign name,Ad name,Cost,Impressions,Reach,Clicks (destination)"));
        assertTrue(tl.get(tl.size() - 1).startsWith("Total,"));
        assertTrue(tl.stream().anyMatch(l -> l.contains(",--,")));
        // native rows replace canonical rows: no tiktok canonical row of the coaching project on a native day
        Set<String> nativeDays = new HashSet<>();
        for (String l : tl.subList(1, tl.size() - 1)) nativeDays.add(l.substring(0, 10));
        for (Path f : TestFiles.files(out.resolve("coach-whatsapp-tiktok/ad_delivery"))) {
            for (String l : TestFiles.lines(f)) {
                if (l.contains(",tiktok,")) assertFalse(nativeDays.contains(l.substring(0, 10)), l);
            }
        }
    }

    @Test
    void committedDemoInboxIsUpToDate() throws IOException {
        // the module's tests run in sample-data/: the committed inbox must be what the defaults generate
        Path committed = Path.of("inbox");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(committed), "no committed inbox here");
        List<Path> mine = TestFiles.files(out);
        assertEquals(mine.stream().map(f -> out.relativize(f).toString()).toList(),
                TestFiles.files(committed).stream().map(f -> committed.relativize(f).toString()).toList(),
                "regenerate: ./maraude sample --out sample-data/inbox --scale 1 --seed 42");
        for (Path f : mine) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(committed.resolve(out.relativize(f)))),
                    "stale committed file " + out.relativize(f) + "; regenerate the demo inbox");
        }
    }

    static List<String> projectIds() {
        return World.projects().stream().map(s -> s.id).toList();
    }

    @Test
    void timestampsAreLocalParisIncludingDst() {
        // some contact events fall on both sides of the 2025 DST changes
        boolean summer = false, winter = false;
        for (Path f : TestFiles.files(out.resolve("chatbot-orientation/contacts"))) {
            for (String l : TestFiles.lines(f)) {
                if (l.startsWith("2025-07")) summer |= l.substring(0, 25).endsWith("+02:00");
                if (l.startsWith("2025-01")) winter |= l.substring(0, 25).endsWith("+01:00");
            }
        }
        assertTrue(summer && winter);
        Instant i = Instant.parse("2025-10-26T00:30:00Z");
        assertEquals("2025-10-26T02:30:00+02:00", Paris.ts(i.getEpochSecond()));
        assertEquals("2025-10-26T02:30:00+01:00", Paris.ts(i.getEpochSecond() + 3600));
    }
}
