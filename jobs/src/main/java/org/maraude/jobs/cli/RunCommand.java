package org.maraude.jobs.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.pipeline.NightlyJob;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.spark.Location;
import org.maraude.jobs.spark.Sessions;
import org.maraude.jobs.warehouse.Warehouse;
import org.maraude.reports.Alerts;
import org.maraude.reports.MailSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code maraude run}: the nightly job. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the nightly pipeline on an inbox and publish the warehouse and dashboards atomically.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--inbox", paramLabel = "DIR", description = "inbox folder (default: config 'inbox')")
    String inbox;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. spark://host:7077 (default local[*])")
    String master;

    @Override
    public Integer call() {
        MaraudeConfig config = options.load().with("inbox", inbox).with("spark.master", master);
        return runAndReport(config);
    }

    static int runAndReport(MaraudeConfig given) {
        MaraudeConfig config = Sessions.resolveCodegen(given, () -> IngestJob.inboxTextBytes(
                Location.of(given.inbox(), new org.apache.hadoop.conf.Configuration())));
        SparkSession spark = Sessions.create(config, "maraude nightly");
        MailSettings mail = MailSettings.from(config.values(), System.getenv());
        Location out = Location.of(config.out(), spark.sparkContext().hadoopConfiguration());
        Optional<String> before = Warehouse.current(out).map(Location::name);
        String fault = null;
        try {
            NightlyJob.Summary s;
            try {
                s = NightlyJob.run(spark, config);
            } catch (NightlyJob.RunFailedException e) {
                alert(mail, () -> Alerts.runFailed(mail, e.runId(), e.stage(), e.getCause(), e.log(), null));
                fault = outputFault(e, out, before, Warehouse.current(out).map(Location::name));
                if (fault == null) {
                    throw e;
                }
                return Maraude.FAILED;
            }
            System.out.printf(java.util.Locale.ROOT,
                    "run %s: %d files (%d parsed, %d reused, %d refused), %d rows read, %d rejected (%.2f%%), %d kept, %.1f s%n",
                    s.runId(), s.files(), s.filesParsed(), s.filesReused(), s.filesRejected(), s.rowsRead(),
                    s.rowsRejected(), 100 * s.rejectedShare(), s.rowsKept(), s.seconds());
            System.out.println("log: " + s.logUri());
            if (s.outcome() == NightlyJob.Outcome.TOO_MANY_REJECTS) {
                System.out.println("NOT PUBLISHED: rejected share above rejects.max.share ("
                        + config.get("rejects.max.share") + "); the last good warehouse stays in place. "
                        + "This run's tables, for inspection: " + s.releaseUri());
                // A release that is not local is summed up from the run's own counts rather than its DuckDB file.
                alert(mail, () -> Alerts.tooManyRejects(mail, s.release() == null
                        ? Alerts.RunDigest.of(s.runId(), s.files(), s.filesRejected(), s.rowsRead(), s.rowsRejected())
                        : Alerts.RunDigest.read(s.release().resolve("warehouse.duckdb"), s.runId()),
                        config.getDouble("rejects.max.share"), s.log(), s.release()));
                return Maraude.TOO_MANY_REJECTS;
            }
            String release = s.releaseUri() + "/";
            System.out.println("warehouse: " + release + "warehouse.duckdb");
            System.out.println("dashboards: " + release + "dashboards/index.html");
            System.out.println("for the funder (no project pages): " + release + "dashboards-funder/index.html");
            return Maraude.OK;
        } finally {
            spark.stop();
            if (fault != null) {
                System.err.println(fault); // the last line, after what Spark logs while it stops jobs still running
            }
        }
    }

    /**
     * The one line for a run that failed because the output folder is full, read-only or not writable (the disk,
     * not the data): what to do, and which release readers still see. Null for any other failure. The cause chain
     * is searched by message too, since Spark and Hadoop wrap the file system's error in their own exceptions.
     */
    static String outputFault(Throwable e, Location out, Optional<String> before, Optional<String> now) {
        Optional<Path> dir = out.localPath().map(p -> p.toAbsolutePath().normalize());
        String fault = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            String f = m.contains("No space left on device") ? "is full (No space left on device): free space"
                    : m.contains("Read-only file system") ? "is read-only (Read-only file system): make it writable"
                    : t instanceof AccessDeniedException ? "is not writable (Permission denied): let the run write there"
                    : null;
            if (f != null && t instanceof FileSystemException x && x.getFile() != null
                    && !dir.map(Path.of(x.getFile()).toAbsolutePath().normalize()::startsWith).orElse(false)) {
                return null; // another folder (an inbox file, Spark's temporary folder): not the output's fault
            }
            fault = fault == null ? f : fault;
        }
        if (fault == null) {
            return null;
        }
        String left = !now.equals(before) ? now.map(r -> "the published warehouse is now release " + r)
                .orElse("nothing is published")
                : now.map(r -> "the last good warehouse is unchanged (release " + r + ")").orElse("nothing was published");
        return "maraude: the output folder " + dir.map(Path::toString).orElse(out.toString()) + " " + fault
                + " or choose another --out; " + left;
    }

    /** Mails the data staff when configured; a mail failure is reported but never hides the run's own outcome. */
    private static void alert(MailSettings mail, java.util.function.BooleanSupplier send) {
        if (mail.staffTo().isEmpty() || mail.host() == null) {
            return;
        }
        try {
            send.getAsBoolean();
            System.out.println("alert sent to " + String.join(", ", mail.staffTo()));
        } catch (RuntimeException e) {
            System.err.println("maraude: could not send the alert: " + e.getMessage());
        }
    }
}
