package org.maraude.jobs.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A plan as a CSV file for the project lead's spreadsheet: one row per channel then a total row,
 * UTF-8 with a byte order mark (so spreadsheets read accents). French: {@code ;} and a decimal
 * comma, which a French spreadsheet opens directly; English: {@code ,} and a decimal point. Any
 * text cell starting with {@code = + - @}, a tab or a carriage return is prefixed with {@code '}
 * so that a spreadsheet never runs it as a formula (channel and scenario names come from outside).
 * Empty cell = no figure (thin evidence, or no current split).
 */
public final class PlanCsv {
    private PlanCsv() {}

    static final List<String> HEADER_EN = List.of("project_id", "scenario", "objective", "start_week", "weeks", "channel",
            "evidence", "budget_eur", "expected", "expected_low80", "expected_high80", "current_budget_eur",
            "current_expected", "current_low80", "current_high80", "marginal_cost_eur", "note");
    static final List<String> HEADER_FR = List.of("projet", "scenario", "objectif", "debut_semaine", "semaines", "canal",
            "preuves", "budget_recommande_eur", "attendus", "attendus_bas80", "attendus_haut80", "budget_actuel_eur",
            "attendus_actuel", "actuel_bas80", "actuel_haut80", "cout_marginal_eur", "note");

    public static void write(Planner.Plan plan, Path file, boolean french) {
        char delim = french ? ';' : ',';
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write('\uFEFF');
                try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setDelimiter(delim).get())) {
                    p.printRecord(french ? HEADER_FR : HEADER_EN);
                    for (PlanTables.Line l : plan.lines()) {
                        p.printRecord(row(french, l.projectId(), l.scenario(), l.objective(), l.startWeek().toString(),
                                l.weeks(), l.channel(), l.evidence(), l.budgetEur(), l.expected(), l.expectedLow80(),
                                l.expectedHigh80(), l.currentBudgetEur(), l.currentExpected(), l.currentLow80(),
                                l.currentHigh80(), l.marginalCostEur(), l.note()));
                    }
                    PlanTables.Total t = plan.total();
                    p.printRecord(row(french, t.projectId(), t.scenario(), t.objective(), t.startWeek().toString(),
                            t.weeks(), "TOTAL", null, t.budgetEur(), t.expected(), t.expectedLow80(), t.expectedHigh80(),
                            plan.lines().stream().mapToDouble(l -> l.currentBudgetEur() == null ? 0 : l.currentBudgetEur())
                                    .sum(), t.currentExpected(), t.currentLow80(), t.currentHigh80(), null,
                            t.thinBudgetEur() > 0 ? (french ? "hors canaux à preuves insuffisantes" : "excluding thin-evidence channels")
                                    + " (" + money(t.thinBudgetEur(), french) + " €)" : null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> row(boolean french, Object... cells) {
        List<String> out = new ArrayList<>(cells.length);
        for (Object c : cells) {
            if (c == null) {
                out.add("");
            } else if (c instanceof Double d) {
                out.add(money(d, french));
            } else if (c instanceof Integer i) {
                out.add(i.toString());
            } else {
                out.add(safe(c.toString()));
            }
        }
        return out;
    }

    /** Two decimals, no grouping; decimal comma in French. */
    static String money(double v, boolean french) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return french ? s.replace('.', ',') : s;
    }

    /** A text cell a spreadsheet will not evaluate. */
    public static String safe(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }
}
