package org.maraude.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.contract.DatasetSpec;
import org.maraude.jobs.spark.Location;

/**
 * A dataset's de-duplicated rows as of a set of inbox files, kept between nights under
 * {@code staging/_deduplicated/<dataset>/<id>/} with the list of those files ({@code _FILES}, written last and
 * ending with {@code end}: a folder without it is an interrupted write and is ignored). Like the staged files,
 * it is a cache: a function of the files it lists, so a night may start from it whatever happened to earlier
 * releases. Which nights may start from it is {@link #added}'s rule.
 */
final class Deduplicated {
    static final String DIR = "_deduplicated";
    private static final String FILES = "_FILES";
    /** First line of {@code _FILES}; bump the version when the de-duplication rule changes. */
    private static final String LAYOUT = "maraude-deduplicated 1";
    /** Last line of {@code _FILES}. */
    private static final String END = "end";

    private Deduplicated() {}

    /** A kept snapshot: its folder and the ids of the file versions it was computed from. */
    record Snapshot(Location dir, Set<String> fileIds) {
        Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
            return spark.read().schema(spec.stagedSchema()).parquet(dir.uri());
        }
    }

    /** The newest complete snapshot of {@code spec} with the current layout and staged schema, if any. */
    static Optional<Snapshot> latest(Location root, DatasetSpec spec) {
        Location dir = root.resolve(spec.name());
        try {
            if (!dir.isDirectory()) {
                return Optional.empty();
            }
            List<Location> found = new ArrayList<>(dir.list());
            found.sort(Comparator.comparing(Location::name).reversed());
            for (Location d : found) {
                Location files = d.resolve(FILES);
                if (!files.exists()) {
                    continue;
                }
                List<String> lines = files.readString().lines().toList();
                if (lines.size() < 2 || !lines.get(0).equals(header(spec)) || !lines.get(lines.size() - 1).equals(END)) {
                    continue; // another layout, or cut short
                }
                Set<String> ids = new HashSet<>();
                lines.subList(1, lines.size() - 1).forEach(l -> ids.add(l.split("\t", 2)[0]));
                return Optional.of(new Snapshot(d, ids));
            }
            return Optional.empty();
        } catch (IOException e) {
            // unreadable: de-duplicated from the staged files instead, as on a first night
            org.slf4j.LoggerFactory.getLogger(Deduplicated.class).warn("ignoring the kept {} rows in {}: {}", spec.name(),
                    dir, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The files of {@code tasks} that the snapshot lacks, when the snapshot's rows plus theirs are the dataset:
     * every file the snapshot was computed from is still there unchanged, and each added file is newer than all
     * of them (modification time, then path: the order in which a copy of a row replaces another), so an added
     * file's row replaces an equal one of the snapshot and is never replaced by it. Null otherwise (a file was
     * removed or changed, or arrived with an older time): the dataset is then de-duplicated from all its files.
     */
    static List<FileTask> added(Snapshot s, List<FileTask> tasks) {
        Set<String> now = new HashSet<>();
        tasks.forEach(t -> now.add(t.fileId()));
        if (!now.containsAll(s.fileIds())) {
            return null;
        }
        Comparator<FileTask> order = Comparator.comparingLong(FileTask::modifiedMillis).thenComparing(FileTask::relPath);
        FileTask newestKept = tasks.stream().filter(t -> s.fileIds().contains(t.fileId())).max(order).orElse(null);
        List<FileTask> added = tasks.stream().filter(t -> !s.fileIds().contains(t.fileId())).toList();
        if (newestKept != null && added.stream().anyMatch(t -> order.compare(t, newestKept) <= 0)) {
            return null;
        }
        return added;
    }

    /**
     * Writes {@code rows} (the dataset as of {@code tasks}) as a new snapshot, removes the others, and returns the
     * rows read back from it.
     */
    static Dataset<Row> write(Location root, DatasetSpec spec, Dataset<Row> rows, List<FileTask> tasks) {
        Location dir = root.resolve(spec.name());
        Location target = dir.resolve(String.format("%016x-%08x", System.currentTimeMillis(), System.nanoTime() & 0xffffffffL));
        rows.write().mode(SaveMode.Overwrite).parquet(target.uri());
        StringBuilder files = new StringBuilder(header(spec)).append('\n');
        tasks.forEach(t -> files.append(t.fileId()).append('\t').append(t.relPath()).append('\n'));
        files.append(END).append('\n');
        try {
            if (!target.resolve(FILES).createNew(files.toString())) {
                throw new IOException(target.resolve(FILES) + " already exists");
            }
            for (Location other : dir.list()) {
                if (!other.equals(target)) {
                    other.deleteTree();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the de-duplicated " + spec.name() + " rows in " + dir, e);
        }
        return new Snapshot(target, Set.of()).read(rows.sparkSession(), spec);
    }

    /** Removes the dataset's snapshots (its files are gone: none can serve again). */
    static void remove(Location root, DatasetSpec spec) {
        try {
            root.resolve(spec.name()).deleteTree();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root.resolve(spec.name()), e);
        }
    }

    /** The layout and the staged schema: a snapshot written by a build with other columns is not read. */
    private static String header(DatasetSpec spec) {
        return LAYOUT + "\t" + spec.stagedSchema().toDDL();
    }
}
