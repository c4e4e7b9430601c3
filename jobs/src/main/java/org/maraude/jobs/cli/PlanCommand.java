package org.maraude.jobs.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.plan.Objective;
import org.maraude.jobs.plan.PlanCsv;
import org.maraude.jobs.plan.PlanRequest;
import org.maraude.jobs.plan.PlanStore;
import org.maraude.jobs.plan.PlanTables;
import org.maraude.jobs.plan.Planner;
import org.maraude.jobs.warehouse.Warehouse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maraude plan}: splits a budget between a project's paid channels for the coming weeks from
 * the response curves of the published warehouse (read-only, no Spark). Prints the plan, writes it
 * into {@code <out>/plans.duckdb} (replacing the same project and scenario) and as a CSV for the
 * project lead's spreadsheet ({@code <out>/plans/plan-<project>-<scenario>.csv}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Split a budget between a project's paid channels over the coming weeks to reach the most "
            + "young people (by default: previously unknown to the public employment service), from the response "
            + "curves of the published warehouse.",
            "Compares with the current split (the last N weeks' shares scaled to the budget), with 80%% intervals."},
        footer = {"", "Examples:", "  maraude plan --project alternance-go --budget 30000 --weeks 12",
            "  maraude plan --project alternance-go --budget 30000 --min facebook=2000 --max snapchat=15000 "
                    + "--scenario prudent"})
final class PlanCommand implements Callable<Integer> {
    private static final Pattern SCENARIO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

    @Spec
    CommandSpec spec;

    @Option(names = "--project", required = true, paramLabel = "P", description = "project_id")
    String project;

    @Option(names = "--budget", paramLabel = "EUR",
            description = "total to split over the weeks, in euros (default: the project's paid spend in the last N complete weeks)")
    BigDecimal budget;

    @Option(names = "--weeks", paramLabel = "N", defaultValue = "12", description = "weeks to plan (default ${DEFAULT-VALUE})")
    int weeks;

    @Option(names = "--min", paramLabel = "CH=EUR", description = "at least this much on a channel over the period (repeatable)")
    List<String> min;

    @Option(names = "--max", paramLabel = "CH=EUR", description = "at most this much on a channel over the period (repeatable)")
    List<String> max;

    @Option(names = "--objective", paramLabel = "O", defaultValue = "contacted_unknown",
            description = "contacted_unknown (default), contacted, accompanied or handed_off")
    String objective;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = PlanRequest.DEFAULT_SCENARIO,
            description = "name of this plan in plans.duckdb and the CSV file (default ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--start", paramLabel = "YYYY-MM-DD",
            description = "first week of the plan (its Monday; default: the week after the data end)")
    String start;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: config 'out'): plans.duckdb and plans/")
    String out;

    @Option(names = "--warehouse", paramLabel = "FILE", description = "DuckDB file (default <out>/warehouse.duckdb)")
    Path warehouse;

    @Option(names = "--csv", paramLabel = "FILE", description = "CSV file (default <out>/plans/plan-<project>-<scenario>.csv)")
    Path csv;

    @Option(names = "--lang", description = "fr (default: config 'lang') or en: CSV headers, separator and decimal mark")
    String lang;

    @Option(names = "--config", paramLabel = "FILE", description = "config file (properties; see README)")
    Path config;

    @Override
    public Integer call() {
        MaraudeConfig c = MaraudeConfig.load(config, System.getenv()).with("out", out).with("lang", lang);
        PlanRequest req;
        try {
            if (!SCENARIO.matcher(scenario).matches()) {
                throw new IllegalArgumentException("--scenario: letters, digits, '.', '_' or '-' (at most 40): " + scenario);
            }
            LocalDate from = start == null ? null : LocalDate.parse(start);
            req = new PlanRequest(project, scenario, Objective.parse(objective), budget, weeks, from,
                    Planner.bounds(min, "--min"), Planner.bounds(max, "--max"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path outDir = Path.of(c.out());
        Path db = warehouse != null ? warehouse : outDir.resolve(Warehouse.DB_FILE);
        Planner.Plan plan;
        PlanStore.Published pub;
        try {
            pub = PlanStore.read(db, req.projectId(), req.objective());
            plan = Planner.plan(pub.data(), req);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path plans = outDir.resolve(PlanStore.PLANS_DB);
        PlanStore.write(plans, plan, pub.runId());
        Path file = csv != null ? csv : outDir.resolve("plans").resolve("plan-" + req.projectId() + "-" + req.scenario() + ".csv");
        PlanCsv.write(plan, file, !"en".equals(c.get("lang")));
        print(System.out, plan, pub.runId());
        System.out.println("plan:  " + plans + " (tables plan, plan_totals)");
        System.out.println("csv:   " + file);
        return Maraude.OK;
    }

    static void print(PrintStream o, Planner.Plan p, String runId) {
        PlanTables.Total t = p.total();
        o.printf(Locale.ROOT, "plan %s / %s: %s over %d weeks from %s, objective %s (curves of run %s, data to %s)%n",
                t.projectId(), t.scenario(), eur(t.budgetEur()), t.weeks(), t.startWeek(), t.objective(), runId,
                p.dataEnd());
        o.printf(Locale.ROOT, "  %-10s %-5s %12s %22s %12s %22s %14s%n", "channel", "evid.", "recommended",
                "expected [80%]", "current", "expected [80%]", "marginal cost");
        for (PlanTables.Line l : p.lines()) {
            o.printf(Locale.ROOT, "  %-10s %-5s %12s %22s %12s %22s %14s%n", l.channel(), l.evidence(), eur(l.budgetEur()),
                    range(l.expected(), l.expectedLow80(), l.expectedHigh80()),
                    l.currentBudgetEur() == null ? "-" : eur(l.currentBudgetEur()),
                    range(l.currentExpected(), l.currentLow80(), l.currentHigh80()),
                    l.marginalCostEur() == null ? "-" : eur(l.marginalCostEur()));
        }
        o.printf(Locale.ROOT, "  %-10s %-5s %12s %22s %12s %22s%n", "total", "", eur(t.budgetEur()),
                range(t.expected(), t.expectedLow80(), t.expectedHigh80()), eur(t.budgetEur()),
                range(t.currentExpected(), t.currentLow80(), t.currentHigh80()));
        if (t.uplift() != null) {
            o.printf(Locale.ROOT, "  expected gain over the current split: %s%n", range(t.uplift(), t.upliftLow80(),
                    t.upliftHigh80()));
        }
        o.println("  marginal cost: euros for one more " + t.objective() + " youth at the recommended split; "
                + "intervals: uncertainty of the curves (" + t.draws() + " bootstrap draws)");
        for (PlanTables.Line l : p.lines()) {
            if (l.note() != null) {
                o.println("  note " + l.channel() + ": " + l.note());
            }
        }
        for (String w : p.warnings()) {
            o.println("  warning: " + w);
        }
    }

    private static String eur(double v) {
        return String.format(Locale.ROOT, "%,.2f €", v).replace(',', ' ');
    }

    private static String range(Double e, Double lo, Double hi) {
        if (e == null) {
            return "-";
        }
        return lo == null ? String.format(Locale.ROOT, "%.1f", e)
                : String.format(Locale.ROOT, "%.1f [%.1f–%.1f]", e, lo, hi);
    }
}
