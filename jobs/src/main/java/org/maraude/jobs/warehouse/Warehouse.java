package org.maraude.jobs.warehouse;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Publishing, atomically. Each run writes a complete release under
 * {@code <out>/releases/<run_id>/} (Parquet per table, {@code warehouse.duckdb} built from that
 * Parquet on the driver, the dashboards) while it is still named {@code .partial}; only when all
 * of it is written does the run rename it and swap the {@code <out>/current} symbolic link in one
 * atomic rename. {@code <out>/warehouse.duckdb}, {@code <out>/parquet} and {@code <out>/dashboards}
 * are links through {@code current}, so readers see the previous run or the new one, never a mix,
 * and a run that dies leaves the last good release in place. The last
 * {@code publish.keep.runs} releases are kept for {@link #rollback}.
 */
public final class Warehouse {
    private Warehouse() {}

    public static final String DB_FILE = "warehouse.duckdb";
    public static final String PARQUET = "parquet";
    public static final String DASHBOARDS = "dashboards";
    public static final String DASHBOARDS_FUNDER = "dashboards-funder";
    static final String CURRENT = "current";
    static final String RELEASES = "releases";
    private static final String PARTIAL = ".partial";
    private static final String REFUSED = ".refused";

    /** Creates the folder a run writes into; it is invisible to readers until {@link #commit}. */
    public static Path begin(Path out, String runId) {
        Path dir = out.resolve(RELEASES).resolve(runId + PARTIAL);
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** Writes each table as Parquet under {@code release/parquet/<table>/}, with the run id. */
    public static void writeParquet(Map<String, Dataset<Row>> tables, String runId, Path release) {
        tables.forEach((name, df) -> {
            df.sparkSession().sparkContext().setJobDescription("publish: " + name);
            Dataset<Row> withRun = java.util.Arrays.asList(df.columns()).contains("run_id") ? df
                    : df.withColumn("run_id", lit(runId));
            withRun.coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(release.resolve(PARQUET).resolve(name).toUri().toString());
        });
    }

    /** Builds the DuckDB file from the release's Parquet in bulk (never row by row). */
    public static void buildDuckDb(Path release, Map<String, String> extraSql) {
        Path db = release.resolve(DB_FILE);
        try {
            Files.deleteIfExists(db);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                    Statement s = c.createStatement()) {
                try (DirectoryStream<Path> tables = Files.newDirectoryStream(release.resolve(PARQUET))) {
                    List<Path> sorted = new ArrayList<>();
                    tables.forEach(sorted::add);
                    sorted.sort(Comparator.naturalOrder());
                    for (Path t : sorted) {
                        String glob = t.toAbsolutePath().resolve("*.parquet").toString().replace("'", "''");
                        s.execute("CREATE TABLE \"" + t.getFileName() + "\" AS SELECT * FROM read_parquet('" + glob + "')");
                    }
                }
                for (String sql : extraSql.values()) {
                    s.execute(sql);
                }
                s.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build " + db + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the release current in one atomic rename of the {@code current} link; prunes old releases. */
    public static Path commit(Path out, Path partial, String runId, int keep) {
        try {
            Path finalDir = out.resolve(RELEASES).resolve(runId);
            deleteTree(finalDir);
            Files.move(partial, finalDir, StandardCopyOption.ATOMIC_MOVE);
            pointCurrentAt(out, finalDir);
            prune(out, keep);
            return finalDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish into " + out + ": " + e.getMessage(), e);
        }
    }

    private static void pointCurrentAt(Path out, Path release) throws IOException {
        Path tmpLink = out.resolve(CURRENT + ".new");
        Files.deleteIfExists(tmpLink);
        Files.createSymbolicLink(tmpLink, out.resolve(RELEASES).relativize(release).isAbsolute()
                ? release : Path.of(RELEASES).resolve(release.getFileName()));
        Files.move(tmpLink, out.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String name : List.of(DB_FILE, PARQUET, DASHBOARDS, DASHBOARDS_FUNDER)) {
            Path link = out.resolve(name);
            if (!Files.isSymbolicLink(link)) {
                if (Files.exists(link)) {
                    throw new IOException(link + " exists and is not the link maraude manages; move it away");
                }
                Files.createSymbolicLink(link, Path.of(CURRENT).resolve(name));
            }
        }
    }

    /**
     * Keeps a complete release that must not be published (too many rejects) under
     * {@code releases/<run_id>.refused/} for inspection; only the latest refused one is kept.
     */
    public static Path park(Path out, Path partial, String runId) {
        try {
            try (Stream<Path> s = Files.list(out.resolve(RELEASES))) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(REFUSED)).toList()) {
                    deleteTree(p);
                }
            }
            Path parked = out.resolve(RELEASES).resolve(runId + REFUSED);
            Files.move(partial, parked, StandardCopyOption.ATOMIC_MOVE);
            return parked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the refused run in " + out + ": " + e.getMessage(), e);
        }
    }

    /** The release readers see now, if any. */
    public static Optional<Path> current(Path out) {
        Path c = out.resolve(CURRENT);
        try {
            return Files.exists(c) ? Optional.of(c.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Published releases, newest first. */
    public static List<Path> releases(Path out) {
        Path dir = out.resolve(RELEASES);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(PARTIAL) && !p.getFileName().toString().endsWith(REFUSED))
                    .filter(p -> Files.exists(p.resolve(DB_FILE)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code current} back at the release published before the current one. */
    public static Path rollback(Path out) {
        Path now = current(out).orElseThrow(() -> new IllegalStateException("nothing is published in " + out));
        List<Path> all = releases(out);
        for (int i = 0; i < all.size(); i++) {
            try {
                if (all.get(i).toRealPath().equals(now) && i + 1 < all.size()) {
                    pointCurrentAt(out, all.get(i + 1));
                    return all.get(i + 1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no earlier release to roll back to in " + out.resolve(RELEASES));
    }

    private static void prune(Path out, int keep) throws IOException {
        List<Path> all = releases(out);
        Path now = current(out).orElse(null);
        for (int i = keep; i < all.size(); i++) {
            if (!all.get(i).toRealPath().equals(now)) {
                deleteTree(all.get(i));
            }
        }
        try (Stream<Path> s = Files.list(out.resolve(RELEASES))) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(PARTIAL)).toList()) {
                deleteTree(p); // left by a run that died
            }
        }
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
