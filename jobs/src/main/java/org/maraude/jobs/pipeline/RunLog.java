package org.maraude.jobs.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.maraude.jobs.spark.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structured log of a run ({@code <out>/logs/<run_id>.jsonl}, one JSON object per line) and
 * its readable progress lines: every stage logs its wall time and counts, so production nights are
 * measured the way the benchmark measures them.
 */
public final class RunLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("maraude");
    private final Writer out;
    private final String runId;
    private final Instant start = Instant.now();
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
    private String currentStage;

    public RunLog(Path logs, String runId) {
        this(Location.local(logs), runId);
    }

    public RunLog(Location logs, String runId) {
        this.runId = runId;
        try {
            logs.mkdirs();
            out = logs.resolve(runId + ".jsonl").appender();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run log in " + logs + ": " + e.getMessage(), e);
        }
    }

    public interface Stage<T> {
        T run();
    }

    /** Runs one stage, logging its start, end, wall time and the counts it reports. */
    public <T> T stage(String name, Stage<T> body, java.util.function.Function<T, Map<String, Object>> counts) {
        Instant t0 = Instant.now();
        LOG.info("▶ {} …", name);
        currentStage = name;
        T result = body.run();
        currentStage = null;
        double s = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
        stageSeconds.put(name, s);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("stage", name);
        fields.put("seconds", s);
        if (counts != null) {
            fields.putAll(counts.apply(result));
        }
        event("stage", fields);
        LOG.info("✔ {} in {} s{}", name, String.format(java.util.Locale.ROOT, "%.1f", s),
                counts == null ? "" : " " + counts.apply(result));
        return result;
    }

    /** The stage running now, or null between stages. */
    public String currentStage() {
        return currentStage;
    }

    public Map<String, Double> stageSeconds() {
        return stageSeconds;
    }

    public double elapsedSeconds() {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    public Instant start() {
        return start;
    }

    public void event(String type, Map<String, Object> fields) {
        StringBuilder b = new StringBuilder("{\"ts\":\"").append(Instant.now()).append("\",\"run_id\":\"").append(runId)
                .append("\",\"event\":\"").append(type).append('"');
        fields.forEach((k, v) -> {
            b.append(",\"").append(json(k)).append("\":");
            if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                b.append('"').append(json(String.valueOf(v))).append('"');
            }
        });
        b.append("}\n");
        try {
            out.write(b.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
