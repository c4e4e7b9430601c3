package org.maraude.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.warehouse.Warehouse;
import org.maraude.reports.MailSettings;
import org.maraude.reports.Period;
import org.maraude.reports.ReportFiles;
import org.maraude.reports.ReportJob;
import org.maraude.reports.ReportMailer;
import org.maraude.reports.ReportRequest;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maraude report}: the period's report from the published warehouse (no Spark), written to
 * {@code <out>/reports/}; with {@code --send}, mailed to the funder ({@code mail.to}) once per
 * period and scope (sent log: {@code <out>/mail-log.duckdb}). One project without {@code --send}
 * is the project lead's own report: not suppressed, marked "usage interne".
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the report of a period (PDF, HTML, CSV annex) from the published warehouse; "
            + "--send mails it to the funder.",
            "Funder-level (--all, or --send): counts 1..k-1 shown as '< k'. One project without --send: the lead's "
                    + "internal report, not suppressed."},
        footer = {"", "Mail settings (config file): mail.smtp.host, mail.smtp.port, mail.smtp.user, "
            + "mail.security=starttls|ssl|none, mail.from, mail.to, mail.staff.to, mail.password.file; "
            + "the password may also come from MARAUDE_MAIL_PASSWORD (never from the command line)."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--period", required = true, paramLabel = "PERIOD",
            description = "a month (2026-10), a quarter (2026-Q3) or a year (2026)")
    String period;

    @ArgGroup(exclusive = true)
    Scope scope;

    static final class Scope {
        @Option(names = "--project", paramLabel = "P", description = "one project's report")
        String project;

        @Option(names = "--all", description = "the whole programme, a young person counted once (default)")
        boolean all;
    }

    @Option(names = "--out", paramLabel = "DIR",
            description = "output folder (default: config 'out'): report in DIR/reports, sent log DIR/mail-log.duckdb")
    String out;

    @Option(names = "--lang", description = "fr (default) or en")
    String lang;

    @Option(names = "--send", description = "mail the funder-level report (PDF and CSV attached) to mail.to")
    boolean send;

    @Option(names = "--force", description = "with --send: send again even if the sent log has this period and scope")
    boolean force;

    @Option(names = "--config", paramLabel = "FILE", description = "config file (properties; see README)")
    Path config;

    @Option(names = "--warehouse", paramLabel = "FILE", description = "DuckDB file (default <out>/warehouse.duckdb)")
    Path warehouse;

    @Override
    public Integer call() {
        MaraudeConfig c = MaraudeConfig.load(config, System.getenv()).with("out", out).with("lang", lang);
        String project = scope == null ? null : scope.project;
        ReportRequest req;
        try {
            Period p = Period.parse(period);
            req = new ReportRequest(p, project, Path.of(c.out()).resolve("reports"), c.get("lang"),
                    c.getInt("suppression.k"), project != null && !send);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (force && !send) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--force only applies with --send");
        }
        Path db = warehouse != null ? warehouse : Path.of(c.out()).resolve(Warehouse.DB_FILE);
        ReportFiles files = ReportJob.write(db, req);
        System.out.println("report " + req.period().key() + " (" + req.scope() + ", run " + files.runId() + "):");
        System.out.println("  pdf:  " + files.pdf());
        System.out.println("  html: " + files.html());
        System.out.println("  csv:  " + files.csv());
        if (req.internal()) {
            System.out.println("INTERNAL report (small counts not suppressed): for the project's own use only. "
                    + "The funder's version is what --send mails.");
        }
        if (send) {
            MailSettings mail = MailSettings.from(c.values(), System.getenv());
            ReportMailer.SendResult r = ReportMailer.send(files, mail, Path.of(c.out()).resolve("mail-log.duckdb"), force);
            if (r.status() == ReportMailer.Status.SENT) {
                System.out.println("sent to " + r.recipients());
            } else {
                System.out.println("not sent: already sent on " + r.at() + " to " + r.recipients()
                        + " (use --force to send it again)");
            }
        }
        return Maraude.OK;
    }
}
