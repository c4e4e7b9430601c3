package org.maraude.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code maraude} command. Exit codes: 0 ok, 1 failed, 2 usage error, 3 too many rejects
 * (the run's results were not published), 4 another run holds the lock.
 */
@Command(name = "maraude", mixinStandardHelpOptions = true, version = "maraude 0.1.0 (data contract v1)",
        description = "Campaign analytics for maraudes numériques: ingest, funnel, dashboards, report.",
        subcommands = {RunCommand.class, DemoCommand.class, SampleCommand.class, ValidateCommand.class, PseudonymiseCommand.class, ReportCommand.class, ScoresCommand.class, PlanCommand.class, DashboardsCommand.class, StatusCommand.class,
            RollbackCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 usage error, 3 too many rejects (not published),",
            "4 another run is in progress.", "",
            "Notebooks over the warehouse: ./maraude notebooks --help (notebooks-java/README.md)."})
public final class Maraude implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int TOO_MANY_REJECTS = 3;
    public static final int LOCKED = 4;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Maraude());
        cl.setExitCodeExceptionMapper(e -> e instanceof IllegalStateException && String.valueOf(e.getMessage())
                .startsWith("another maraude run") ? LOCKED : FAILED);
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            cmd.getErr().println("maraude: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger("maraude").debug("failure", e);
            return cmd.getExitCodeExceptionMapper().getExitCode(e);
        });
        return cl;
    }
}
