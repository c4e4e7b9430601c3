package org.maraude.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.maraude.jobs.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code maraude status}: the recent runs, from the warehouse. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the recent runs recorded in the warehouse.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--last", defaultValue = "10", description = "how many runs (default ${DEFAULT-VALUE})")
    int last;

    @Override
    public Integer call() throws SQLException {
        Path db = Path.of(options.load().out()).resolve(Warehouse.DB_FILE);
        if (!Files.exists(db)) {
            System.out.println("no published warehouse at " + db);
            return Maraude.FAILED;
        }
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), ro);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started, outcome, "
                        + "files, files_parsed, files_rejected, rows_read, rows_rejected FROM run_summary "
                        + "ORDER BY started_at DESC LIMIT " + last)) {
            System.out.printf("%-26s %-19s %-17s %6s %7s %8s %10s %9s%n", "run", "started (UTC)", "outcome", "files",
                    "parsed", "refused", "rows read", "rejected");
            while (r.next()) {
                System.out.printf("%-26s %-19s %-17s %6d %7d %8d %10d %9d%n", r.getString(1), r.getString(2),
                        r.getString(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8));
            }
        }
        return Maraude.OK;
    }
}
