package org.maraude.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJobTest {
    @TempDir
    static Path tmp;
    static Path db;
    static ReportFiles alpha;
    static ReportFiles alphaInternal;
    static ReportFiles programme;
    static final Period Q3 = Period.parse("2026-Q3");
    static final String KEY = "Indicateurs clés";

    @BeforeAll
    static void reports() {
        db = Fixture.create(tmp);
        alpha = ReportJob.write(db, ReportRequest.funder(Q3, "p-alpha", tmp.resolve("out"), "fr"));
        alphaInternal = ReportJob.write(db, new ReportRequest(Q3, "p-alpha", tmp.resolve("out"), "fr", 11, true));
        programme = ReportJob.write(db, ReportRequest.funder(Q3, null, tmp.resolve("out"), "fr"));
    }

    @Test
    void writesThreeFilesNamedAfterPeriodAndScope() {
        assertEquals("maraude-report-2026-Q3-p-alpha-fr.pdf", alpha.pdf().getFileName().toString());
        assertEquals("maraude-report-2026-Q3-p-alpha-internal-fr.pdf", alphaInternal.pdf().getFileName().toString());
        assertEquals("maraude-report-2026-Q3-all-fr.csv", programme.csv().getFileName().toString());
        for (ReportFiles f : List.of(alpha, alphaInternal, programme)) {
            assertTrue(Files.isRegularFile(f.pdf()) && Files.isRegularFile(f.html()) && Files.isRegularFile(f.csv()));
        }
        assertEquals(Fixture.RUN, alpha.runId());
    }

    @Test
    void funderReportOfOneProjectShowsTheHandComputedFiguresWithSmallCountsMasked() {
        PdfText t = PdfText.of(alpha.pdf());
        assertTrue(t.all().contains("Projet p-alpha — 3e trimestre 2026"));
        assertTrue(t.all().contains(Fixture.RUN), "cover names the run");
        t.assertRow(KEY, "Personnes touchées (estimation)", "11 000", "6 000", "+83,3 %", "0", "—");
        t.assertRow(KEY, "Jeunes entrés en contact", "66", "40", "+65,0 %", "12", "+450,0 %");
        t.assertRow(KEY, "dont inconnus du SPE", "44", "22", "+100,0 %", "12", "+266,7 %");
        t.assertRow(KEY, "Part d'inconnus du SPE", "66,7 %", "55,0 %", "+11,7 pt", "100,0 %", "-33,3 pt");
        // previous quarter's 10 accompanied and 2 a year before are small: masked, and so is the change
        t.assertRow(KEY, "Accompagnés", "17", "< 11", "s", "< 11", "s");
        t.assertRow(KEY, "Orientés vers un partenaire", "14", "< 11", "s", "0", "—");
        t.assertRow(KEY, "Orientation confirmée", "< 11", "< 11", "s", "0", "s");
        t.assertRow(KEY, "Dépenses média", "1 200,00 €", "800,00 €", "+50,0 %", "0,00 €", "—");
        t.assertRow(KEY, "Coût par jeune entré en contact", "18,18 €", "20,00 €", "-9,1 %", "—", "—");
        t.assertRow(KEY, "Coût par jeune inconnu du SPE", "27,27 €", "36,36 €", "-25,0 %", "—", "—");

        String ch = "Canaux d'origine des jeunes";
        // Snapchat's 4 is small; Offline's 12, the smallest other, goes with it (the total 66 is shown)
        t.assertRow(ch, "TikTok", "35", "23", "65,7 %", "13", "11", "< 11");
        t.assertRow(ch, "Hors ligne (affiches, flyers…)", "< 11", "12", "s", "< 11", "< 11", "< 11");
        t.assertRow(ch, "Instagram", "15", "< 11", "s", "< 11", "< 11", "< 11");
        t.assertRow(ch, "Snapchat", "< 11", "< 11", "s", "0", "0", "0");
        t.assertRow(ch, "Total", "66", "44", "66,7 %", "17", "14", "< 11");

        // tt-2's 3 previously unknown would be TikTok's 23 minus tt-1's 20: both hidden
        String cr = "Créations ayant amené le plus de jeunes inconnus du SPE";
        t.assertRow(cr, "tt-1", "TikTok", "< 11", "< 11", "s", "600,00 €", "s");
        t.assertRow(cr, "ig-1", "Instagram", "15", "< 11", "s", "450,00 €", "s");
        t.assertRow(cr, "tt-2", "TikTok", "< 11", "< 11", "s", "150,00 €", "s");

        String pa = "Orientations par type de partenaire";
        t.assertRow(pa, "Mission locale", "11", "< 11", "s");
        t.assertRow(pa, "France Travail", "< 11", "< 11", "s");
        t.assertRow(pa, "Total", "14", "< 11", "s");

        String re = "Délai de première réponse";
        // WhatsApp: minutes 5..34 and 40..44: median 22, 90th percentile 40.6, 26 of 35 within 30 min
        t.assertRow(re, "WhatsApp", "35", "35", "22,0", "40,6", "74,3 %");
        t.assertRow(re, "Messenger", "15", "< 11", "s", "s", "s");
        t.assertRow(re, "Téléphone", "< 11", "< 11", "s", "s", "s");
        t.assertRow(re, "Snapchat", "< 11", "0", "—", "—", "s");

        String q = "Fichiers lus par l'exécution " + Fixture.RUN;
        t.assertRow(q, "contacts", "1", "0", "500", "3", "497");
        t.assertRow(q, "known_youth", "1", "0", "60", "0", "60");
        t.assertRow(q, "Total", "3", "0", "580", "3", "577");
        t.assertRow("Rejets par motif", "bad_enum", "contacts", "2", "0");
        assertFalse(t.all().contains("bad_date"), "an older run's rejects are not this run's");
        assertFalse(t.all().toLowerCase(Locale.ROOT).contains("usage interne"));
    }

    @Test
    void internalReportEqualsTheWarehouseExactly() {
        PdfText t = PdfText.of(alphaInternal.pdf());
        String p = "project_id = 'p-alpha' AND month BETWEEN '%s' AND '%s'";
        Period[] periods = {Q3, Q3.previous(), Q3.yearBefore()};
        List<List<String>> sums = new ArrayList<>();
        for (Period x : periods) {
            sums.add(Fixture.query(db, "SELECT sum(seen), sum(contacted), sum(contacted_unknown), "
                    + "round(100 * sum(contacted_unknown) / sum(contacted), 1), sum(accompanied), sum(handed_off), "
                    + "sum(handoff_confirmed), sum(spend_eur), round(sum(spend_eur) / sum(contacted), 2), "
                    + "round(sum(spend_eur) / sum(contacted_unknown), 2) FROM funnel_monthly WHERE "
                    + p.formatted(x.firstMonth(), x.lastMonth())).get(0));
        }
        String[] labels = {"Personnes touchées (estimation)", "Jeunes entrés en contact", "dont inconnus du SPE",
            "Part d'inconnus du SPE", "Accompagnés", "Orientés vers un partenaire", "Orientation confirmée",
            "Dépenses média", "Coût par jeune entré en contact", "Coût par jeune inconnu du SPE"};
        for (int r = 0; r < labels.length; r++) {
            String row = t.row(KEY, labels[r]);
            String cur = fr(sums.get(0).get(r), r);
            String prev = fr(sums.get(1).get(r), r);
            assertTrue(row.startsWith(PdfText.norm(labels[r] + cur + prev)), labels[r] + ": " + row + " vs " + cur + prev);
        }
        // nothing is masked in the project's own report
        t.assertRow(KEY, "Orientation confirmée", sums.get(0).get(6), sums.get(1).get(6), "+80,0 %", "0", "—");

        for (List<String> r : Fixture.query(db, "SELECT source_platform, sum(contacted), sum(contacted_unknown), "
                + "sum(accompanied), sum(handed_off), sum(handoff_confirmed) FROM funnel_monthly WHERE "
                + p.formatted("2026-07", "2026-09") + " GROUP BY 1")) {
            String row = t.row("Canaux d'origine des jeunes", new ReportBuilder(alphaInternal.request()).platform(r.get(0)));
            assertTrue(row.contains(r.get(1) + r.get(2)) && row.endsWith(r.get(3) + r.get(4) + r.get(5)), row);
        }
        for (List<String> r : Fixture.query(db, "SELECT handoff_partner_type, count(*) FILTER (handed_off), "
                + "count(*) FILTER (handoff_confirmed) FROM youth_journey WHERE project_id = 'p-alpha' "
                + "AND first_contact_date BETWEEN DATE '2026-07-01' AND DATE '2026-09-30' AND handed_off GROUP BY 1")) {
            String row = t.row("Orientations par type de partenaire",
                    new ReportBuilder(alphaInternal.request()).partner(r.get(0)));
            assertTrue(row.contains(r.get(1) + r.get(2)), row + " vs " + r);
        }
        for (List<String> r : Fixture.query(db, "SELECT contact_channel, count(*), count(first_reply_minutes), "
                + "round(quantile_cont(first_reply_minutes::DOUBLE, 0.5), 1), "
                + "round(quantile_cont(first_reply_minutes::DOUBLE, 0.9), 1) FROM youth_journey "
                + "WHERE project_id = 'p-alpha' AND first_contact_date BETWEEN DATE '2026-07-01' AND DATE '2026-09-30' "
                + "GROUP BY 1")) {
            String row = t.row("Délai de première réponse", new ReportBuilder(alphaInternal.request()).channel(r.get(0)));
            String median = r.get(3) == null ? "—" : r.get(3).replace('.', ',');
            assertTrue(row.contains(r.get(1) + r.get(2) + median), row + " vs " + r);
        }
        assertTrue(t.pages.stream().allMatch(pg -> pg.contains("USAGE INTERNE")), "every page is marked internal");
        assertFalse(t.all().contains("< 11"));
    }

    /** A warehouse value as the French report prints it, white space removed. */
    private static String fr(String v, int row) {
        if (v == null) {
            return "—";
        }
        return switch (row) {
            case 3 -> String.format(Locale.FRANCE, "%.1f%%", Double.parseDouble(v));
            case 7, 8, 9 -> String.format(Locale.FRANCE, "%.2f€", Double.parseDouble(v));
            default -> v;
        };
    }

    @Test
    void programmeReportCountsAYoungPersonOnceAndProtectsCreativesAgainstEveryTotal() {
        PdfText t = PdfText.of(programme.pdf());
        assertEquals(77, Fixture.scalar(db, "SELECT sum(contacted) FROM funnel_monthly_programme WHERE month "
                + "BETWEEN '2026-07' AND '2026-09'"));
        t.assertRow(KEY, "Jeunes entrés en contact", "77", "40", "+92,5 %", "12", "+541,7 %");
        t.assertRow(KEY, "dont inconnus du SPE", "55", "22", "+150,0 %", "12", "+358,3 %");
        t.assertRow(KEY, "Dépenses média", "1 450,00 €", "800,00 €", "+81,3 %", "0,00 €", "—");
        // each project counts its own youth (66 + 14 > 77): the three shared youth count in both
        t.assertRow("Par projet", "p-alpha", "66", "44", "66,7 %", "17", "< 11");
        t.assertRow("Par projet", "p-beta", "14", "11", "78,6 %", "11", "< 11");
        t.assertRow("Par projet", "Programme (un jeune compté une fois)", "77", "55", "71,4 %", "28", "14");
        // TikTok's 35 is all p-alpha's: tt-1 would give tt-2 away, so both are hidden
        t.assertRow("Créations ayant amené le plus de jeunes inconnus du SPE", "tt-1", "TikTok", "p-alpha", "< 11",
                "< 11", "s", "600,00 €", "s");
        t.assertRow("Canaux d'origine des jeunes", "Twitch", "< 11", "11", "s", "11", "0", "0");
        // the partner of the three shared youth is that of their first hand-off (p-alpha's mission locale)
        t.assertRow("Orientations par type de partenaire", "Mission locale", "11", "< 11", "s");
        t.assertRow("Orientations par type de partenaire", "Total", "14", "< 11", "s");
        assertTrue(t.row("Délai de première réponse", "Total").startsWith("Total7768"));
        t.assertRow("Fichiers lus par l'exécution " + Fixture.RUN, "Total", "5", "1", "680", "4", "676");
        t.assertRow("Rejets par motif", "unknown_dataset", "notes", "0", "1");
        assertTrue(programme.headline().contains("Jeunes entrés en contact\u00a0: 77"));
        assertTrue(programme.headline().contains("Orientation confirmée\u00a0: < 11"));
    }

    @Test
    void chartsAreVectorsAndNeverShowAHiddenValue() throws IOException {
        String raw = new String(Files.readAllBytes(alpha.pdf()), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("/Subtype/Image"), "no raster image in the PDF");
        assertTrue(raw.contains("/Subtype/Form"), "charts are PDF form XObjects (vector drawing)");
        Report r = ReportJob.build(db, alpha.request(), java.time.LocalDate.of(2026, 11, 2));
        Report.Chart funnel = r.sections().stream().flatMap(s -> s.blocks().stream())
                .filter(b -> b instanceof Report.Chart c && c.id().equals("funnel_chart")).map(b -> (Report.Chart) b)
                .findFirst().orElseThrow();
        assertEquals(java.util.Arrays.asList(66.0, 17.0, 14.0, null), funnel.values());
        assertEquals("Orientation confirmée (< 11)", funnel.categories().get(3));
    }

    @Test
    void chartLabelsAreEscapedInSvg() {
        String svg = Charts.svg(new Report.Chart("c", "t", Report.Chart.Kind.BAR, List.of(Fixture.SCRIPT, "a&b"),
                java.util.Arrays.asList(3.0, null), "n", "alt"));
        assertFalse(svg.contains(Fixture.SCRIPT));
        assertFalse(svg.contains("a&b"));
    }

    @Test
    void htmlIsSelfContainedEscapedAndHasTheSameFigures() throws IOException {
        String h = Files.readString(programme.html());
        assertTrue(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(h.contains(Fixture.SCRIPT));
        assertFalse(h.contains("<script"), "no script at all");
        assertFalse(h.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resource");
        assertFalse(h.contains("<link"));
        assertTrue(h.contains("<svg"), "charts inline");
        assertTrue(h.contains("<th scope=\"row\">Jeunes entrés en contact</th><td class=\"n\">77</td>"));
        assertTrue(h.contains("<td class=\"n s\">&lt; 11</td>"));
    }

    @Test
    void csvAnnexHasEveryTableWithABomAndNoRunnableFormula() throws IOException {
        byte[] bytes = Files.readAllBytes(programme.csv());
        assertEquals(0xEF, bytes[0] & 0xFF);
        assertEquals(0xBB, bytes[1] & 0xFF);
        assertEquals(0xBF, bytes[2] & 0xFF);
        List<CSVRecord> recs;
        try (Reader r = Files.newBufferedReader(programme.csv(), StandardCharsets.UTF_8)) {
            assertEquals('\uFEFF', r.read());
            recs = CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(r).getRecords();
        }
        List<String> ids = recs.stream().map(x -> x.get(0)).toList();
        for (String id : List.of("key_indicators", "funnel", "unknown_trend", "channels", "projects", "creatives", "costs",
                "costs_by_channel", "partners", "replies", "files", "rejects")) {
            assertTrue(ids.contains(id), id);
        }
        for (CSVRecord rec : recs) {
            for (String cell : rec) {
                if (!cell.isEmpty() && "=+@".indexOf(cell.charAt(0)) >= 0) {
                    throw new AssertionError("runnable cell: " + cell);
                }
                if (cell.startsWith("-")) {
                    assertTrue(cell.matches("-\\d+(,\\d+)?"), "only plain negative numbers start with '-': " + cell);
                }
            }
        }
        assertTrue(ids.contains("'" + Fixture.FORMULA), "the hostile creative id is kept, neutralised");
        CSVRecord contacted = recs.stream().filter(x -> x.get(0).equals("Jeunes entrés en contact")).findFirst().orElseThrow();
        assertEquals(List.of("Jeunes entrés en contact", "77", "40", "92,5", "12", "541,7"), contacted.toList());
        CSVRecord confirmed = recs.stream().filter(x -> x.get(0).equals("Orientation confirmée")).findFirst().orElseThrow();
        assertEquals("< 11", confirmed.get(1));
        assertEquals("'-x", CsvAnnex.safe("-x"));
        assertEquals("'@SUM(A1)", CsvAnnex.safe("@SUM(A1)"));
        assertEquals("'+1+1", CsvAnnex.safe("+1+1"));
        assertEquals("-12,5", CsvAnnex.safe("-12,5"));
    }

    @Test
    void englishReportAndAMonthlyPeriod() {
        ReportFiles en = ReportJob.write(db, ReportRequest.funder(Period.parse("2026-08"), "p-alpha", tmp.resolve("en"), "en"));
        PdfText t = PdfText.of(en.pdf());
        assertTrue(t.all().contains("Project p-alpha — August 2026"));
        // August: tt-2 (5), ig-1 (15): 20 contacted, 8 unknown; July 30 (20); August 2025 12 (12)
        t.assertRow("Key indicators", "Young people contacted", "20", "30", "-33.3%", "12", "+66.7%");
        t.assertRow("Key indicators", "of whom previously unknown", "< 11", "20", "s", "12", "s");
        t.assertRow("Key indicators", "Media spend", "€600.00", "€600.00", "0.0%", "€0.00", "—");
        // the trend starts with the data (August 2025), 13 months
        t.assertRow("Previously unknown young people, by period", "2025-08", "12", "12", "100.0%");
        t.assertRow("Previously unknown young people, by period", "2025-09", "0", "0", "—");
        assertTrue(t.all().contains("Methodology"));
    }

    @Test
    void requestsAreChecked() {
        Path out = tmp.resolve("x");
        assertThrows(IllegalArgumentException.class, () -> new ReportRequest(Q3, null, out, "fr", 11, true),
                "the programme report is never unsuppressed");
        assertThrows(IllegalArgumentException.class, () -> new ReportRequest(Q3, "../etc", out, "fr", 11, false));
        assertThrows(IllegalArgumentException.class, () -> new ReportRequest(Q3, "p-alpha", out, "de", 11, false));
        assertThrows(IllegalArgumentException.class, () -> ReportJob.write(tmp.resolve("none.duckdb"),
                ReportRequest.funder(Q3, null, out, "fr")));
    }
}
