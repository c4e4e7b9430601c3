package org.maraude.jobs.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
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
 *
 * <p>A snapshot is one or more layers, oldest first: a night whose added files bring only rows that no kept
 * row has again (the usual new day) writes those rows alone as a new layer on top of the last snapshot's
 * ({@link #append}), instead of rewriting every row; the rows are then the layers' rows together. After
 * {@link #MAX_LAYERS} layers, or when an added row replaces a kept one, the whole dataset is written again as
 * one layer ({@link #write}).
 */
final class Deduplicated {
    static final String DIR = "_deduplicated";
    private static final String FILES = "_FILES";
    /** First line of {@code _FILES}; bump the version when the de-duplication rule changes. */
    private static final String LAYOUT = "maraude-deduplicated 2";
    /** {@code _FILES} line naming one of the snapshot's layers (a folder beside it, or itself). */
    private static final String LAYER = "layer";
    /** At most this many layers: a night that would add one more writes the dataset again as one. */
    static final int MAX_LAYERS = 8;
    /** Last line of {@code _FILES}. */
    private static final String END = "end";

    private Deduplicated() {}

    /**
     * A kept snapshot: its folder, the ids of the file versions it was computed from and its layers (folders, the
     * oldest first and the snapshot's own last), whose rows together are the dataset's.
     */
    record Snapshot(Location dir, Set<String> fileIds, List<Location> layers) {
        Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
            return spark.read().schema(spec.stagedSchema()).parquet(layers.stream().map(Location::uri)
                    .toArray(String[]::new));
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
                List<Location> layers = new ArrayList<>();
                for (String l : lines.subList(1, lines.size() - 1)) {
                    String[] f = l.split("\t", 2);
                    if (f[0].equals(LAYER)) {
                        layers.add(dir.resolve(f[1]));
                    } else {
                        ids.add(f[0]);
                    }
                }
                if (layers.isEmpty() || !layers.get(layers.size() - 1).equals(d)
                        || !layers.stream().allMatch(l -> exists(l.resolve(FILES)))) {
                    continue; // a layer it stands on is gone
                }
                return Optional.of(new Snapshot(d, ids, layers));
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
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

    private static boolean exists(Location l) {
        try {
            return l.exists();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code rows} (the dataset as of {@code tasks}) as a new snapshot of one layer and removes the others.
     */
    static Snapshot write(Location root, DatasetSpec spec, Dataset<Row> rows, List<FileTask> tasks) {
        return keep(root, spec, rows, tasks, List.of());
    }

    /**
     * Whether {@link #append} may keep {@code newer} (the added files' rows) on top of {@code last}: fewer than
     * {@link #MAX_LAYERS} layers, and no row of {@code last} has a row of {@code newer} again (same natural key,
     * or every contract column equal). Decided by the kept hours of the layers when the added rows' hours meet none
     * of them (the usual new day), else by a Spark job or two scanning the kept rows against the added rows' keys.
     */
    static boolean canAppend(Snapshot last, DatasetSpec spec, Dataset<Row> older, Dataset<Row> newer) {
        return canAppend(last, spec, older, newer, LayerAggregates.MIN_KEPT_BYTES);
    }

    /** The same, keeping the hours of layers of at least {@code minKeptBytes} ({@link LayerAggregates#perLayer}). */
    static boolean canAppend(Snapshot last, DatasetSpec spec, Dataset<Row> older, Dataset<Row> newer,
            long minKeptBytes) {
        if (last.layers().size() >= MAX_LAYERS) {
            return false;
        }
        // Rows with the same key have the same time (and project) too, so the same hour. The hours of each kept layer,
        // kept with the layer, settle the usual new day without reading a kept row; when some hours meet, the probe
        // reads two columns of the kept rows instead of every one. Only when some times meet are the keys compared.
        if (timed(spec) && !overlaps(LayerAggregates.perLayer(older.sparkSession(), spec, last.layers(), older,
                PROBE_HOURS, probeHours(spec), minKeptBytes), probeHours(spec).apply(newer), hourColumns(spec))) {
            return true;
        }
        List<String> probe = probe(spec);
        return probe.size() < key(spec).size() && !overlaps(older, newer, probe) || !overlaps(older, newer, key(spec));
    }

    /** Whether the {@link #probe} ends with a time or date column. */
    private static boolean timed(DatasetSpec spec) {
        List<String> probe = probe(spec);
        org.apache.spark.sql.types.DataType t = spec.stagedSchema().apply(probe.get(probe.size() - 1)).dataType();
        return t instanceof org.apache.spark.sql.types.TimestampType || t instanceof org.apache.spark.sql.types.DateType;
    }

    /** The per-layer aggregate of {@link #probeHours}. */
    static final String PROBE_HOURS = "probe-hours-1";
    private static final String HOUR = "_hour";

    /** The {@link #probe} with its time replaced by the hour. */
    private static List<String> hourColumns(DatasetSpec spec) {
        List<String> probe = probe(spec);
        List<String> hours = new ArrayList<>(probe.subList(0, probe.size() - 1));
        hours.add(HOUR);
        return hours;
    }

    /**
     * The distinct {@link #hourColumns}: the probe's other columns and the hour of its time (hours since 1970, for a
     * date its midnight in UTC, whatever the session's time zone: kept hours are read on later nights). Rows with the
     * same key have the same. Hours, not days: a day of files written in local time (Paris, Réunion, Cayenne) starts
     * and ends within the UTC days of the files before and after it, but not within their hours.
     */
    private static java.util.function.UnaryOperator<Dataset<Row>> probeHours(DatasetSpec spec) {
        List<String> probe = probe(spec);
        String time = probe.get(probe.size() - 1);
        boolean date = spec.stagedSchema().apply(time).dataType() instanceof org.apache.spark.sql.types.DateType;
        Column hour = (date ? unix_date(col(time)).cast("long").multiply(lit(24L))
                : unix_micros(col(time)).divide(lit(3_600_000_000L)).cast("long")).as(HOUR);
        List<Column> columns = new ArrayList<>(probe.subList(0, probe.size() - 1).stream().map(c -> col(c)).toList());
        columns.add(hour);
        return rows -> rows.select(columns.toArray(Column[]::new)).distinct();
    }

    /**
     * Keeps the hours of {@code s}'s layers that are large enough, if not kept yet: the next night's check of its added
     * files then reads no kept row ({@link #canAppend}). Written with a snapshot of every row, so that its first
     * following night does not pay for it.
     */
    static void keepHours(SparkSession spark, DatasetSpec spec, Snapshot s) {
        if (timed(spec)) {
            LayerAggregates.perLayer(spark, spec, s.layers(), s.read(spark, spec), PROBE_HOURS, probeHours(spec));
        }
    }

    private static boolean overlaps(Dataset<Row> older, Dataset<Row> newer, List<String> columns) {
        return !older.join(broadcast(newKeys(newer, columns).distinct()), sameKey(older, columns), "left_semi")
                .isEmpty();
    }

    /** The key's first time or date column and the project: a part of the key that equal rows share; else the key. */
    static List<String> probe(DatasetSpec spec) {
        org.apache.spark.sql.types.StructType schema = spec.stagedSchema();
        List<String> times = key(spec).stream().filter(c -> schema.apply(c).dataType() instanceof
                org.apache.spark.sql.types.TimestampType || schema.apply(c).dataType() instanceof
                org.apache.spark.sql.types.DateType).limit(1).toList();
        if (times.isEmpty()) {
            return key(spec);
        }
        List<String> probe = new ArrayList<>();
        if (key(spec).contains(DatasetSpec.PROJECT_ID)) {
            probe.add(DatasetSpec.PROJECT_ID);
        }
        probe.addAll(times);
        return probe;
    }

    /**
     * Writes {@code newer} (rows that no row of {@code last} has again: {@link #canAppend}) as a new layer on top
     * of {@code last}'s, its snapshot listing {@code tasks}.
     */
    static Snapshot append(Location root, DatasetSpec spec, Snapshot last, Dataset<Row> newer, List<FileTask> tasks) {
        return keep(root, spec, newer, tasks, last.layers());
    }

    private static Snapshot keep(Location root, DatasetSpec spec, Dataset<Row> rows, List<FileTask> tasks,
            List<Location> below) {
        Location dir = root.resolve(spec.name());
        Location target = dir.newTimedFolder();
        rows.write().mode(SaveMode.Overwrite).parquet(target.uri());
        List<Location> layers = new ArrayList<>(below);
        layers.add(target);
        StringBuilder files = new StringBuilder(header(spec)).append('\n');
        layers.forEach(l -> files.append(LAYER).append('\t').append(l.name()).append('\n'));
        tasks.forEach(t -> files.append(t.fileId()).append('\t').append(t.relPath()).append('\n'));
        files.append(END).append('\n');
        try {
            dir.keepOnly(target.resolve(FILES), files.toString(), layers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the de-duplicated " + spec.name() + " rows in " + dir, e);
        }
        return new Snapshot(target, Set.of(), layers);
    }

    /** What makes two rows the same: the natural key, or every contract column (not the file and line). */
    static List<String> key(DatasetSpec spec) {
        return spec.naturalKey().isEmpty() ? java.util.stream.Stream.of(spec.stagedSchema().fieldNames())
                .filter(c -> !c.equals(DatasetSpec.FILE) && !c.equals(DatasetSpec.LINE)).toList() : spec.naturalKey();
    }

    /** {@code newer}'s {@code columns}, renamed {@code _new_<column>}. */
    static Dataset<Row> newKeys(Dataset<Row> newer, List<String> columns) {
        return newer.select(columns.stream().map(k -> newer.col(k).as("_new_" + k)).toArray(Column[]::new));
    }

    /** A row of {@code older} has the {@code columns} of a {@link #newKeys} row (nulls equal, as in a grouping). */
    static Column sameKey(Dataset<Row> older, List<String> columns) {
        return columns.stream().map(k -> older.col(k).eqNullSafe(col("_new_" + k))).reduce(Column::and).orElseThrow();
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
