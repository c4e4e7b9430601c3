package org.maraude.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What data staff set once, read from a properties file ({@code --config FILE}) with every key
 * overridable by an environment variable: {@code MARAUDE_} + the key upper-cased with dots and
 * dashes as underscores ({@code spark.master} → {@code MARAUDE_SPARK_MASTER}). Command-line
 * options override both. Every key and its default is listed in {@link #KEYS} and in the README.
 */
public record MaraudeConfig(Map<String, String> values) implements Serializable {

    /** Documented keys with their defaults; unknown keys in a file are refused (typos). */
    public static final Map<String, String[]> KEYS = keys();

    private static Map<String, String[]> keys() {
        Map<String, String[]> k = new TreeMap<>();
        k.put("inbox", new String[] {"sample-data/inbox", "the inbox folder (local path or Hadoop URI)"});
        k.put("out", new String[] {"out", "output folder: warehouse.duckdb, parquet/, dashboards/, staging/"});
        k.put("spark.master", new String[] {"local[*]", "Spark master URL; spark-submit's --master wins"});
        k.put("spark.shuffle.partitions", new String[] {"auto", "shuffle partitions: auto (one per 128 MB of inbox, at least the cores) or a number"});
        k.put("spark.codegen", new String[] {"auto", "Spark code generation: auto (interpreted plans for an inbox under 512 MB of text), on or off"});
        k.put("spark.codegen.models", new String[] {"off", "Spark code generation in the scoring stage (models and scores over youth, not touches): off interprets its plans even in a compiled night, on follows spark.codegen"});
        k.put("spark.driver.memory", new String[] {"", "informational: set the heap with MARAUDE_HEAP (launcher)"});
        k.put("journey.lookback.days", new String[] {"30", "identity stitching: a link claims earlier touches this many days back"});
        k.put("journey.source.window.days", new String[] {"30", "source rule: last touch at most this many days before first contact"});
        k.put("attribution.half.life.days", new String[] {"7", "time-decay attribution: a touch this many days older weighs half"});
        k.put("attribution.position.first", new String[] {"0.4", "position-based attribution: share of the first touch"});
        k.put("attribution.position.last", new String[] {"0.4", "position-based attribution: share of the last touch"});
        k.put("scoring.min.contacts", new String[] {"30", "scores: contacts a creative or channel needs for the minimum-evidence flag"});
        k.put("scoring.model.min.rows", new String[] {"300", "models: contacted youth a project needs for its own model"});
        k.put("scoring.models.max.age.days", new String[] {"7", "models: a night keeps earlier models this many days old at most (0: fit every night)"});
        k.put("scoring.models.max.growth", new String[] {"0.1", "models: fitted again when a scope's contacted youth changed by more than this share"});
        k.put("suppression.k", new String[] {"11", "small-cell rule: counts 1..k-1 shown as '< k' outside a project"});
        k.put("rejects.max.share", new String[] {"0.05", "share of rejected rows above which the run fails (exit 3)"});
        k.put("ingest.max.cell.chars", new String[] {"1000", "longer cells reject their row"});
        k.put("ingest.max.columns", new String[] {"500", "wider headers reject their file"});
        k.put("ingest.min.date", new String[] {"2000-01-01", "earlier dates reject their row"});
        k.put("ingest.max.date", new String[] {"2035-12-31", "later dates reject their row"});
        k.put("ingest.max.gzip.ratio", new String[] {"200", "a .gz expanding more than this is refused"});
        k.put("ingest.meta.default.platform", new String[] {"facebook", "Meta exports without a platform column"});
        k.put("publish.keep.runs", new String[] {"3", "how many published runs are kept for rollback"});
        k.put("pipeline.models", new String[] {"true", "run attribution, scoring and planning (false: the funnel alone, quicker)"});
        k.put("bench.compare.duckdb", new String[] {"false", "benchmark: also compute the core funnel with DuckDB and log both times"});
        k.put("lang", new String[] {"fr", "language of dashboards and reports (fr or en)"});
        k.put("mail.smtp.host", new String[] {"", "SMTP server for reports and alerts"});
        k.put("mail.smtp.port", new String[] {"", "SMTP port (default 587 with starttls, 465 with ssl, 25 with none)"});
        k.put("mail.smtp.user", new String[] {"", "SMTP login; the password comes from MARAUDE_MAIL_PASSWORD or mail.password.file"});
        k.put("mail.password.file", new String[] {"", "file holding the SMTP password (never on the command line)"});
        k.put("mail.security", new String[] {"starttls", "starttls, ssl or none"});
        k.put("mail.from", new String[] {"", "sender address"});
        k.put("mail.to", new String[] {"", "report recipients, comma-separated"});
        k.put("mail.staff.to", new String[] {"", "data staff alerted when a nightly run fails or rejects too much"});
        k.put("mail.retry.attempts", new String[] {"4", "attempts on transient SMTP failures"});
        k.put("mail.retry.backoff.ms", new String[] {"2000", "first retry delay, doubled each time"});
        k.put("mail.timeout.ms", new String[] {"30000", "timeout of each SMTP operation"});
        k.put("mail.smtp.ssl.trust", new String[] {"", "hosts whose certificate is trusted as is (internal relay)"});
        return Map.copyOf(k);
    }

    public static MaraudeConfig defaults() {
        return load(null, System.getenv());
    }

    /** Loads defaults, then the file (if any), then environment overrides. */
    public static MaraudeConfig load(Path file, Map<String, String> env) {
        Map<String, String> v = new TreeMap<>();
        KEYS.forEach((key, d) -> v.put(key, d[0]));
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config file " + file, e);
            }
            for (String key : p.stringPropertyNames()) {
                if (!KEYS.containsKey(key) && !key.startsWith("spark.conf.")) {
                    throw new IllegalArgumentException("unknown config key '" + key + "' in " + file
                            + " (known keys: " + String.join(", ", KEYS.keySet()) + ")");
                }
                v.put(key, p.getProperty(key).strip());
            }
        }
        for (String key : KEYS.keySet()) {
            String e = env.get(envName(key));
            if (e != null && !e.isBlank()) {
                v.put(key, e.strip());
            }
        }
        return new MaraudeConfig(Map.copyOf(v));
    }

    public static String envName(String key) {
        return "MARAUDE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public MaraudeConfig with(String key, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> v = new TreeMap<>(values);
        v.put(key, value);
        return new MaraudeConfig(Map.copyOf(v));
    }

    public String get(String key) {
        String s = values.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no config key " + key);
        }
        return s;
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key " + key + " must be a whole number");
        }
    }

    public double getDouble(String key) {
        try {
            return Double.parseDouble(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key " + key + " must be a number");
        }
    }

    public LocalDate getDate(String key) {
        return LocalDate.parse(get(key));
    }

    public String inbox() {
        return get("inbox");
    }

    public String out() {
        return get("out");
    }
}
