package org.maraude.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.pipeline.NightlyJob;
import org.maraude.jobs.spark.Sessions;
import org.maraude.jobs.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code maraude validate}: a dry run for project staff before they upload. Reads the inbox with
 * the nightly job's own ingest into a temporary folder, prints per file what would be accepted
 * and refused and why, publishes nothing. Exit 0 when nothing would be refused, 3 otherwise.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an inbox against the data contract without publishing anything.")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--inbox", paramLabel = "DIR", required = true) Path inbox;
    @Option(names = "--config", paramLabel = "FILE") Path config;
    @Option(names = "--details", defaultValue = "5", description = "refused rows listed per file (default ${DEFAULT-VALUE})")
    int details;

    @Override
    public Integer call() throws IOException {
        MaraudeConfig c = MaraudeConfig.load(config, System.getenv());
        Path tmp = Files.createTempDirectory("maraude-validate");
        SparkSession spark = Sessions.create(Sessions.resolveCodegen(c,
                () -> IngestJob.inboxTextBytes(org.maraude.jobs.spark.Location.local(inbox))), "maraude validate");
        try {
            IngestJob.Result r = IngestJob.run(spark, inbox, tmp.resolve("staging"), NightlyJob.limits(c));
            List<Row> files = r.files().orderBy("file").collectAsList();
            List<Row> rejects = r.rejects().filter("line IS NOT NULL").orderBy("file", "line").collectAsList();
            System.out.printf("%-60s %9s %9s %9s  %s%n", "file", "read", "refused", "kept", "file refused because");
            long refusedRows = 0;
            long refusedFiles = 0;
            for (Row f : files) {
                String reason = f.getAs("file_reason");
                long rej = f.getAs("rows_rejected") == null ? 0 : f.<Long>getAs("rows_rejected");
                refusedRows += rej;
                refusedFiles += reason == null ? 0 : 1;
                System.out.printf("%-60s %9d %9d %9d  %s%n", f.<String>getAs("file"), f.<Long>getAs("rows_read"), rej,
                        f.<Long>getAs("rows_kept"), reason == null ? "" : reason);
                String name = f.getAs("file");
                rejects.stream().filter(x -> name.equals(x.getAs("file"))).limit(details).forEach(x ->
                        System.out.printf("    line %d, %s: %s — %s%n", x.<Long>getAs("line"),
                                x.getAs("column") == null ? "row" : x.<String>getAs("column"), x.<String>getAs("reason"),
                                x.<String>getAs("message")));
            }
            r.rejects().filter("line IS NULL").orderBy("file").collectAsList().forEach(x -> System.out.printf(
                    "    %s: %s — %s%n", x.<String>getAs("file"), x.<String>getAs("reason"), x.<String>getAs("message")));
            System.out.printf("%d file(s), %d refused; %d row(s) refused%n", files.size(), refusedFiles, refusedRows);
            return refusedRows + refusedFiles == 0 ? Maraude.OK : Maraude.TOO_MANY_REJECTS;
        } finally {
            spark.stop();
            try {
                Warehouse.deleteTree(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
