package org.maraude.jobs.spark;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.config.MaraudeConfig;

/**
 * Builds the one SparkSession of a run from the config. The master URL comes from the config's
 * {@code spark.master} (default {@code local[*]}) unless {@code spark-submit} already set one.
 * Time is UTC inside Spark; code converts to Europe/Paris explicitly where the contract says so.
 */
public final class Sessions {
    /** {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}; not {@code local-cluster}, which has workers. */
    private static final Pattern LOCAL = Pattern.compile("local(\\[[^\\]]*])?");

    private Sessions() {}

    public static SparkSession create(MaraudeConfig config, String appName) {
        return SparkSession.builder().config(conf(config, appName)).getOrCreate();
    }

    /** The session's Spark settings from the config (and from {@code spark-submit}, already in the system properties). */
    static SparkConf conf(MaraudeConfig config, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.get("spark.master"));
        }
        String partitions = config.get("spark.shuffle.partitions");
        boolean auto = partitions.equalsIgnoreCase(AUTO);
        // A Spark setting given with spark-submit --conf or spark.conf.<key> wins over the automatic one.
        if (auto && !chosen(conf, config, "spark.sql.shuffle.partitions")) {
            // the cores until ingest has seen the inbox (sizeToInbox); Spark's default parallelism stays the cores
            conf.set("spark.sql.shuffle.partitions", Integer.toString(Runtime.getRuntime().availableProcessors()));
            conf.set(AUTO_KEY, "true");
        }
        applyDefaults(conf, auto ? 0 : Integer.parseInt(partitions));
        // auto not resolved against an inbox (resolveCodegen) is Spark's default: compiled plans
        if (codegen(config).equals("off")) {
            interpreted().forEach(conf::setIfMissing);
            if (config.values().containsKey(CODEGEN_AUTO)) {
                conf.set(CODEGEN_AUTO_KEY, "true");
            }
        }
        config.values().forEach((k, v) -> {
            if (k.startsWith("spark.conf.")) {
                conf.set(k.substring("spark.conf.".length()), v);
            }
        });
        return conf;
    }

    private static boolean chosen(SparkConf conf, MaraudeConfig config, String sparkKey) {
        return conf.contains(sparkKey) || config.values().containsKey("spark.conf." + sparkKey);
    }

    /** Config value of {@code spark.shuffle.partitions} and {@code spark.codegen} that sizes them to the inbox. */
    public static final String AUTO = "auto";
    private static final String AUTO_KEY = "spark.maraude.shuffle.auto";
    /** Uncompressed inbox bytes per shuffle partition when sized automatically. */
    static final long BYTES_PER_PARTITION = 128L << 20;
    /** Uncompressed inbox text from which Spark compiles its query plans to Java (below: interpreted). */
    static final long CODEGEN_MIN_BYTES = 512L << 20;

    /** Config and Spark keys marking interpreted plans chosen by {@code spark.codegen=auto} ({@link #compiledFor}). */
    private static final String CODEGEN_AUTO = "spark.codegen.resolved";
    static final String CODEGEN_AUTO_KEY = "spark.maraude.codegen.auto";
    /** Text of one dataset from which its parse and de-duplication compile their plans in an interpreted night. */
    public static final long COMPILED_DATASET_BYTES = 8L << 20;
    /** Spark setting that overrides {@link #COMPILED_DATASET_BYTES} ({@code spark.conf.<key>}; tests). */
    static final String COMPILED_DATASET_BYTES_KEY = "spark.maraude.codegen.dataset.bytes";

    /**
     * The session for the plans over one dataset of {@code bytes} of text: when {@code spark.codegen=auto} chose
     * interpreted plans for the night but the dataset is large ({@link #COMPILED_DATASET_BYTES}), a session of its
     * own (same Spark context and settings) that compiles them; otherwise {@code spark} itself. Interpreting a
     * plan costs per row, compiling it once per plan: the demo's touchpoints (129,000 rows) took 16 s of task time
     * to parse and de-duplicate interpreted, 7.6 s compiled, while the night's other plans stay cheaper interpreted.
     */
    public static SparkSession compiledFor(SparkSession spark, long bytes) {
        boolean auto = Boolean.parseBoolean(setting(spark, CODEGEN_AUTO_KEY, "false"));
        long threshold = Long.parseLong(setting(spark, COMPILED_DATASET_BYTES_KEY, Long.toString(COMPILED_DATASET_BYTES)));
        if (!auto || bytes < threshold) {
            return spark;
        }
        SparkSession s = spark.newSession();
        scala.jdk.javaapi.CollectionConverters.asJava(spark.conf().getAll()).forEach((k, v) -> {
            if (s.conf().isModifiable(k) && !v.equals(s.conf().getOption(k).getOrElse(() -> null))) {
                s.conf().set(k, v);
            }
        });
        compiled().forEach(s.conf()::set);
        return s;
    }

    private static String codegen(MaraudeConfig config) {
        String v = config.get("spark.codegen").toLowerCase(java.util.Locale.ROOT);
        if (!v.equals(AUTO) && !v.equals("on") && !v.equals("off")) {
            throw new IllegalArgumentException("spark.codegen must be auto, on or off, not " + config.get("spark.codegen"));
        }
        return v;
    }

    /**
     * {@code spark.codegen=auto} decided before the session starts (Spark reads it when the session is built):
     * {@code off} (interpreted plans) for an inbox under {@link #CODEGEN_MIN_BYTES} of text, else {@code on}.
     * On a small inbox most of a night's CPU goes to the JIT compilers, and every plan Spark compiles to Java is
     * new code for them: interpreting costs less than compiling; on a national inbox compiled plans are faster
     * (BENCHMARKS.md). {@code inboxTextBytes} lists the inbox; when it cannot, Spark's default stays. A
     * code-generation setting given with {@code spark.conf.<key>} or {@code spark-submit --conf} leaves {@code auto}
     * alone.
     */
    public static MaraudeConfig resolveCodegen(MaraudeConfig config, java.util.function.LongSupplier inboxTextBytes) {
        SparkConf submitted = new SparkConf(); // spark-submit --conf, in the system properties
        if (!codegen(config).equals(AUTO) || interpreted().keySet().stream().anyMatch(k -> chosen(submitted, config, k))) {
            return config;
        }
        long bytes;
        try {
            bytes = inboxTextBytes.getAsLong();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Sessions.class).warn("cannot size the inbox ({}): compiled query plans",
                    e.getMessage());
            return config.with("spark.codegen", "on");
        }
        String mode = bytes < CODEGEN_MIN_BYTES ? "off" : "on";
        org.slf4j.LoggerFactory.getLogger(Sessions.class).info("{} MB of inbox text: spark.codegen {}", bytes >> 20, mode);
        return config.with("spark.codegen", mode).with(CODEGEN_AUTO, "true");
    }

    /**
     * With {@code spark.shuffle.partitions=auto}, sets the SQL shuffle partitions from the inbox
     * size ({@code plainBytes}, uncompressed; {@link #shufflePartitions}). Does nothing with a fixed number.
     */
    public static void sizeToInbox(SparkSession spark, long plainBytes) {
        if (!autoPartitions(spark)) {
            return;
        }
        long n = shufflePartitions(spark.sparkContext().defaultParallelism(), plainBytes);
        spark.conf().set("spark.sql.shuffle.partitions", Long.toString(n));
        org.slf4j.LoggerFactory.getLogger(Sessions.class).info("{} shuffle partitions for {} MB of inbox text", n,
                plainBytes >> 20);
    }

    /**
     * One shuffle partition per {@link #BYTES_PER_PARTITION} of inbox text, at least the cores, at most 200: small
     * inboxes then run their many small shuffles as one task per core instead of many tiny tasks.
     */
    static long shufflePartitions(int cores, long plainBytes) {
        return Math.max(cores, Math.min(200, (plainBytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION));
    }

    /**
     * Runs {@code work}, the scoring stage, whose plans are many and small whatever the inbox (models and scores
     * over youth, not touches), with {@link #smallShuffles} and, when {@code spark.codegen.models} is {@code off}
     * (the default) and the session compiles its plans, interpreted plans; then restores the session's settings.
     * Compiling each of the models' hundreds of plans costs more than it saves: at scale 100, scoring took 227 s
     * of task time interpreted against 245 s compiled (BENCHMARKS.md, sessions 6 and 8). A code-generation
     * setting given with {@code spark.conf.<key>} or {@code spark-submit --conf} is left alone.
     */
    public static <T> T smallPlans(SparkSession spark, MaraudeConfig config, java.util.function.Supplier<T> work) {
        String v = config.get("spark.codegen.models").toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("on") && !v.equals("off")) {
            throw new IllegalArgumentException("spark.codegen.models must be on or off, not " + config.get("spark.codegen.models"));
        }
        SparkConf submitted = new SparkConf();
        Map<String, String> settings = new java.util.HashMap<>(partitionPerCore(spark));
        if (v.equals("off") && interpreted().keySet().stream().noneMatch(k -> chosen(submitted, config, k))) {
            settings.putAll(interpreted());
        }
        return with(spark, settings, work);
    }

    /**
     * Runs {@code work}, a stage whose shuffles carry youth, weeks or plans rather than touches, with one shuffle
     * partition per core at most when the partitions follow the inbox (its size says nothing of these rows: a
     * national inbox's 18 partitions made 872 tasks for the 72 rows of the channel scores), then restores them.
     */
    public static <T> T smallShuffles(SparkSession spark, java.util.function.Supplier<T> work) {
        return with(spark, partitionPerCore(spark), work);
    }

    private static Map<String, String> partitionPerCore(SparkSession spark) {
        if (!autoPartitions(spark)) {
            return Map.of();
        }
        long now = Long.parseLong(spark.conf().get("spark.sql.shuffle.partitions"));
        return Map.of("spark.sql.shuffle.partitions", Long.toString(Math.min(now, spark.sparkContext().defaultParallelism())));
    }

    /** Whether the shuffle partitions follow the inbox ({@code spark.shuffle.partitions=auto}). */
    private static boolean autoPartitions(SparkSession spark) {
        return Boolean.parseBoolean(setting(spark, AUTO_KEY, "false"));
    }

    /** A setting of the session, else of its Spark context (where the session's builder put it), else {@code dflt}. */
    public static String setting(SparkSession spark, String key, String dflt) {
        return spark.conf().getOption(key).getOrElse(() -> spark.sparkContext().getConf().get(key, dflt));
    }

    private static <T> T with(SparkSession spark, Map<String, String> settings, java.util.function.Supplier<T> work) {
        Map<String, String> before = new java.util.HashMap<>();
        settings.forEach((k, value) -> {
            before.put(k, spark.conf().getOption(k).getOrElse(() -> null));
            spark.conf().set(k, value);
        });
        try {
            return work.get();
        } finally {
            before.forEach((k, value) -> {
                if (value == null) {
                    spark.conf().unset(k);
                } else {
                    spark.conf().set(k, value);
                }
            });
        }
    }

    /** Spark's settings for interpreted plans: no whole-stage code generation, interpreted expressions. */
    static Map<String, String> interpreted() {
        return Map.of("spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN");
    }

    /** Spark's settings for compiled plans (its defaults): whole-stage code generation, generated expressions. */
    static Map<String, String> compiled() {
        return Map.of("spark.sql.codegen.wholeStage", "true", "spark.sql.codegen.factoryMode", "FALLBACK");
    }

    /** Settings every maraude session needs, also the tests' shared session ({@code shufflePartitions} 0: left alone). */
    public static void applyDefaults(SparkConf conf, int shufflePartitions) {
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.datetime.java8API.enabled", "true");
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        if (shufflePartitions > 0) {
            conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
            conf.setIfMissing("spark.default.parallelism", Integer.toString(shufflePartitions));
        }
        conf.setIfMissing("spark.hadoop.fs.file.impl", LocalFiles.class.getName()); // no chmod process per folder
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Adaptive execution plans each shuffle stage as a job of its own: on a few million rows, the extra jobs
        // cost more than the re-planning gains (BENCHMARKS.md). Joins of dimensions are broadcast from file sizes.
        conf.setIfMissing("spark.sql.adaptive.enabled", "false");
        // Staging writes one folder per inbox file: concurrent writers instead of sorting every row by file.
        conf.setIfMissing("spark.sql.maxConcurrentOutputFileWriters", "64");
        conf.setIfMissing("spark.sql.sources.partitionOverwriteMode", "static");
        conf.setIfMissing("spark.sql.ansi.enabled", "true");
        // lower() and upper() by the JVM's case rules, not ICU's: the same for the contract's labels, and the first
        // ICU case mapping loads ICU's Unicode data, 1.7 s of one task (the others wait for it) in a demo night.
        conf.setIfMissing("spark.sql.icu.caseMappings.enabled", "false");
        if (LOCAL.matcher(conf.get("spark.master", "")).matches()) {
            // The driver is the only executor, so no task can run closer to its data by waiting; and the local
            // scheduler offers its cores again only when a task ends, never on a timer (a cluster's does every
            // second). With the default 3 s delay scheduling, a stage whose remaining task prefers a host without
            // executor (an HDFS file scan when the datanode's name is not the driver's) next to tasks preferring
            // this host (shuffle output) refuses it while those run, then is never offered a core again: the job
            // hangs. That hung the second night on HDFS (the previous release's runs table unioned with this run's
            // files). No wait at all in local mode.
            conf.setIfMissing("spark.locality.wait", "0");
        }
    }
}
