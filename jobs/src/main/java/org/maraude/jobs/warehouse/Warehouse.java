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
import org.maraude.jobs.spark.Location;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Publishing, atomically. Each run writes a complete release under
 * {@code <out>/releases/<run_id>/} (Parquet per table, {@code warehouse.duckdb} built from that
 * Parquet on the driver, the dashboards) while it is still named {@code .partial}; only when all
 * of it is written does the run rename it and swap the pointer to it in one atomic rename.
 * Readers see the previous run or the new one, never a mix, and a run that dies leaves the last
 * good release in place. The last {@code publish.keep.runs} releases are kept for {@link #rollback}.
 * <ul>
 * <li>A local output folder: the pointer is the {@code <out>/current} symbolic link;
 * {@code <out>/warehouse.duckdb}, {@code <out>/parquet} and {@code <out>/dashboards} are links
 * through it.</li>
 * <li>Any other Hadoop file system ({@code hdfs:}, {@code s3a:}): the pointer is the small file
 * {@code <out>/CURRENT} holding the release's name, replaced by renaming {@code CURRENT.tmp} over
 * it. The DuckDB file and the pages are made in a local temporary folder of the driver (from a
 * copy of the release's Parquet) and copied into the release before it is committed.</li>
 * </ul>
 */
public final class Warehouse {
    private Warehouse() {}

    public static final String DB_FILE = "warehouse.duckdb";
    public static final String PARQUET = "parquet";
    public static final String DASHBOARDS = "dashboards";
    public static final String DASHBOARDS_FUNDER = "dashboards-funder";
    /** The MLlib models of the run, written by Spark straight into the release (any file system). */
    public static final String MODELS = "models";
    static final String CURRENT = "current";
    /** The pointer file of a non-local output folder: the name of the current release. */
    public static final String POINTER = "CURRENT";
    static final String RELEASES = "releases";
    private static final String PARTIAL = ".partial";
    private static final String REFUSED = ".refused";
    /** What the driver makes locally and a non-local release receives by copy (not the models: Spark writes those). */
    private static final List<String> MADE_ON_DRIVER = List.of(DB_FILE, DASHBOARDS, DASHBOARDS_FUNDER);

    /**
     * A release being written: {@code dir} is where it lives; {@code local} is the driver's folder where the
     * DuckDB file and the pages are made: {@code dir} itself when the output folder is local, else a temporary
     * folder copied into {@code dir} by {@link #commit} or {@link #park}.
     */
    public record Release(String runId, Location dir, Path local) {}

    /** Creates the folder a run writes into; it is invisible to readers until {@link #commit}. */
    public static Release begin(Location out, String runId) {
        Location dir = out.resolve(RELEASES).resolve(runId + PARTIAL);
        try {
            dir.deleteTree();
            dir.mkdirs();
            Path local = dir.localPath().isPresent() ? dir.localPath().get()
                    : Files.createTempDirectory("maraude-release-" + runId + "-");
            return new Release(runId, dir, local);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes each table as Parquet under {@code release/parquet/<table>/}, with the run id. */
    public static void writeParquet(Map<String, Dataset<Row>> tables, String runId, Release release) {
        // Tables are independent, mostly small: written by concurrent jobs, so that cores never wait on one table.
        org.maraude.jobs.spark.Concurrently.map(new ArrayList<>(tables.entrySet()), t -> {
            Dataset<Row> df = t.getValue();
            df.sparkSession().sparkContext().setJobDescription("publish: " + t.getKey());
            Dataset<Row> withRun = java.util.Arrays.asList(df.columns()).contains("run_id") ? df
                    : df.withColumn("run_id", lit(runId));
            oneFile(withRun).write().mode(SaveMode.Overwrite)
                    .parquet(release.dir().resolve(PARQUET).resolve(t.getKey()).uri());
            return t.getKey();
        });
    }

    /**
     * {@code table} in one partition, so that it is one Parquet file. A table computed after a shuffle (an
     * aggregate, a window) is shuffled once more into one partition: merging it with {@code coalesce(1)} would run
     * the steps after its last shuffle in a single task (for {@code reply_times} at scale 100, the final merge of
     * the exact percentiles: 4 s on one core while the other waited). Any other table, a scan of stored rows with at
     * most broadcast joins, is merged as it is read, with no shuffle.
     */
    static Dataset<Row> oneFile(Dataset<Row> table) {
        boolean shuffled = table.queryExecution().executedPlan()
                .find(p -> p instanceof org.apache.spark.sql.execution.exchange.ShuffleExchangeExec).isDefined();
        return shuffled ? table.repartition(1) : table.coalesce(1);
    }

    /**
     * Builds the DuckDB file on the driver from the release's Parquet in bulk (never row by row); the
     * Parquet of a non-local release is copied to the driver first, and that copy removed after.
     */
    public static void buildDuckDb(Release release, Map<String, String> extraSql) {
        Path db = release.local().resolve(DB_FILE);
        Path parquet = release.local().resolve(PARQUET);
        boolean copied = release.dir().localPath().isEmpty();
        try {
            if (copied) {
                release.dir().resolve(PARQUET).download(parquet);
            }
            Files.deleteIfExists(db);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                    Statement s = c.createStatement()) {
                try (DirectoryStream<Path> tables = Files.newDirectoryStream(parquet)) {
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
            if (copied) {
                deleteTree(parquet);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build " + db + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the partial release of a run that failed (best effort: it is invisible to readers anyway). */
    public static void discard(Location out, String runId) {
        Location dir = out.resolve(RELEASES).resolve(runId + PARTIAL);
        try {
            dir.deleteTree();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger("maraude").warn("could not remove {}: {}", dir, e.getMessage());
        }
    }

    /** Makes the release current in one atomic rename of the pointer; prunes old releases. */
    public static Location commit(Location out, Release release, int keep) {
        try {
            copyMadeOnDriver(release);
            Location finalDir = out.resolve(RELEASES).resolve(release.runId());
            finalDir.deleteTree();
            release.dir().moveTo(finalDir);
            pointCurrentAt(out, finalDir);
            prune(out, keep);
            return finalDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish into " + out + ": " + e.getMessage(), e);
        }
    }

    /** For a non-local release: copies in what the driver made locally, then removes the local folder. */
    private static void copyMadeOnDriver(Release release) throws IOException {
        if (release.dir().localPath().isPresent()) {
            return;
        }
        for (String name : MADE_ON_DRIVER) {
            Path made = release.local().resolve(name);
            if (Files.exists(made)) {
                release.dir().resolve(name).upload(made);
            }
        }
        deleteTree(release.local());
    }

    private static void pointCurrentAt(Location out, Location release) throws IOException {
        if (out.localPath().isEmpty()) {
            Location tmp = out.resolve(POINTER + ".tmp");
            tmp.deleteTree();
            tmp.createNew(release.name() + "\n");
            tmp.replace(out.resolve(POINTER));
            return;
        }
        Path dir = out.localPath().get();
        Path tmpLink = dir.resolve(CURRENT + ".new");
        Files.deleteIfExists(tmpLink);
        Files.createSymbolicLink(tmpLink, Path.of(RELEASES).resolve(release.name()));
        Files.move(tmpLink, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String name : List.of(DB_FILE, PARQUET, DASHBOARDS, DASHBOARDS_FUNDER)) {
            Path link = dir.resolve(name);
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
    public static Location park(Location out, Release release) {
        try {
            copyMadeOnDriver(release);
            for (Location p : out.resolve(RELEASES).list()) {
                if (p.name().endsWith(REFUSED)) {
                    p.deleteTree();
                }
            }
            Location parked = out.resolve(RELEASES).resolve(release.runId() + REFUSED);
            release.dir().moveTo(parked);
            return parked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the refused run in " + out + ": " + e.getMessage(), e);
        }
    }

    /** The release readers see now, if any. */
    public static Optional<Location> current(Location out) {
        try {
            if (out.localPath().isPresent()) {
                Path c = out.localPath().get().resolve(CURRENT);
                return Files.exists(c) ? Optional.of(Location.local(c.toRealPath())) : Optional.empty();
            }
            Location pointer = out.resolve(POINTER);
            if (!pointer.exists()) {
                return Optional.empty();
            }
            Location release = out.resolve(RELEASES).resolve(pointer.readString().strip());
            return release.exists() ? Optional.of(release) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Published releases, newest first. */
    public static List<Location> releases(Location out) {
        try {
            List<Location> all = new ArrayList<>();
            for (Location p : out.resolve(RELEASES).list()) {
                if (!p.name().endsWith(PARTIAL) && !p.name().endsWith(REFUSED) && p.resolve(DB_FILE).exists()) {
                    all.add(p);
                }
            }
            all.sort(Comparator.comparing(Location::name).reversed());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code current} back at the release published before the current one. */
    public static Location rollback(Location out) {
        Location now = current(out).orElseThrow(() -> new IllegalStateException("nothing is published in " + out));
        List<Location> all = releases(out);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(now.name()) && i + 1 < all.size()) {
                try {
                    pointCurrentAt(out, all.get(i + 1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return all.get(i + 1);
            }
        }
        throw new IllegalStateException("no earlier release to roll back to in " + out.resolve(RELEASES));
    }

    private static void prune(Location out, int keep) throws IOException {
        List<Location> all = releases(out);
        String now = current(out).map(Location::name).orElse(null);
        for (int i = keep; i < all.size(); i++) {
            if (!all.get(i).name().equals(now)) {
                all.get(i).deleteTree();
            }
        }
        for (Location p : out.resolve(RELEASES).list()) {
            if (p.name().endsWith(PARTIAL)) {
                p.deleteTree(); // left by a run that died
            }
        }
    }

    public static void deleteTree(Path p) throws IOException {
        Location.local(p).deleteTree();
    }
}
