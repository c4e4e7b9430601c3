package org.maraude.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.maraude.dashboards.Dashboards;
import org.maraude.jobs.attribution.AttributionJob;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.IngestLimits;
import org.maraude.jobs.journey.JourneyJob;
import org.maraude.jobs.scoring.ModelReuse;
import org.maraude.jobs.scoring.ScoringJob;
import org.maraude.jobs.spark.Location;
import org.maraude.jobs.spark.Sessions;
import org.maraude.jobs.spark.Stored;
import org.maraude.jobs.plan.PlanJob;
import org.maraude.jobs.warehouse.RunLock;
import org.maraude.jobs.warehouse.Warehouse;

/**
 * The nightly run: ingest → journeys → attribution → scores → planning → publish (Parquet, DuckDB, dashboards) as one release,
 * swapped in atomically at the end. Overwrites {@code <out>/current} (keeping earlier releases
 * for rollback); never touches the inbox. Refuses to start while another run holds the lock.
 */
public final class NightlyJob {
    private NightlyJob() {}

    public enum Outcome { PUBLISHED, TOO_MANY_REJECTS }

    /**
     * What a run did, for the command's summary and exit status. {@code release} and {@code log} are local paths,
     * null when the output folder is not local; {@code releaseUri} and {@code logUri} say where they are in any case.
     */
    public record Summary(String runId, Outcome outcome, Path release, long files, long filesParsed, long filesReused,
            long filesRejected, long rowsRead, long rowsRejected, long rowsKept, double seconds, Path log,
            String releaseUri, String logUri) {
        public double rejectedShare() {
            return rowsRead == 0 ? 0 : (double) rowsRejected / rowsRead;
        }
    }

    /** A run that failed: which run, in which stage, and where its log is. */
    public static final class RunFailedException extends RuntimeException {
        private final String runId;
        private final String stage;
        private final Path log;

        RunFailedException(String runId, String stage, Path log, Throwable cause) {
            super("run " + runId + " failed" + (stage == null ? "" : " in " + stage) + ": " + cause.getMessage(), cause);
            this.runId = runId;
            this.stage = stage;
            this.log = log;
        }

        public String runId() {
            return runId;
        }

        public String stage() {
            return stage;
        }

        public Path log() {
            return log;
        }
    }

    public static String newRunId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + Long.toString(ProcessHandle.current().pid(), 36);
    }

    public static AttributionJob.Params attributionParams(MaraudeConfig c) {
        AttributionJob.Params d = AttributionJob.Params.defaults();
        return new AttributionJob.Params(c.getInt("journey.source.window.days"), c.getDouble("attribution.half.life.days"),
                c.getDouble("attribution.position.first"), c.getDouble("attribution.position.last"), d.shapleyExactMax(),
                d.shapleyPermutations(), d.holdoutBuckets(), d.seed());
    }

    public static ScoringJob.Params scoringParams(MaraudeConfig c) {
        long rows = c.getInt("scoring.model.min.rows");
        return ScoringJob.Params.defaults().withMinContacts(c.getInt("scoring.min.contacts"))
                .withMinModelRows(rows, Math.max(1, rows / 10));
    }

    public static ModelReuse.Policy modelReuse(MaraudeConfig c) {
        return new ModelReuse.Policy(c.getInt("scoring.models.max.age.days"), c.getDouble("scoring.models.max.growth"));
    }

    /** The current release's models and model tables, or null when it has none (first night, models off). */
    private static ModelReuse.Previous previousModels(SparkSession spark, Location out) {
        Location current = Warehouse.current(out).orElse(null);
        if (current == null) {
            return null;
        }
        Location metrics = current.resolve(Warehouse.PARQUET).resolve("model_metrics");
        Location effects = current.resolve(Warehouse.PARQUET).resolve("model_effects");
        try {
            if (!metrics.isDirectory() || !effects.isDirectory() || !current.resolve(Warehouse.MODELS).isDirectory()) {
                return null;
            }
        } catch (java.io.IOException e) {
            return null; // unreadable: the models are fitted again
        }
        return new ModelReuse.Previous(current.resolve(Warehouse.MODELS), spark.read().parquet(metrics.uri()),
                spark.read().parquet(effects.uri()));
    }

    public static IngestLimits limits(MaraudeConfig c) {
        return new IngestLimits(c.getInt("ingest.max.cell.chars"), c.getInt("ingest.max.columns"),
                c.getDate("ingest.min.date"), c.getDate("ingest.max.date"), c.getInt("ingest.max.gzip.ratio"),
                c.get("ingest.meta.default.platform"));
    }

    /** Runs the night; the inbox and output folder may be local or any Hadoop file system's ({@link Location}). */
    public static Summary run(SparkSession spark, MaraudeConfig config) {
        Location inbox = Location.of(config.inbox(), spark.sparkContext().hadoopConfiguration());
        Location out = Location.of(config.out(), spark.sparkContext().hadoopConfiguration());
        String runId = newRunId();
        try (RunLock lock = RunLock.acquire(out); RunLog log = new RunLog(out.resolve("logs"), runId)) {
            try {
                return run(spark, config, inbox, out, runId, log);
            } catch (Exception | org.apache.hadoop.fs.FSError e) {
                // Exception, not only RuntimeException: Spark rethrows some failures of a write undeclared (a full
                // disk during a Parquet commit arrives as ExecutionException "Boxed Exception" around an FSError).
                Warehouse.discard(out, runId); // a failed run's partial release would only hold space on a full disk
                try {
                    log.event("failed", Map.of("stage", String.valueOf(log.currentStage()), "error", e.getClass().getSimpleName()));
                } catch (RuntimeException logFailed) { // the log is on the same (full) disk: the run's failure comes first
                    e.addSuppressed(logFailed);
                }
                throw new RunFailedException(runId, log.currentStage(), logOf(out, runId).localPath().orElse(null), e);
            }
        } catch (java.io.UncheckedIOException e) {
            // The output folder refused the lock or the log (read-only, full): a failed night like any other.
            throw new RunFailedException(runId, null, logOf(out, runId).localPath().orElse(null), e);
        }
    }

    private static Location logOf(Location out, String runId) {
        return out.resolve("logs").resolve(runId + ".jsonl");
    }

    private static Summary run(SparkSession spark, MaraudeConfig config, Location inbox, Location out, String runId,
            RunLog log) {
        // Intermediate datasets of this run (Parquet, read back by the later stages); a run that died left its own.
        Location workRoot = out.resolve(WORK);
        removeWork(workRoot);
        try {
            return run(spark, config, inbox, out, runId, log, Stored.parquet(workRoot.resolve(runId)));
        } finally {
            spark.catalog().clearCache();
            removeWork(workRoot);
        }
    }

    private static void removeWork(Location dir) {
        try {
            dir.deleteTree();
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger("maraude").warn("could not remove {}: {}", dir, e.getMessage());
        }
    }

    /** Folder of the run's intermediate datasets under the output folder; removed when the run ends. */
    static final String WORK = "work";

    private static Summary run(SparkSession spark, MaraudeConfig config, Location inbox, Location out, String runId,
            RunLog log, Stored store) {
        log.event("start", Map.of("inbox", absolute(inbox), "out", absolute(out),
                "contract_version", Contract.VERSION));
        // The file summary is collected inside the stage: it is what materialises the de-duplicated datasets. Its
        // shuffles carry files, not rows: one partition per core whatever the inbox.
        record Ingested(IngestJob.Result in, List<Row> files) {}
        Ingested ingested = log.stage("ingest", () -> {
            IngestJob.Result r = IngestJob.run(spark, inbox, out.resolve("staging"), limits(config), store);
            return new Ingested(r, Sessions.smallShuffles(spark, () -> r.files().collectAsList())); // a row per file
        }, r -> Map.of("files_parsed", r.in().filesParsed(), "files_reused", r.in().filesReused(),
                "datasets_merged", r.in().counted().values().stream().filter(c -> c == IngestJob.Counted.MERGED).count(),
                "datasets_appended", r.in().counted().values().stream().filter(c -> c == IngestJob.Counted.APPENDED).count(),
                "datasets_unchanged", r.in().counted().values().stream().filter(c -> c == IngestJob.Counted.UNCHANGED).count()));
        IngestJob.Result in = ingested.in();
        List<Row> files = ingested.files();
        long rowsRead = files.stream().mapToLong(r -> r.getAs("rows_read")).sum();
        long rowsRejected = files.stream().mapToLong(r -> r.getAs("rows_rejected") == null ? 0 : (long) r.getAs("rows_rejected")).sum();
        long rowsKept = files.stream().mapToLong(r -> r.getAs("rows_kept")).sum();
        long filesRejected = files.stream().filter(r -> r.getAs("file_reason") != null).count();
        if (Boolean.parseBoolean(config.get("bench.compare.duckdb"))) {
            EngineComparison.Outcome cmp = EngineComparison.run(spark, in);
            log.event("engine_comparison", Map.of("spark_seconds", cmp.sparkSeconds(), "duckdb_seconds",
                    cmp.duckdbSeconds(), "ratio", cmp.ratio(), "rows", cmp.rows(), "agree", cmp.agree()));
            org.slf4j.LoggerFactory.getLogger("maraude").info("core funnel: Spark {} s, DuckDB {} s (×{}), {}",
                    String.format(java.util.Locale.ROOT, "%.2f", cmp.sparkSeconds()),
                    String.format(java.util.Locale.ROOT, "%.2f", cmp.duckdbSeconds()),
                    String.format(java.util.Locale.ROOT, "%.1f", cmp.ratio()), cmp.agree() ? "same figures" : "DIFFERENT FIGURES");
        }
        JourneyJob.Params params = new JourneyJob.Params(config.getInt("journey.lookback.days"),
                config.getInt("journey.source.window.days"));
        JourneyJob.Result j = log.stage("journeys", () -> JourneyJob.run(in, params, store, out.resolve("staging")),
                r -> Map.of("youth", r.youthJourney().count(), "contacts", r.contactsNote(), "touches", r.touchesNote()));
        boolean models = Boolean.parseBoolean(config.get("pipeline.models"));
        AttributionJob.Result attribution = !models ? null : log.stage("attribution", () -> AttributionJob.run(in, j,
                attributionParams(config), out.resolve("staging").resolve(AttributionJob.KEPT_PATHS), store),
                r -> Map.of("paths", r.pathsNote()));
        double share = rowsRead == 0 ? 0 : (double) rowsRejected / rowsRead;
        Outcome outcome = share > config.getDouble("rejects.max.share") ? Outcome.TOO_MANY_REJECTS : Outcome.PUBLISHED;

        Warehouse.Release release = Warehouse.begin(out, runId);
        ScoringJob.Result scores = !models ? null : log.stage("scoring", () -> {
                    // Straight into the release (on HDFS too): the executors write the models' data.
                    return Sessions.smallPlans(spark, config, () -> ScoringJob.run(in, j, attribution, scoringParams(config),
                            release.dir().resolve(Warehouse.MODELS), runId, store, previousModels(spark, out),
                            modelReuse(config)));
                }, r -> r.modelRun() == null ? Map.of("models", r.modelNote())
                        : Map.of("models_run", r.modelRun(), "models", r.modelNote()));
        // Planning follows spark.codegen: its targeting reads every touchpoint (scale 100: 13 s of task time compiled,
        // 25 s interpreted).
        PlanJob.Result plan = !models ? null : log.stage("planning", () -> Sessions.smallShuffles(spark,
                        () -> PlanJob.run(in, j, PlanJob.Params.defaults())),
                r -> Map.of("curves_fitted", r.fitted(), "plans", r.plans().size()));
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put("youth_journey", j.youthJourney());
        tables.put("funnel_monthly", j.funnelMonthly());
        tables.put("funnel_monthly_programme", j.funnelProgramme());
        tables.put("cohorts", j.cohorts());
        tables.put("reply_times", j.replyTimes());
        if (models) {
            tables.put("attribution", attribution.attribution());
            tables.put("creative_scores", scores.creativeScores());
            tables.put("channel_scores", scores.channelScores());
            tables.put("model_metrics", scores.modelMetrics());
            tables.put("model_effects", scores.modelEffects());
            tables.putAll(plan.tables());
        }
        tables.put("creatives", dimension(in.get(Contract.CREATIVES)));
        tables.put("costs", dimension(in.get(Contract.COSTS)));
        tables.put("rejects", in.rejects());
        tables.put("ingest_warnings", in.warnings());
        // From the collected summary: planning it again would run its joins of the per-file counts a second time.
        tables.put("runs", history(spark, out, store, "runs", spark.createDataFrame(files, in.files().schema())
                .withColumn("run_id", lit(runId))));
        Location logFile = logOf(out, runId);
        Summary summary = new Summary(runId, outcome, release.dir().localPath().orElse(null), files.size(),
                in.filesParsed(), in.filesReused(), filesRejected, rowsRead, rowsRejected, rowsKept, 0,
                logFile.localPath().orElse(null), release.dir().toString(), logFile.toString());
        tables.put("run_summary", history(spark, out, store, "run_summary", summaryRow(spark, summary, log)));
        // The published tables are counts over youth and months, and the runs' history: one shuffle partition per core.
        log.stage("publish", () -> Sessions.smallShuffles(spark, () -> {
            Warehouse.writeParquet(tables, runId, release);
            Warehouse.buildDuckDb(release, Map.of());
            return release;
        }), null);
        Dashboards.Options pages = new Dashboards.Options(config.get("lang"), config.getInt("suppression.k"));
        log.stage("dashboards", () -> {
            // dashboards/: every page, project pages with exact counts (internal to projects and staff);
            // dashboards-funder/: only what may leave a project (index and national page, small cells hidden).
            Path local = release.local(); // the release itself when the output folder is local
            Dashboards.render(local.resolve(Warehouse.DB_FILE), local.resolve(Warehouse.DASHBOARDS_FUNDER),
                    pages.shareableOnly());
            return Dashboards.render(local.resolve(Warehouse.DB_FILE), local.resolve(Warehouse.DASHBOARDS), pages);
        }, null);
        Location published = outcome == Outcome.PUBLISHED
                ? Warehouse.commit(out, release, config.getInt("publish.keep.runs"))
                : Warehouse.park(out, release);
        Summary done = new Summary(runId, outcome, published.localPath().orElse(null), files.size(), in.filesParsed(),
                in.filesReused(), filesRejected, rowsRead, rowsRejected, rowsKept, log.elapsedSeconds(), summary.log(),
                published.toString(), summary.logUri());
        log.event("end", Map.of("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT), "seconds",
                done.seconds(), "rows_read", rowsRead, "rows_rejected", rowsRejected));
        return done;
    }

    /** A contract dataset as published: its columns without the lineage of the file it came from. */
    private static Dataset<Row> dimension(Dataset<Row> staged) {
        return staged.drop(org.maraude.jobs.contract.DatasetSpec.FILE, org.maraude.jobs.contract.DatasetSpec.LINE);
    }

    private static String absolute(Location l) {
        return l.localPath().map(p -> p.toAbsolutePath().toString()).orElse(l.toString());
    }

    /** The table's rows of earlier runs (from the current release) followed by this run's. */
    private static Dataset<Row> history(SparkSession spark, Location out, Stored store, String table, Dataset<Row> now) {
        Location prev = Warehouse.current(out).map(r -> r.resolve(Warehouse.PARQUET).resolve(table)).orElse(null);
        try {
            if (prev == null || !prev.isDirectory()) {
                return now;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Dataset<Row> old = spark.read().parquet(prev.uri());
        if (!List.of(old.columns()).containsAll(List.of(now.columns()))) {
            return now; // an older layout: history restarts rather than failing the night
        }
        // Materialised with the run's other intermediate data: the publish then reads this run's work folder, not
        // the previous release. (The second HDFS night that hung here did not hang on this write or on a local
        // checkpoint: a local-mode scheduling wait, see Sessions.applyDefaults.)
        return store.keep("history_" + table, now.unionByName(old.select(now.columns()[0],
                java.util.Arrays.copyOfRange(now.columns(), 1, now.columns().length))));
    }

    private static Dataset<Row> summaryRow(SparkSession spark, Summary s, RunLog log) {
        return spark.createDataFrame(List.of(RowFactory.create(s.runId(), log.start(), s.outcome().name().toLowerCase(
                java.util.Locale.ROOT), s.files(), s.filesParsed(), s.filesReused(), s.filesRejected(), s.rowsRead(),
                s.rowsRejected(), s.rowsKept(), Contract.VERSION)), DataTypes.createStructType(List.of(
                DataTypes.createStructField("run_id", DataTypes.StringType, false),
                DataTypes.createStructField("started_at", DataTypes.TimestampType, false),
                DataTypes.createStructField("outcome", DataTypes.StringType, false),
                DataTypes.createStructField("files", DataTypes.LongType, false),
                DataTypes.createStructField("files_parsed", DataTypes.LongType, false),
                DataTypes.createStructField("files_reused", DataTypes.LongType, false),
                DataTypes.createStructField("files_rejected", DataTypes.LongType, false),
                DataTypes.createStructField("rows_read", DataTypes.LongType, false),
                DataTypes.createStructField("rows_rejected", DataTypes.LongType, false),
                DataTypes.createStructField("rows_kept", DataTypes.LongType, false),
                DataTypes.createStructField("contract_version", DataTypes.IntegerType, false))))
                .withColumn("started_at", col("started_at"));
    }
}
