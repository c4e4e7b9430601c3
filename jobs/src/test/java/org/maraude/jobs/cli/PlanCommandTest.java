package org.maraude.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.TestWarehouse;
import org.maraude.jobs.plan.PlanFixtures;
import picocli.CommandLine;

/** {@code maraude plan} on a warehouse holding a small fitted project (see {@link PlanFixtures}). */
class PlanCommandTest {
    @TempDir
    static Path dir;
    static Path warehouse;

    @BeforeAll
    static void warehouse() throws Exception {
        warehouse = dir.resolve("warehouse.duckdb");
        PlanFixtures.writeWarehouse(warehouse, PlanFixtures.fitted(), "run-1");
    }

    record Run(int code, String out, String err) {}

    static Run plan(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(new PlanCommand());
            cl.setErr(new PrintWriter(err));
            java.util.List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--warehouse", warehouse.toString(), "--out", dir.resolve("out").toString()));
            code = cl.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void writesThePlanIntoPlansDuckdbAndACsv() throws Exception {
        Run r = plan("--project", "p", "--budget", "3000", "--weeks", "12", "--min", "facebook=500.50", "--scenario",
                "rentree", "--lang", "fr");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("plan p / rentree: 3 000.00 € over 12 weeks from 2026-08-31, objective contacted_unknown"),
                r.out());
        Path db = dir.resolve("out/plans.duckdb");
        assertEquals("300000", TestWarehouse.scalar(db,
                "SELECT CAST(round(sum(budget_eur) * 100) AS BIGINT) FROM plan WHERE scenario = 'rentree'"));
        assertEquals("true", TestWarehouse.scalar(db, "SELECT min(budget_eur) >= 500.5 FROM plan WHERE channel = 'facebook' "
                + "AND scenario = 'rentree'"));
        assertEquals(List.of(List.of("p", "rentree", "contacted_unknown", "12", "2026-08-31", "run-1")),
                TestWarehouse.query(db, "SELECT project_id, scenario, objective, weeks, CAST(start_week AS VARCHAR), run_id "
                        + "FROM plan_totals WHERE scenario = 'rentree'"));
        byte[] csv = Files.readAllBytes(dir.resolve("out/plans/plan-p-rentree.csv"));
        assertEquals((byte) 0xEF, csv[0]); // UTF-8 byte order mark
        List<String> lines = List.of(new String(csv, StandardCharsets.UTF_8).substring(1).split("\r\n"));
        assertTrue(lines.get(0).startsWith("projet;scenario;objectif;debut_semaine;semaines;canal;preuves;"
                + "budget_recommande_eur;"), lines.get(0));
        assertEquals(4, lines.size()); // header, two channels, total
        assertTrue(lines.get(3).startsWith("p;rentree;contacted_unknown;2026-08-31;12;TOTAL;;3000,00;"), lines.get(3));
        // a second plan of the same scenario replaces the first
        assertEquals(0, plan("--project", "p", "--budget", "2000", "--scenario", "rentree").code());
        assertEquals("2", TestWarehouse.scalar(db, "SELECT count(*) FROM plan WHERE scenario = 'rentree'"));
        assertEquals("2000.0", TestWarehouse.scalar(db, "SELECT budget_eur FROM plan_totals WHERE scenario = 'rentree'"));
    }

    @Test
    void refusesInfeasibleConstraintsWithAClearMessage() {
        Run r = plan("--project", "p", "--budget", "1000", "--min", "tiktok=800", "--min", "facebook=300");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the minimums add up to 1100.00 €, more than the budget 1000.00 €"), r.err());
        r = plan("--project", "p", "--budget", "1000", "--max", "tiktok=300", "--max", "facebook=300");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the maximums add up to 600.00 €, less than the budget 1000.00 €"), r.err());
        r = plan("--project", "nobody");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no paid channel data for project 'nobody' in the warehouse (projects with paid "
                + "channels: p)"), r.err());
        r = plan("--project", "p", "--objective", "happiness");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown objective 'happiness'"), r.err());
        r = plan("--project", "p", "--scenario", "=HYPERLINK(1)");
        assertEquals(2, r.code());
    }

    @Test
    void csvCellsCannotRunAsFormulas() {
        assertEquals("'=SUM(A1)", org.maraude.jobs.plan.PlanCsv.safe("=SUM(A1)"));
        assertEquals("'@cmd", org.maraude.jobs.plan.PlanCsv.safe("@cmd"));
        assertEquals("tiktok", org.maraude.jobs.plan.PlanCsv.safe("tiktok"));
    }

    @Test
    void englishCsvUsesCommasAndDecimalPoints() throws Exception {
        Run r = plan("--project", "p", "--budget", "1234.56", "--scenario", "en", "--lang", "en", "--objective", "contacted");
        assertEquals(0, r.code(), r.err());
        String csv = Files.readString(dir.resolve("out/plans/plan-p-en.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains(",TOTAL,,1234.56,"), csv);
    }
}
