package org.maraude.jobs.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.contract.DatasetSpec;
import org.maraude.jobs.spark.Concurrently;
import org.maraude.jobs.ingest.connectors.ConnectorOptions;
import org.maraude.jobs.ingest.connectors.NativeConnectors;
import org.maraude.jobs.spark.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1, ingest: reads every file of the inbox, validates it against the contract and stages it
 * as Parquet under {@code <out>/staging/<dataset>/file_id=<id>/}. A file version already staged
 * (same path, size and modification time) is not parsed again. Returns each dataset with rows of
 * refused files removed and duplicates counted once (the newest file wins on the dataset's natural
 * key), plus the {@code rejects}, {@code ingest_warnings} and per-file records of the run. The de-duplicated
 * rows are kept in staging too, with the list of files they came from: a night whose only change is newer files
 * merges those into them instead of de-duplicating every row again. Never modifies the inbox.
 */
public final class IngestJob {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    private IngestJob() {}

    /** What ingest hands to the next stages. Dataset frames have {@link DatasetSpec#stagedSchema()}. */
    public record Result(Map<String, Dataset<Row>> datasets, Dataset<Row> rejects, Dataset<Row> warnings,
            Dataset<Row> files, long filesParsed, long filesReused, Map<String, List<Location>> stagedFolders,
            Map<String, Counted> counted, Map<String, List<Location>> layers) {
        public Dataset<Row> get(DatasetSpec spec) {
            return datasets.get(spec.name());
        }

        /**
         * The folders whose rows together are the dataset, oldest first ({@link Deduplicated}'s layers): a night that
         * added a layer finds the previous night's layers below it, unchanged, with the same names. Empty when the
         * dataset has no files or was not read from kept layers.
         */
        public List<Location> layers(DatasetSpec spec) {
            return layers.getOrDefault(spec.name(), List.of());
        }

        /** The staged Parquet folders ({@code file_id=…}) of the inbox's current files, per dataset. */
        public List<Location> staged(DatasetSpec spec) {
            return stagedFolders.getOrDefault(spec.name(), List.of());
        }
    }

    /**
     * How a dataset's rows were counted once: from all its files; by merging the files added since the last
     * night into that night's rows (some of their rows replaced kept ones); by adding those files' rows to the last
     * night's as they are (none of theirs was already kept: a new layer, {@link Deduplicated}); or as the last
     * night left them (no file changed).
     */
    public enum Counted { ALL_FILES, MERGED, APPENDED, UNCHANGED }

    /** The rows of some of a dataset's {@link Result#layers}. */
    public static Dataset<Row> read(SparkSession spark, DatasetSpec spec, List<Location> layers) {
        return layers.isEmpty() ? spark.createDataFrame(List.of(), spec.stagedSchema())
                : new Deduplicated.Snapshot(layers.get(layers.size() - 1), Set.of(), layers).read(spark, spec);
    }

    public static final StructType REJECTS_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("file", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.LongType, true),
            DataTypes.createStructField("project_id", DataTypes.StringType, true),
            DataTypes.createStructField("dataset", DataTypes.StringType, true),
            DataTypes.createStructField("column", DataTypes.StringType, true),
            DataTypes.createStructField("reason", DataTypes.StringType, false),
            DataTypes.createStructField("message", DataTypes.StringType, true)));

    public static Result run(SparkSession spark, Path inbox, Path staging, IngestLimits limits) {
        return run(spark, inbox, staging, limits, org.maraude.jobs.spark.Stored.inMemory());
    }

    /**
     * Ingest, keeping the rejects, warnings and file records with {@code store}; the de-duplicated datasets are kept
     * under {@code staging/_deduplicated/}, where the next night starts from them.
     */
    public static Result run(SparkSession spark, Path inbox, Path staging, IngestLimits limits,
            org.maraude.jobs.spark.Stored store) {
        return run(spark, Location.local(inbox), Location.local(staging), limits, store);
    }

    /** The same, with the inbox and staging folder anywhere Hadoop reaches ({@link Location}). */
    public static Result run(SparkSession spark, Location inbox, Location staging, IngestLimits limits,
            org.maraude.jobs.spark.Stored store) {
        InboxScanner.Result scan = InboxScanner.scan(inbox);
        LOG.info("ingest: {} files in the inbox, {} refused before reading", scan.tasks().size(),
                scan.rejects().size());
        org.maraude.jobs.spark.Sessions.sizeToInbox(spark, scan.tasks().stream().mapToLong(IngestJob::plainBytes).sum());
        Map<String, List<FileTask>> byDataset = new LinkedHashMap<>();
        for (DatasetSpec d : Contract.datasets()) {
            byDataset.put(d.name(), new ArrayList<>());
        }
        List<ScanRejectRow> extraRejects = new ArrayList<>();
        for (FileTask t : scan.tasks()) {
            if (t.tool() != null) {
                routeNative(t, byDataset, extraRejects, spark.sparkContext().hadoopConfiguration());
            } else {
                byDataset.get(t.dataset()).add(t);
            }
        }
        long parsed = 0;
        long reused = 0;
        Map<String, List<FileTask>> freshBy = new LinkedHashMap<>();
        for (DatasetSpec spec : Contract.datasets()) {
            List<FileTask> tasks = byDataset.get(spec.name());
            Location dir = staging.resolve(spec.name());
            List<FileTask> fresh = tasks.stream().filter(t -> !isDone(dir, t)).collect(Collectors.toList());
            parsed += fresh.size();
            reused += tasks.size() - fresh.size();
            freshBy.put(spec.name(), fresh);
        }
        // Datasets are independent: their files are parsed, then de-duplicated, by concurrent jobs.
        Concurrently.map(Contract.datasets().stream().filter(s -> !freshBy.get(s.name()).isEmpty()).toList(), spec -> {
            List<FileTask> fresh = freshBy.get(spec.name());
            spark.sparkContext().setJobDescription("ingest: parse " + fresh.size() + " " + spec.name() + " file(s)");
            stage(org.maraude.jobs.spark.Sessions.compiledFor(spark, textBytes(fresh)), spec, fresh,
                    staging.resolve(spec.name()), limits);
            spark.sparkContext().setJobDescription(null);
            return spec;
        });
        Map<String, List<Location>> stagedFolders = new LinkedHashMap<>();
        List<Dataset<Row>> records = new ArrayList<>();
        for (DatasetSpec spec : Contract.datasets()) {
            List<FileTask> tasks = byDataset.get(spec.name());
            Location dir = staging.resolve(spec.name());
            stagedFolders.put(spec.name(), tasks.stream()
                    .map(t -> dir.resolve(StagedRecords.FILE_ID + "=" + t.fileId())).toList());
            // Rejects, warnings and file summaries only: a small fraction of the staged records.
            records.add(readStaged(spark, spec, tasks, dir).filter(col(StagedRecords.KIND).notEqual(RecordKind.ROW.code()))
                    .select(recordColumns(spec.name())));
        }
        // Kept once (as the next night's starting point): every later stage and the file summary read these again.
        List<Kept> kept = Concurrently.map(Contract.datasets(), spec -> deduplicated(spark, spec,
                byDataset.get(spec.name()), staging.resolve(spec.name()), staging.resolve(Deduplicated.DIR)));
        Map<String, Dataset<Row>> datasets = new LinkedHashMap<>();
        Map<String, Counted> counted = new LinkedHashMap<>();
        Map<String, List<Location>> layers = new LinkedHashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            String name = Contract.datasets().get(i).name();
            datasets.put(name, kept.get(i).rows());
            counted.put(name, kept.get(i).how());
            layers.put(name, kept.get(i).layers());
        }
        spark.sparkContext().setJobDescription(null);
        Dataset<Row> all = store.keep("records", records.stream().reduce(Dataset::unionByName).orElseThrow());
        Dataset<Row> scanRejects = spark.createDataFrame(scanRejectRows(scan, extraRejects), REJECTS_SCHEMA);
        Dataset<Row> rejects = all.filter(col(StagedRecords.KIND).equalTo(RecordKind.REJECT.code()))
                .select(col(DatasetSpec.FILE).as("file"), col(DatasetSpec.LINE).as("line"), col("project_id"),
                        col("dataset"), col(StagedRecords.COLUMN).as("column"), col(StagedRecords.REASON).as("reason"),
                        col(StagedRecords.MESSAGE).as("message"))
                .unionByName(scanRejects);
        Dataset<Row> warnings = all.filter(col(StagedRecords.KIND).equalTo(RecordKind.WARNING.code()))
                .select(col(DatasetSpec.FILE).as("file"), col(DatasetSpec.LINE).as("line"), col("project_id"),
                        col("dataset"), col(StagedRecords.COLUMN).as("column"), col(StagedRecords.REASON).as("code"),
                        col(StagedRecords.MESSAGE).as("message"));
        Dataset<Row> files = fileSummary(all, scanRejects, datasets, layers, scan.tasks());
        return new Result(datasets, rejects, warnings, files, parsed, reused, stagedFolders, counted, layers);
    }

    /** A dataset's rows counted once, how, and the layers they were read from. */
    private record Kept(Dataset<Row> rows, Counted how, List<Location> layers) {
        Kept(SparkSession spark, DatasetSpec spec, Deduplicated.Snapshot s, Counted how) {
            this(s.read(spark, spec), how, s.layers());
        }
    }

    /** Above this much new text a dataset is de-duplicated from all its files, not merged into the last night's rows. */
    static final long MAX_ADDED_BYTES = 64L << 20;

    /**
     * The dataset's rows counted once, kept under {@code snapshots}. When the last night's de-duplicated rows are
     * still valid ({@link Deduplicated#added}) and the files added since are small, only the added files are
     * de-duplicated and merged in: their rows replace the equal (or, on a natural key, same-key) rows of the last
     * night, which are older. The result is the same as de-duplicating every file again, without a shuffle of
     * every row.
     */
    private static Kept deduplicated(SparkSession spark, DatasetSpec spec, List<FileTask> tasks, Location dir,
            Location snapshots) {
        if (tasks.isEmpty()) {
            Deduplicated.remove(snapshots, spec);
            return new Kept(spark.createDataFrame(List.of(), spec.stagedSchema()), Counted.ALL_FILES, List.of());
        }
        Deduplicated.Snapshot last = Deduplicated.latest(snapshots, spec).orElse(null);
        List<FileTask> added = last == null ? null : Deduplicated.added(last, tasks);
        long addedBytes = added == null ? 0 : added.stream().mapToLong(IngestJob::plainBytes).sum();
        if (added != null && addedBytes > MAX_ADDED_BYTES) { // their rows' keys are broadcast
            added = null;
        }
        if (added != null && added.isEmpty()) {
            LOG.info("ingest: {} unchanged, the last night's de-duplicated rows reused", spec.name());
            return new Kept(spark, spec, last, Counted.UNCHANGED);
        }
        if (added == null) {
            long bytes = textBytes(tasks);
            SparkSession compiled = org.maraude.jobs.spark.Sessions.compiledFor(spark, bytes);
            spark.sparkContext().setJobDescription("ingest: de-duplicate " + spec.name() + " (" + tasks.size() + " files)");
            Dataset<Row> valid = validRows(spec, readStaged(compiled, spec, tasks, dir));
            Dataset<Row> order = fileOrder(compiled, tasks);
            long byHashesFrom = Long.parseLong(org.maraude.jobs.spark.Sessions.setting(spark, BY_HASHES_BYTES_KEY,
                    String.valueOf(BY_HASHES_BYTES)));
            Dataset<Row> rows = bytes >= byHashesFrom ? byHashes(spec, valid, order, MAX_REPEATED_HASHES)
                    : dedupe(spec, valid, order);
            Deduplicated.Snapshot kept = Deduplicated.write(snapshots, spec, rows, tasks);
            Deduplicated.keepHours(spark, spec, kept);
            spark.sparkContext().setJobDescription(null);
            return new Kept(spark, spec, kept, Counted.ALL_FILES);
        }
        Dataset<Row> older = last.read(spark, spec);
        spark.sparkContext().setJobDescription("ingest: check " + added.size() + " added file(s) against " + spec.name());
        // at most MAX_ADDED_BYTES of text: computed once for the checks and the write
        Dataset<Row> newer = dedupe(spec, validRows(spec, readStaged(spark, spec, added, dir)), fileOrder(spark, added))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        if (Deduplicated.canAppend(last, spec, older, newer)) {
            LOG.info("ingest: {} kept as the last night's rows plus those of {} added file(s)", spec.name(), added.size());
            spark.sparkContext().setJobDescription("ingest: add " + added.size() + " file(s) to " + spec.name());
            Deduplicated.Snapshot kept = Deduplicated.append(snapshots, spec, last, newer, tasks);
            newer.unpersist();
            spark.sparkContext().setJobDescription(null);
            return new Kept(spark, spec, kept, Counted.APPENDED);
        }
        LOG.info("ingest: {} de-duplicated from the last night's rows and {} added file(s)", spec.name(), added.size());
        spark.sparkContext().setJobDescription("ingest: merge " + added.size() + " added file(s) into " + spec.name());
        Deduplicated.Snapshot kept = Deduplicated.write(snapshots, spec, merge(spec, older, newer), tasks);
        Deduplicated.keepHours(spark, spec, kept);
        newer.unpersist();
        spark.sparkContext().setJobDescription(null);
        return new Kept(spark, spec, kept, Counted.MERGED);
    }

    /**
     * {@code older}'s rows without those that {@code newer} has again (every contract column equal, or the same
     * natural key; nulls equal as in a grouping), then {@code newer}'s: both already de-duplicated.
     */
    static Dataset<Row> merge(DatasetSpec spec, Dataset<Row> older, Dataset<Row> newer) {
        List<String> key = Deduplicated.key(spec);
        return older.join(broadcast(Deduplicated.newKeys(newer, key)), Deduplicated.sameKey(older, key), "left_anti")
                .unionByName(newer);
    }

    /** The inbox's size as text (what {@link #run} sizes the session's shuffles by), from a listing of its files. */
    public static long inboxTextBytes(Location inbox) {
        return InboxScanner.scan(inbox).tasks().stream().mapToLong(IngestJob::plainBytes).sum();
    }

    private static long textBytes(List<FileTask> tasks) {
        return tasks.stream().mapToLong(IngestJob::plainBytes).sum();
    }

    /** A file's size as text: compressed files count as five times their size (the sample CSV ratio). */
    private static long plainBytes(FileTask t) {
        return t.relPath().toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? 5 * t.size() : t.size();
    }

    private static boolean isDone(Location dir, FileTask t) {
        try {
            return dir.resolve(StagedRecords.FILE_ID + "=" + t.fileId()).resolve("_DONE").exists();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staging folder " + dir, e);
        }
    }

    /** Parses the files on the executors and moves each file's folder into staging when complete. */
    private static void stage(SparkSession spark, DatasetSpec spec, List<FileTask> fresh, Location dir,
            IngestLimits limits) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        int slices = Math.max(1, Math.min(fresh.size(), 4 * spark.sparkContext().defaultParallelism()));
        String name = spec.name();
        JavaRDD<Row> rows = jsc.parallelize(fresh, slices)
                .flatMap((FlatMapFunction<FileTask, Row>) t -> open(conf.value().value(), t, name, limits));
        Location tmp = dir.resolve("_tmp-" + System.nanoTime());
        spark.createDataFrame(rows, StagedRecords.schema(spec)).write().mode(SaveMode.Overwrite)
                .partitionBy(StagedRecords.FILE_ID).parquet(tmp.uri());
        try {
            for (FileTask t : fresh) {
                Location part = tmp.resolve(StagedRecords.FILE_ID + "=" + t.fileId());
                Location target = dir.resolve(part.name());
                target.deleteTree();
                part.moveTo(target);
                if (!target.resolve("_DONE").createNew("")) {
                    throw new IOException(target + "/_DONE already exists");
                }
            }
            tmp.deleteTree();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move staged files into " + dir, e);
        }
    }

    static java.util.Iterator<Row> open(Configuration conf, FileTask t, String dataset, IngestLimits limits)
            throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(java.net.URI.create(t.uri()));
        FileSystem fs = p.getFileSystem(conf);
        DatasetSpec spec = Contract.dataset(dataset).orElseThrow();
        if (t.tool() != null) {
            ConnectorOptions options = new ConnectorOptions(limits.metaDefaultPlatform(), null);
            return new FileParser(fs.open(p), t, spec, limits, () -> NativeRecords.open(open(fs, p), t, spec, options));
        }
        if (t.relPath().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")) {
            return new FileParser(fs.open(p), t, spec, limits, () -> ParquetRecords.open(conf, p));
        }
        return new FileParser(fs.open(p), t, spec, limits);
    }

    private static java.io.InputStream open(FileSystem fs, org.apache.hadoop.fs.Path p) {
        try {
            return fs.open(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A native export feeds the datasets of its connector (ad reports: ad_delivery and creatives;
     * organic analytics: social_posts). The connector is found on the driver by the tool folder,
     * else by reading the file's header (native downloads are small).
     */
    private static void routeNative(FileTask t, Map<String, List<FileTask>> byDataset, List<ScanRejectRow> rejects,
            Configuration conf) {
        try {
            String text = NativeConnectors.forTool(t.tool()).isPresent() ? ""
                    : NativeRecords.decode(Location.of(t.uri(), conf).open());
            for (String d : NativeRecords.datasets(NativeRecords.connector(t.tool(), text))) {
                byDataset.get(d).add(new FileTask(t.uri(), t.relPath(), t.project(), d, t.tool(), t.fileId(), t.size(),
                        t.modifiedMillis()));
            }
        } catch (FileRejectedException e) {
            rejects.add(new ScanRejectRow(t.relPath(), t.project(), null, e.reason(), e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            rejects.add(new ScanRejectRow(t.relPath(), t.project(), null, RejectReason.UNREADABLE, "could not be read"));
        }
    }

    private static Dataset<Row> readStaged(SparkSession spark, DatasetSpec spec, List<FileTask> tasks, Location dir) {
        StructType schema = StagedRecords.schema(spec);
        if (tasks.isEmpty()) {
            return spark.createDataFrame(List.of(), schema).withColumn("dataset", lit(spec.name()));
        }
        String[] paths = tasks.stream().map(t -> dir.resolve(StagedRecords.FILE_ID + "=" + t.fileId()).uri())
                .toArray(String[]::new);
        return spark.read().schema(schema).option("basePath", dir.uri()).parquet(paths)
                .withColumn("dataset", lit(spec.name()));
    }

    private static Column[] recordColumns(String dataset) {
        return new Column[] {col(StagedRecords.FILE_ID), col(DatasetSpec.PROJECT_ID), col("dataset"),
            col(DatasetSpec.FILE), col(DatasetSpec.LINE), col(StagedRecords.KIND), col(StagedRecords.COLUMN),
            col(StagedRecords.REASON), col(StagedRecords.MESSAGE), col(StagedRecords.ROWS_READ),
            col(StagedRecords.SHA256)};
    }

    /** Rows of files that were not refused as a whole, in the dataset's staged schema. */
    static Dataset<Row> validRows(DatasetSpec spec, Dataset<Row> staged) {
        Dataset<Row> refused = staged.filter(col(StagedRecords.KIND).equalTo(RecordKind.REJECT.code())
                .and(col(DatasetSpec.LINE).isNull())).select(col(StagedRecords.FILE_ID).as("_refused_id")).distinct();
        Column[] cols = Stream.of(spec.stagedSchema().fieldNames()).map(c -> col(c).cast(
                spec.stagedSchema().apply(c).dataType())).toArray(Column[]::new);
        return staged.filter(col(StagedRecords.KIND).equalTo(RecordKind.ROW.code()))
                .join(broadcast(refused), col(StagedRecords.FILE_ID).equalTo(col("_refused_id")), "left_anti")
                .select(cols);
    }

    /** The dataset's files ranked oldest first (modification time, then path): {@code _order_file, _order_rank}. */
    private static Dataset<Row> fileOrder(SparkSession spark, List<FileTask> tasks) {
        List<FileTask> sorted = tasks.stream().sorted(java.util.Comparator.comparingLong(FileTask::modifiedMillis)
                .thenComparing(FileTask::relPath)).toList();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            rows.add(RowFactory.create(sorted.get(i).relPath(), (long) i));
        }
        return spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("_order_file", DataTypes.StringType, false),
                DataTypes.createStructField("_order_rank", DataTypes.LongType, false))));
    }

    /**
     * From this much text a dataset without a natural key is de-duplicated {@link #byHashes}. Measured: the
     * touchpoints of scale 100 (about 1.9 GB) gain a third of the job's CPU; the contacts of scale 100 (260 MB)
     * break even, and the touchpoints of scale 10 (200 MB) are 4 s slower (two jobs instead of one).
     */
    static final long BY_HASHES_BYTES = 512L << 20;
    /** Spark setting overriding {@link #BY_HASHES_BYTES} (tests). */
    static final String BY_HASHES_BYTES_KEY = "spark.maraude.dedupe.hashes.bytes";

    /**
     * {@link #dedupe} for a large dataset without a natural key. Nearly every row is unique, and grouping every row
     * on every column shuffles them all (at scale 100, 12.6 M touchpoints: the longest job of a full night, whose
     * partial aggregates do not fit in memory). So the rows' hashes over those columns are counted first (one
     * number a row shuffled, not the row): a row whose hash no other row has is unique and is kept as it is, and
     * only the rows of repeated hashes (every copy of a duplicate, and rows whose hashes merely collide) are
     * grouped on every column. A Spark job, run when this is called. With more than {@code maxRepeatedHashes}
     * repeated hashes (they are broadcast) every row is grouped instead. The same rows and lineage either way.
     */
    static Dataset<Row> byHashes(DatasetSpec spec, Dataset<Row> rows, Dataset<Row> order, int maxRepeatedHashes) {
        if (!spec.naturalKey().isEmpty()) {
            return dedupe(spec, rows, order);
        }
        Column hash = xxhash64(Deduplicated.key(spec).stream().map(c -> col(c)).toArray(Column[]::new));
        // counted, then collected from the cache when few: one shuffle, its partitions merged side by side
        Dataset<Row> counted = rows.groupBy(hash.as(HASH)).agg(count(lit(1)).as("_n")).filter(col("_n").gt(1))
                .select(HASH).persist(StorageLevel.MEMORY_AND_DISK());
        long n = counted.count();
        List<Row> repeated = n == 0 || n > maxRepeatedHashes ? List.of() : counted.collectAsList();
        counted.unpersist();
        if (n == 0) {
            return rows;
        }
        if (n > maxRepeatedHashes) {
            return dedupe(spec, rows, order);
        }
        Dataset<Row> hashes = broadcast(rows.sparkSession().createDataFrame(repeated, DataTypes.createStructType(List.of(
                DataTypes.createStructField(HASH, DataTypes.LongType, false)))));
        Dataset<Row> hashed = rows.withColumn(HASH, hash);
        return hashed.join(hashes, hashed.col(HASH).equalTo(hashes.col(HASH)), "left_anti").drop(HASH)
                .unionByName(dedupe(spec, hashed.join(hashes, hashed.col(HASH).equalTo(hashes.col(HASH)),
                        "left_semi").drop(HASH), order));
    }

    /** At most this many hashes shared by several rows are broadcast by {@link #byHashes}. */
    static final int MAX_REPEATED_HASHES = 250_000;
    private static final String HASH = "_row_hash";

    /**
     * Counts a row once: on the natural key, the row of the newest file (modification time, then
     * path) wins, and within a file the last line; datasets without a natural key drop exact
     * duplicates (every contract column equal), keeping the lineage of the newest copy. Which copy
     * is newest is one number, the file's rank in time shifted left 32 bits plus the line: a hash
     * aggregate with {@code max} or {@code max_by}, not a sorted window, and the same rows win on every run.
     */
    static Dataset<Row> dedupe(DatasetSpec spec, Dataset<Row> rows, Dataset<Row> order) {
        String[] staged = spec.stagedSchema().fieldNames();
        Column newest = col("_order_rank").multiply(lit(1L << 32)).plus(col(DatasetSpec.LINE));
        Dataset<Row> ordered = rows.join(broadcast(order), rows.col(DatasetSpec.FILE).equalTo(order.col("_order_file")))
                .withColumn("_w", newest);
        if (spec.naturalKey().isEmpty()) {
            List<String> key = Deduplicated.key(spec);
            Dataset<Row> kept = ordered.groupBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                    .agg(max(col("_w")).as("_w"));
            return kept.join(broadcast(order), org.apache.spark.sql.functions.shiftright(kept.col("_w"), 32)
                            .equalTo(order.col("_order_rank")))
                    .withColumn(DatasetSpec.FILE, col("_order_file"))
                    .withColumn(DatasetSpec.LINE, col("_w").bitwiseAND(lit((1L << 32) - 1)))
                    .select(staged[0], java.util.Arrays.copyOfRange(staged, 1, staged.length));
        }
        Column all = struct(Stream.of(staged).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        return ordered.groupBy(spec.naturalKey().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(max_by(all, col("_w")).as("_row"))
                .select("_row.*");
    }

    /** One row per inbox file: what was read, refused, kept after de-duplication, and why a file was refused. */
    private static Dataset<Row> fileSummary(Dataset<Row> records, Dataset<Row> scanRejects,
            Map<String, Dataset<Row>> datasets, Map<String, List<Location>> layers, List<FileTask> tasks) {
        Dataset<Row> perFile = records.groupBy(col(DatasetSpec.FILE).as("file"), col("dataset"))
                .agg(sum(when(col(StagedRecords.KIND).equalTo("file"), col(StagedRecords.ROWS_READ))).as("rows_read"),
                        sum(when(col(StagedRecords.KIND).equalTo("reject").and(col(DatasetSpec.LINE).isNotNull()), 1)
                                .otherwise(0)).as("rows_rejected"),
                        org.apache.spark.sql.functions.max(when(col(StagedRecords.KIND).equalTo("file"),
                                col(StagedRecords.SHA256))).as("sha256"),
                        org.apache.spark.sql.functions.max(when(col(StagedRecords.KIND).equalTo("reject")
                                .and(col(DatasetSpec.LINE).isNull()), col(StagedRecords.REASON))).as("file_reason"),
                        org.apache.spark.sql.functions.first(col(DatasetSpec.PROJECT_ID), true).as("project_id"));
        // Counted per layer once (a layer never changes): a night counts only the rows of the layers it added. The
        // datasets' new layers are counted side by side (a first night counts every dataset).
        Dataset<Row> kept = Concurrently.map(Contract.datasets(), spec -> LayerAggregates.perLayer(records.sparkSession(),
                                spec, layers.get(spec.name()), datasets.get(spec.name()), "rows_per_file-1",
                                d -> d.groupBy(col(DatasetSpec.FILE).as("kfile")).agg(count(lit(1)).as("rows_kept")))
                        .groupBy("kfile").agg(sum("rows_kept").as("rows_kept"))
                        .withColumn("kdataset", lit(spec.name())))
                .stream().reduce(Dataset::union).orElseThrow();
        Dataset<Row> sizes = records.sparkSession().createDataFrame(tasks.stream()
                .map(t -> RowFactory.create(t.relPath(), t.size(), t.fileId())).collect(Collectors.toList()),
                DataTypes.createStructType(List.of(DataTypes.createStructField("sfile", DataTypes.StringType, false),
                        DataTypes.createStructField("size_bytes", DataTypes.LongType, false),
                        DataTypes.createStructField("file_id", DataTypes.StringType, false))));
        Dataset<Row> parsedFiles = perFile.join(kept, perFile.col("file").equalTo(kept.col("kfile"))
                        .and(perFile.col("dataset").equalTo(kept.col("kdataset"))), "left")
                .join(sizes, perFile.col("file").equalTo(sizes.col("sfile")), "left")
                .select(col("file"), col("project_id"), col("dataset"), col("sha256"), col("size_bytes"),
                        org.apache.spark.sql.functions.coalesce(col("rows_read"), lit(0L)).as("rows_read"),
                        col("rows_rejected").cast("long").as("rows_rejected"),
                        org.apache.spark.sql.functions.coalesce(col("rows_kept"), lit(0L)).as("rows_kept"),
                        col("file_reason"));
        Dataset<Row> refusedAtScan = scanRejects.select(col("file"), col("project_id"), col("dataset"),
                lit(null).cast("string").as("sha256"), lit(null).cast("long").as("size_bytes"), lit(0L).as("rows_read"),
                lit(0L).as("rows_rejected"), lit(0L).as("rows_kept"), col("reason").as("file_reason"));
        return parsedFiles.unionByName(refusedAtScan);
    }

    private record ScanRejectRow(String file, String project, String dataset, RejectReason reason, String message) {}

    private static List<Row> scanRejectRows(InboxScanner.Result scan, List<ScanRejectRow> extra) {
        List<Row> rows = new ArrayList<>();
        for (InboxScanner.ScanReject r : scan.rejects()) {
            rows.add(RowFactory.create(r.relPath(), null, r.project(), r.dataset(), null, r.reason().code(), r.message()));
        }
        for (ScanRejectRow r : extra) {
            rows.add(RowFactory.create(r.file(), null, r.project(), r.dataset(), null, r.reason().code(), r.message()));
        }
        return rows;
    }
}
