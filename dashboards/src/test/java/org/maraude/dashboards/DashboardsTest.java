package org.maraude.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardsTest {
    static final String NNBSP = "\u202f";
    static final String NBSP = "\u00a0";

    @TempDir
    static Path tmp;
    static Path fr;
    static Path later;
    static Path en;

    @BeforeAll
    static void render() throws Exception {
        Path plain = WarehouseFixture.build(Files.createDirectories(tmp.resolve("w1")), false);
        Path full = WarehouseFixture.build(Files.createDirectories(tmp.resolve("w2")), true);
        fr = tmp.resolve("fr");
        later = tmp.resolve("later");
        en = tmp.resolve("en");
        Dashboards.render(plain, fr, Dashboards.Options.defaults());
        Dashboards.render(full, later, new Dashboards.Options("fr", 11));
        Dashboards.render(full, en, new Dashboards.Options("en", 11, 30));
    }

    static String page(Path dir, String file) {
        return Pages.read(dir.resolve(file));
    }

    @Test
    void writesIndexNationalAndOnePagePerProject() {
        for (String f : List.of("index.html", "national.html", "project-p-alpha.html", "project-p-beta.html",
                "project-p-gamma.html")) {
            assertTrue(Files.isRegularFile(fr.resolve(f)), f);
        }
        String index = page(fr, "index.html");
        assertTrue(index.contains("<html lang=\"fr\">"));
        assertTrue(index.contains("<code>r-cur</code>"), "run id");
        assertTrue(index.contains("10 avril 2026 à 04h00"), "run date in Paris time");
        assertTrue(index.contains("Version du contrat de données</dt><dd>1</dd>"));
        assertTrue(index.contains("href=\"national.html\""));
        assertTrue(index.contains("href=\"project-p-gamma.html\""));
        assertTrue(index.contains("usage interne au projet"));
    }

    @Test
    void nationalProjectsTableHidesSmallCellsAndTheirComplements() {
        String projects = Pages.block(page(fr, "national.html"), "tab-projects-table");
        // columns: project, contacted, unknown, share unknown, accompanied, handed off, confirmed, spend, cost/contacted, cost/unknown
        List<String> alpha = Pages.row(projects, "p-alpha");
        List<String> beta = Pages.row(projects, "p-beta");
        List<String> gamma = Pages.row(projects, "p-gamma");
        assertEquals(List.of("p-alpha", "120", "77", "64,2" + NBSP + "%", "60", "40", "s", "2" + NNBSP + "700" + NBSP + "€",
                "22,50" + NBSP + "€", "35,07" + NBSP + "€"), alpha);
        // beta: every count 1..10 → "< 11"; confirmed 0 may be shown; costs depend on hidden counts
        assertEquals(List.of("p-beta", "< 11", "< 11", "s", "< 11", "< 11", "0", "150" + NBSP + "€", "s", "s"), beta);
        // gamma: contacted 30 would give 154 − 120 − 30 = beta's 5 back: hidden as the complement (so are
        // accompanied 14 and handed off 12 for the same reason; its confirmed 6 is small itself)
        assertEquals(List.of("p-gamma", "s", "s", "s", "s", "s", "< 11", "0,00" + NBSP + "€", "s", "s"), gamma);
        assertFalse(String.join("|", gamma).contains("30"));
        List<String> total = Pages.row(projects, "programme");
        assertEquals("154", total.get(1));
        assertEquals("98", total.get(2));
        assertEquals("2" + NNBSP + "850" + NBSP + "€", total.get(7));
        assertEquals("18,51" + NBSP + "€", total.get(8));
    }

    @Test
    void nationalChartsDoNotRevealHiddenValues() throws Exception {
        String html = page(fr, "national.html");
        List<String> texts = Pages.svgTexts(Pages.block(html, "fig-projects"));
        assertTrue(texts.contains("< 11") && texts.contains("s") && texts.contains("120"), texts.toString());
        // (axis ticks go by tens: gamma's 30 may be a tick, but beta's 5 and gamma's 18 unknown never are)
        assertFalse(texts.contains("5") || texts.contains("3") || texts.contains("18"), texts.toString());
        List<String> dept = Pages.svgTexts(Pages.block(html, "fig-departements"));
        assertFalse(dept.contains("4") || dept.contains("16"), dept.toString());
        // the CSV beside the page carries the same masks
        String csv = Files.readString(fr.resolve("national-projects-table.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains("p-gamma,s,s,s,s,s,< 11,0.0,s,s"), csv);
        String aria = Pages.block(html, "fig-projects");
        assertFalse(aria.contains("p-gamma : Entrés en contact 30"));
    }

    @Test
    void departementsAndPartnerTypesAreProtectedAgainstTheirTotal() {
        String html = page(fr, "national.html");
        String dept = Pages.block(html, "fig-departements");
        assertEquals(List.of("93 Seine-Saint-Denis", "105", "68,2" + NBSP + "%"), Pages.row(dept, "93"));
        assertEquals(List.of("2A Corse-du-Sud", "29", "18,8" + NBSP + "%"), Pages.row(dept, "2A"));
        assertEquals(List.of("75 Paris", "< 11", "s"), Pages.row(dept, "75"));
        // 154 − 105 − 29 − 16 would reveal Paris' 4: Bouches-du-Rhône's 16 is hidden too
        assertEquals(List.of("13 Bouches-du-Rhône", "s", "s"), Pages.row(dept, "13"));
        assertEquals(List.of("Total", "154", "—"), Pages.row(dept, "total"));
        // order: shown counts first (largest first), then hidden ones in INSEE order: no hint at their size
        assertTrue(dept.indexOf("data-key=\"2A\"") < dept.indexOf("data-key=\"13\""));
        assertTrue(dept.indexOf("data-key=\"13\"") < dept.indexOf("data-key=\"75\""));

        String partners = Pages.block(html, "fig-partners");
        assertEquals(List.of("Mission locale", "33", "62,3" + NBSP + "%"), Pages.row(partners, "mission_locale"));
        assertEquals(List.of("France Travail", "s", "s"), Pages.row(partners, "france_travail"));
        assertEquals(List.of("E2C (école de la 2e chance)", "< 11", "s"), Pages.row(partners, "e2c"));
        assertEquals(List.of("Total", "53", "—"), Pages.row(partners, "total"));
    }

    @Test
    void nationalFunnelShowsRatesUnknownSharesAndCosts() {
        String funnel = Pages.block(page(fr, "national.html"), "tab-funnel-rates");
        assertEquals(List.of("Touchés (estimation)", "113" + NNBSP + "000", "—", "—", "—"), Pages.row(funnel, "seen"));
        // contacted / seen = 154 / 113 000 = 0,136 %; unknown 98 / 154 = 63,6 %
        assertEquals(List.of("Entrés en contact", "154", "98", "63,6" + NBSP + "%", "0,14" + NBSP + "%"),
                Pages.row(funnel, "contacted"));
        // accompanied 76 / contacted 154 = 49,4 %; unknown 48 / 76 = 63,2 %
        assertEquals(List.of("Accompagnés", "76", "48", "63,2" + NBSP + "%", "49,4" + NBSP + "%"), Pages.row(funnel, "accompanied"));
        // confirmed 29 / handed off 53 = 54,7 %
        assertEquals(List.of("Orientation confirmée", "29", "18", "62,1" + NBSP + "%", "54,7" + NBSP + "%"),
                Pages.row(funnel, "handoff_confirmed"));
        String html = page(fr, "national.html");
        assertTrue(html.contains("<b>18,51" + NBSP + "€</b><span>par jeune entré en contact</span>"));
        assertTrue(html.contains("<b>29,09" + NBSP + "€</b><span>par jeune inconnu du SPE</span>"));
    }

    @Test
    void monthlyTrendMasksEachStageAgainstItsTotal() {
        String monthly = Pages.block(page(fr, "national.html"), "fig-monthly");
        // January: contacted 60 + 29 = 89, February 40 + 20 + 5 = 65; all ≥ 11
        assertEquals("89", Pages.row(monthly, "2026-01").get(1));
        assertEquals("65", Pages.row(monthly, "2026-02").get(1));
        // confirmed unknown: Jan 8 + 3 = 11, Feb 6 + 1 + 0 = 7 → hidden, and January with it (total 18)
        assertEquals("janv. 2026", Pages.row(monthly, "2026-01").get(0));
    }

    @Test
    void freshnessAndNotCountedBox() {
        String html = page(fr, "national.html");
        String fresh = Pages.block(html, "tab-freshness");
        List<String> gamma = Pages.row(fresh, "p-gamma");
        assertEquals("1 mars 2026 à 03h00", gamma.get(2));
        assertEquals("aucun nouveau fichier depuis 40 jours", gamma.get(7));
        List<String> alpha = Pages.row(fresh, "p-alpha");
        assertEquals(List.of("p-alpha", "4 février 2026", "10 avril 2026 à 04h00", "3", "1", "650", "4", ""), alpha);
        String rejects = Pages.block(html, "tab-not-counted");
        assertEquals(List.of("valeur hors liste", "bad_enum", "3", "0", "2"), Pages.row(rejects, "bad_enum"));
        assertEquals(List.of("colonne obligatoire absente", "missing_column", "0", "1", "1"), Pages.row(rejects, "missing_column"));
        assertEquals(List.of("Total", "", "4", "1", "—"), Pages.row(rejects, "total"));
        assertTrue(html.contains("Cette exécution a lu 5 fichiers, 900 lignes, dont 895 comptées."));
    }

    @Test
    void projectPageShowsExactCountsIntervalsEvidenceAndCosts() {
        String html = page(fr, "project-p-alpha.html");
        assertTrue(html.contains("Usage interne au projet"));
        String creatives = Pages.block(html, "tab-creatives-table");
        List<String> a1 = Pages.row(creatives, "cr-a1");
        // 65 unknown of 100: Wilson 95 % = [55,3 %; 73,6 %]; 2 200 € / 100 = 22,00 €; / 65 = 33,85 €; / 35 = 62,86 €
        assertEquals(List.of("cr-a1", "Tournoi FIFA & bourse", "TikTok", "camp-1", "100", "65", "65,0" + NBSP + "%",
                "55,3" + NBSP + "%", "73,6" + NBSP + "%", "52", "35", "2" + NNBSP + "200" + NBSP + "€", "22,00" + NBSP + "€",
                "33,85" + NBSP + "€", "62,86" + NBSP + "€", "solide"), a1);
        List<String> a2 = Pages.row(creatives, "cr-a2");
        assertEquals(WarehouseFixture.EVIL_LABEL, a2.get(1));
        assertEquals(WarehouseFixture.EVIL_CAMPAIGN, a2.get(3));
        assertEquals("faible (< 30 contacts)", a2.get(15));
        // exact small counts on the project's own page
        String beta = page(fr, "project-p-beta.html");
        assertEquals(List.of("Entrés en contact", "5", "3", "60,0" + NBSP + "%", "0,17" + NBSP + "%"),
                Pages.row(Pages.block(beta, "tab-funnel-rates"), "contacted"));
        String channels = Pages.block(html, "tab-channels-table");
        assertEquals("TikTok", Pages.row(channels, "tiktok").get(0));
        assertTrue(channels.contains("class=\"data sortable\""));
    }

    @Test
    void labelsFromInputDataAreEscapedEverywhere() throws Exception {
        for (Path dir : List.of(fr, later, en)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                    String html = Pages.read(f);
                    assertFalse(html.contains("<script>alert"), f + " has an unescaped label");
                    assertFalse(html.contains("'camp')</script>"), f.toString());
                    // our own scripts only: the sort script, at most once
                    Matcher m = Pattern.compile("<script").matcher(html);
                    int n = 0;
                    while (m.find()) {
                        n++;
                    }
                    assertTrue(n <= 1, f + " has " + n + " scripts");
                }
            }
        }
        String html = page(fr, "project-p-alpha.html");
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; l&#39;atelier &quot;rap&quot;"));
        assertTrue(html.contains("&quot;&gt;&lt;script&gt;alert(&#39;camp&#39;)&lt;/script&gt;"));
        // inside the chart too (JFreeSVG escapes text): the ranked chart shows the label
        List<String> texts = Pages.svgTexts(Pages.block(html, "fig-creatives"));
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("<script>alert")), texts.toString());
    }

    @Test
    void noExternalResourceIsLoaded() throws Exception {
        try (Stream<Path> files = Files.list(later)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Pages.read(f);
                Matcher m = Pattern.compile("(?i)\\b(?:src|href|xlink:href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
                while (m.find()) {
                    String url = m.group(1);
                    assertFalse(url.contains(":") || url.startsWith("//"), f + " loads " + url);
                }
                Matcher url = Pattern.compile("(?i).{0,60}https?://.{0,20}").matcher(html);
                assertFalse(url.find(), () -> f + ": " + url.group());
                assertFalse(html.contains("@import") || Pattern.compile("url\\((?!#)").matcher(html).find(), f.toString());
                assertFalse(html.contains("<link") || html.contains("<iframe") || html.contains("<img"), f.toString());
            }
        }
    }

    @Test
    void everyChartHasATitleUnitsSourceAndATextAlternative() throws Exception {
        for (String file : List.of("national.html", "project-p-alpha.html")) {
            String html = page(later, file);
            Matcher fig = Pattern.compile("<figure class=\"chart\" id=\"fig-([a-z0-9-]+)\">(.*?)</figure>", Pattern.DOTALL)
                    .matcher(html);
            int n = 0;
            while (fig.find()) {
                n++;
                String id = fig.group(1);
                String body = fig.group(2);
                assertTrue(body.matches("(?s).*<svg role=\"img\" aria-label=\"[^\"]{20,}\".*"), id + ": aria-label");
                assertTrue(body.contains("<title>"), id + ": title");
                assertTrue(body.contains("Unité"), id + ": unit");
                assertTrue(body.contains("Source : entrepôt maraude, exécution r-cur"), id + ": source line");
                assertTrue(Pages.svgTexts(body).contains("Source : entrepôt maraude, exécution r-cur"), id + ": source in SVG");
                assertTrue(body.contains("<details><summary>") && body.contains("<table"), id + ": data table");
                Matcher csv = Pattern.compile("href=\"([^\"]+\\.csv)\" download").matcher(body);
                assertTrue(csv.find(), id + ": CSV link");
                byte[] bytes = Files.readAllBytes(later.resolve(csv.group(1)));
                assertTrue(bytes.length > 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF,
                        id + ": BOM");
            }
            assertTrue(n >= 6, file + " has " + n + " charts");
            // SVG defs of several charts never clash
            Matcher ids = Pattern.compile("<clipPath id=\"([^\"]+)\"").matcher(html);
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (ids.find()) {
                assertTrue(seen.add(ids.group(1)), "duplicate clip id " + ids.group(1));
            }
        }
    }

    @Test
    void csvCellsThatLookLikeFormulasAreNeutralised() throws Exception {
        String csv = Files.readString(fr.resolve("project-p-beta-creatives-table.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains(",'=1+1 formule,"), csv);
        String evil = Files.readString(fr.resolve("project-p-alpha-creatives-table.csv"), StandardCharsets.UTF_8);
        assertTrue(evil.contains("\"<script>alert(\"\"x\"\")</script> l'atelier \"\"rap\"\"\""), evil);
    }

    @Test
    void laterTablesAreShownWhenPresentAndAnnouncedWhenNot() {
        String plain = page(fr, "project-p-alpha.html");
        assertTrue(plain.contains("Pas encore calculé : la table « attribution » n&#39;existe pas dans cet entrepôt."));
        assertTrue(plain.contains("la table « plan »"));
        assertTrue(plain.contains("la table « creative_scores »"));
        String full = page(later, "project-p-alpha.html");
        assertFalse(full.contains("la table « attribution » n&#39;existe pas"));
        String attribution = Pages.block(full, "fig-attribution");
        assertEquals(List.of("Entrés en contact", "TikTok", "100", "87,8"), Pages.row(attribution, "contacted/tiktok"));
        String plan = Pages.block(full, "tab-plan");
        assertTrue(plan.contains("same budget") && plan.contains("1" + NNBSP + "800"), plan);
        assertTrue(full.contains("la table « creative_scores »"));
        // the three targeting tables of the plan stage: present → shown for this project only; absent → announced
        String depts = Pages.block(full, "tab-targeting-depts");
        assertTrue(depts.contains("Seine-Saint-Denis") && !depts.contains("Bouches-du-Rhône"), depts);
        assertTrue(full.contains("la table « targeting_creatives »"));
        assertTrue(plain.contains("la table « targeting_depts »"));
    }

    @Test
    void replyTimesAndCohorts() {
        String html = page(fr, "project-p-alpha.html");
        String heat = Pages.block(html, "fig-reply-heatmap");
        // Monday 9h = hour 9: 3 messages, all answered within 30 min
        assertEquals(List.of("lundi", "09 h", "3", "100,0" + NBSP + "%"), Pages.row(heat, "9"));
        String channels = Pages.block(html, "tab-reply-channels");
        assertEquals(List.of("WhatsApp", "135", "135", "14,5" + NBSP + "min", "42" + NBSP + "min", "71,1" + NBSP + "%"),
                Pages.row(channels, "whatsapp"));
        String cohorts = Pages.block(html, "fig-cohort-accompanied");
        // run of 10 April: January's 60 days are over (1 April), not its 90 days
        assertEquals(List.of("janv. 2026", "60", "33,3" + NBSP + "%", "46,7" + NBSP + "%", "en cours", "16,7" + NBSP + "%",
                "26,7" + NBSP + "%", "en cours"), Pages.row(cohorts, "2026-01"));
        assertEquals(List.of("févr. 2026", "60", "41,7" + NBSP + "%", "en cours", "en cours", "20,0" + NBSP + "%", "en cours",
                "en cours"), Pages.row(cohorts, "2026-02"));
    }

    @Test
    void englishPages() {
        String html = page(en, "national.html");
        assertTrue(html.contains("<html lang=\"en\">"));
        List<String> alpha = Pages.row(Pages.block(html, "tab-projects-table"), "p-alpha");
        assertEquals(List.of("p-alpha", "120", "77", "64.2%", "60", "40", "s", "€2,700", "€22.50", "€35.07"), alpha);
        assertTrue(html.contains("Source: maraude warehouse, run r-cur"));
        assertTrue(page(en, "project-p-alpha.html").contains("Internal to the project"));
    }

    @Test
    void rerenderingReplacesItsOwnFilesOnly() throws Exception {
        Path out = tmp.resolve("again");
        Files.createDirectories(out);
        Files.writeString(out.resolve("project-old.html"), "stale");
        Files.writeString(out.resolve("notes.txt"), "mine");
        Dashboards.render(WarehouseFixture.build(Files.createDirectories(tmp.resolve("w3")), false), out,
                Dashboards.Options.defaults());
        assertFalse(Files.exists(out.resolve("project-old.html")));
        assertTrue(Files.exists(out.resolve("notes.txt")));
        assertTrue(Files.exists(out.resolve("project-p-alpha.html")));
    }

    @Test
    void aWarehouseWithoutTablesStillGivesReadablePages() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Path db = dir.resolve("warehouse.duckdb");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath()); var s = c.createStatement()) {
            s.execute("CREATE TABLE youth_journey (project_id VARCHAR, youth_key VARCHAR, first_contact_ts TIMESTAMP, "
                    + "first_contact_date DATE, handed_off BOOLEAN, handoff_ts TIMESTAMP, handoff_partner_type VARCHAR, "
                    + "dept VARCHAR, run_id VARCHAR)");
        }
        Path out = dir.resolve("out");
        Path index = Dashboards.render(db, out, Dashboards.Options.defaults());
        assertTrue(Pages.read(index).contains("Aucun projet dans cet entrepôt."));
        String national = Pages.read(out.resolve("national.html"));
        assertTrue(national.contains("Pas encore calculé : la table « rejects »"));
        assertTrue(national.contains("Aucun mois avec des données."));
    }

    @Test
    void aShareableFolderHasNoProjectPage() throws Exception {
        Path out = tmp.resolve("shareable");
        Dashboards.render(WarehouseFixture.build(Files.createDirectories(tmp.resolve("w4")), false), out,
                Dashboards.Options.defaults().shareableOnly());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("project-")));
        }
        String national = page(out, "national.html");
        assertFalse(national.contains("project-p-alpha.html"));
        assertTrue(national.contains("@media print") && national.contains("name=\"viewport\""));
        assertTrue(page(out, "index.html").contains("ne sont pas incluses dans ce dossier"));
    }
}
