package org.maraude.notebooks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.maraude.notebooks.Display;
import org.maraude.notebooks.Warehouse;

/**
 * Executes a notebook's code cells in order on the JDK's JShell, in this JVM (JShell's "local"
 * execution engine: no second JVM to start or to lose, and the classpath is this process's), and
 * writes the outputs back in nbformat 4: printed text as {@code stream} outputs, the value of a
 * cell's last expression as {@code execute_result} (an image as {@code display_data}),
 * {@code display(...)} images as {@code display_data} PNG, and the first failing cell's
 * {@code error}, after which nothing more runs.
 *
 * <p>Each notebook gets a fresh JShell. While it runs, {@code System.out} and {@code System.err}
 * are redirected to the cell's outputs (so one runner executes one notebook at a time), the
 * system property {@value Display#RUNNER_PROPERTY} is "true" and, when {@link Options#warehouse}
 * is given, {@value Warehouse#PROPERTY} names it for {@code Warehouse.open()}. Warehouses the
 * notebook opened and left open are closed at the end.
 */
public final class NotebookRunner {
    /**
     * Evaluated before the first cell: the imports the {@code jshell} tool starts with (java.util,
     * java.nio.file, streams…), and the runner's {@code display} (Jupyter's Java kernel has its own).
     */
    static final String PRELUDE = "import java.io.*; import java.math.*; import java.net.*; import java.nio.file.*; "
            + "import java.util.*; import java.util.concurrent.*; import java.util.function.*; import java.util.regex.*; "
            + "import java.util.stream.*; import static org.maraude.notebooks.Display.display;";

    private NotebookRunner() {}

    /**
     * @param classpath   what cells compile and run against (default: this JVM's class path)
     * @param warehouse   the warehouse {@code Warehouse.open()} opens, or null for its own default
     * @param cellTimeout a cell still running after this is stopped and fails the notebook
     */
    public record Options(String classpath, Path warehouse, Duration cellTimeout) {
        public static Options defaults() {
            return new Options(System.getProperty("java.class.path"), null, Duration.ofMinutes(10));
        }

        public Options withWarehouse(Path file) {
            return new Options(classpath, file, cellTimeout);
        }

        public Options withCellTimeout(Duration d) {
            return new Options(classpath, warehouse, d);
        }
    }

    /** The error of the cell that stopped the notebook ({@code cell}: position among code cells, from 1). */
    public record Failure(int cell, String ename, String evalue, List<String> traceback) {
        @Override
        public String toString() {
            return "cell " + cell + ": " + ename + (evalue == null || evalue.isEmpty() ? "" : ": " + evalue);
        }
    }

    /** The executed notebook, how many code cells ran, and the failure if one stopped it. */
    public record Result(ObjectNode notebook, int cellsRun, int codeCells, Failure failure, double seconds) {
        public boolean ok() {
            return failure == null;
        }

        /** Every text output of the executed notebook (streams, results, errors), in order. */
        public String text() {
            StringBuilder b = new StringBuilder();
            for (JsonNode cell : notebook.path("cells")) {
                for (JsonNode o : cell.path("outputs")) {
                    b.append(Ipynb.joined(o.path("text")));
                    b.append(Ipynb.joined(o.path("data").path("text/plain")));
                    b.append(o.path("ename").asText("")).append(o.has("ename") ? ": " : "").append(o.path("evalue").asText(""));
                    b.append('\n');
                }
            }
            return b.toString();
        }

        /** How many PNG images the executed notebook shows. */
        public int images() {
            int n = 0;
            for (JsonNode cell : notebook.path("cells")) {
                for (JsonNode o : cell.path("outputs")) {
                    n += o.path("data").has("image/png") ? 1 : 0;
                }
            }
            return n;
        }
    }

    /** Reads, executes and returns the notebook at {@code file} (the file is not changed). */
    public static Result run(Path file, Options options) {
        return run(Ipynb.read(file), options);
    }

    /** Executes a copy of {@code notebook}. */
    public static synchronized Result run(ObjectNode notebook, Options options) {
        long start = System.nanoTime();
        ObjectNode nb = notebook.deepCopy();
        Ipynb.setJavaMetadata(nb);
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        String runnerProp = System.getProperty(Display.RUNNER_PROPERTY);
        String whProp = System.getProperty(Warehouse.PROPERTY);
        Recorder rec = new Recorder();
        PrintStream out = new PrintStream(rec.stream("stdout"), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(rec.stream("stderr"), true, StandardCharsets.UTF_8);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notebook-watchdog");
            t.setDaemon(true);
            return t;
        });
        long warehouses = Warehouse.openedSoFar();
        int codeCells = 0;
        int ran = 0;
        Failure failure = null;
        System.setProperty(Display.RUNNER_PROPERTY, "true");
        if (options.warehouse() != null) {
            System.setProperty(Warehouse.PROPERTY, options.warehouse().toAbsolutePath().toString());
        }
        // -proc:none: annotation processors on the project's classpath (log4j's) must not run on every cell
        try (JShell js = JShell.builder().executionEngine("local").out(out).err(err)
                .compilerOptions("-proc:none").build()) {
            if (options.classpath() != null && !options.classpath().isBlank()) {
                js.addToClasspath(options.classpath());
            }
            // the first compilation warms JShell up (seconds on a busy machine): not the notebook's time
            Cell prelude = evalCell(js, PRELUDE, watchdog, Duration.ofMinutes(5));
            if (prelude.failure != null) {
                throw new IllegalStateException("the notebook API is not on the classpath: " + prelude.failure.evalue);
            }
            for (JsonNode c : nb.withArray("cells")) {
                ObjectNode cell = (ObjectNode) c;
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                codeCells++;
                cell.putArray("outputs");
                if (failure != null) {
                    cell.putNull("execution_count");
                    continue;
                }
                ran++;
                cell.put("execution_count", ran);
                rec.reset();
                System.setOut(out);
                System.setErr(err);
                Cell result;
                try {
                    result = evalCell(js, Ipynb.joined(cell.path("source")), watchdog, options.cellTimeout());
                    if (result.failure == null && result.valueRef != null) {
                        show(js, result, watchdog, options.cellTimeout());
                    }
                } finally {
                    out.flush();
                    err.flush();
                    System.setOut(realOut);
                    System.setErr(realErr);
                }
                ArrayNode outputs = cell.withArray("outputs");
                rec.outputs(outputs);
                if (result.failure != null) {
                    failure = new Failure(codeCells, result.failure.ename, result.failure.evalue, result.failure.traceback);
                    outputs.add(Ipynb.error(failure.ename(), failure.evalue(), failure.traceback()));
                } else if (result.value != null && !result.shown) {
                    outputs.add(Ipynb.executeResult(ran, result.value));
                }
            }
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
            restore(Display.RUNNER_PROPERTY, runnerProp);
            restore(Warehouse.PROPERTY, whProp);
            watchdog.shutdownNow();
            Warehouse.closeOpenedSince(warehouses);
        }
        return new Result(nb, ran, codeCells, failure, (System.nanoTime() - start) / 1e9);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** What one cell did: its last expression's value (and how to refer to it), or its failure. */
    private static final class Cell {
        String value;
        String valueRef;
        String valueType;
        boolean shown;
        Failure failure;
    }

    /**
     * Splits the cell into JShell snippets (declarations, statements, expressions) and evaluates
     * them in order, stopping at the first that does not compile or throws.
     */
    static Cell evalCell(JShell js, String source, ScheduledExecutorService watchdog, Duration timeout) {
        Cell cell = new Cell();
        SourceCodeAnalysis sca = js.sourceCodeAnalysis();
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(remaining);
            String snippet;
            switch (info.completeness()) {
                case EMPTY -> {
                    return cell; // only comments or blank lines are left
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    cell.failure = new Failure(0, "IncompleteSource", "the cell ends in the middle of a statement",
                            List.of(remaining.strip()));
                    return cell;
                }
                case UNKNOWN -> {
                    // not parseable: evaluate what is left so that the compiler says why
                    snippet = info.source() == null || info.source().isBlank() ? remaining : info.source();
                    remaining = info.source() == null || info.source().isBlank() ? "" : info.remaining();
                }
                default -> {
                    snippet = info.source();
                    remaining = info.remaining();
                }
            }
            cell.value = null;
            cell.valueRef = null;
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> alarm = watchdog.schedule(() -> {
                timedOut.set(true);
                js.stop();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<SnippetEvent> events;
            try {
                events = js.eval(snippet);
            } finally {
                alarm.cancel(false);
            }
            if (timedOut.get()) {
                cell.failure = new Failure(0, "Timeout", "the cell ran longer than " + timeout.toSeconds()
                        + " s and was stopped", List.of(snippet.strip()));
                return cell;
            }
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() != null) {
                    continue; // a dependent snippet updated by this one
                }
                Failure f = failure(js, ev);
                if (f != null) {
                    cell.failure = f;
                    return cell;
                }
                valueOf(ev, cell);
            }
        }
        return cell;
    }

    private static Failure failure(JShell js, SnippetEvent ev) {
        Snippet s = ev.snippet();
        if (ev.status() == Snippet.Status.REJECTED) {
            List<String> lines = new ArrayList<>();
            String first = null;
            for (Diag d : js.diagnostics(s).toList()) {
                if (!d.isError()) {
                    continue;
                }
                String msg = d.getMessage(java.util.Locale.ENGLISH);
                first = first == null ? msg : first;
                lines.add("error: " + msg);
                lines.addAll(pointAt(s.source(), (int) d.getStartPosition(), (int) d.getEndPosition()));
            }
            return new Failure(0, "CompilationError", first == null ? "the snippet was rejected" : oneLine(first),
                    lines.isEmpty() ? List.of(s.source().strip()) : lines);
        }
        if (ev.status() == Snippet.Status.RECOVERABLE_DEFINED || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            String missing = String.join(", ", js.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).toList());
            return new Failure(0, "UnresolvedReference", "cannot find " + missing, List.of(s.source().strip()));
        }
        Exception e = ev.exception();
        if (e instanceof UnresolvedReferenceException u) {
            String missing = String.join(", ", js.unresolvedDependencies(u.getSnippet()).toList());
            return new Failure(0, "UnresolvedReference", "cannot find " + missing, List.of(s.source().strip()));
        }
        if (e instanceof EvalException x) {
            List<String> trace = new ArrayList<>();
            for (Throwable t = x; t != null; t = t.getCause()) {
                String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
                trace.add((t == x ? "" : "Caused by: ") + name + (t.getMessage() == null ? "" : ": " + t.getMessage()));
                for (StackTraceElement el : t.getStackTrace()) {
                    if (el.getClassName().startsWith("jdk.jshell.") || el.getClassName().startsWith("jdk.internal.")
                            || el.getClassName().startsWith("java.lang.reflect.")) {
                        break; // below the snippet: the runner's own frames
                    }
                    trace.add("\tat " + el);
                }
            }
            return new Failure(0, x.getExceptionClassName(), x.getMessage() == null ? "" : x.getMessage(), trace);
        }
        if (e != null) {
            return new Failure(0, e.getClass().getName(), String.valueOf(e.getMessage()), List.of(e.toString()));
        }
        return null;
    }

    /** javac's message on one line: "cannot find symbol (symbol: variable x, location: class)". */
    private static String oneLine(String s) {
        List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() <= 1) {
            return lines.isEmpty() ? s : lines.get(0);
        }
        return lines.get(0) + " (" + String.join(", ", lines.subList(1, lines.size())).replaceAll("\\s+", " ") + ")";
    }

    /** The snippet's line(s) with carets under the error, as javac prints them. */
    private static List<String> pointAt(String source, int start, int end) {
        if (start < 0 || start > source.length()) {
            return List.of();
        }
        int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            lineStart = 0;
        }
        int lineEnd = source.indexOf('\n', start);
        lineEnd = lineEnd < 0 ? source.length() : lineEnd;
        String line = source.substring(lineStart, lineEnd);
        int from = start - lineStart;
        int to = Math.max(from + 1, Math.min(end, lineEnd) - lineStart);
        return List.of(line, " ".repeat(from) + "^".repeat(Math.max(1, to - from)));
    }

    /** Keeps the value of an expression snippet (a bare expression or a variable named alone). */
    private static void valueOf(SnippetEvent ev, Cell cell) {
        Snippet s = ev.snippet();
        if (s instanceof VarSnippet v && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            cell.value = ev.value();
            cell.valueRef = v.name();
            cell.valueType = v.typeName();
        } else if (s instanceof ExpressionSnippet x) {
            cell.value = ev.value();
            cell.valueRef = x.name();
            cell.valueType = x.typeName();
        }
    }

    /** An image as the last expression is displayed rather than printed (as Jupyter kernels do). */
    private static void show(JShell js, Cell cell, ScheduledExecutorService watchdog, Duration timeout) {
        if (cell.valueType != null && (cell.valueType.endsWith("Image") || cell.valueType.equals("byte[]"))) {
            Cell d = evalCell(js, "org.maraude.notebooks.Display.display(" + cell.valueRef + ");", watchdog, timeout);
            cell.shown = d.failure == null;
        }
    }

    /**
     * What a cell printed, as a sequence of (stream name, bytes) chunks in the order written; a
     * display line on stdout becomes an image output at its place.
     */
    private static final class Recorder {
        private final List<String> names = new ArrayList<>();
        private final List<ByteArrayOutputStream> chunks = new ArrayList<>();

        synchronized void reset() {
            names.clear();
            chunks.clear();
        }

        OutputStream stream(String name) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (Recorder.this) {
                        if (names.isEmpty() || !names.get(names.size() - 1).equals(name)) {
                            names.add(name);
                            chunks.add(new ByteArrayOutputStream());
                        }
                        chunks.get(chunks.size() - 1).write(b, off, len);
                    }
                }
            };
        }

        synchronized void outputs(ArrayNode outputs) {
            for (int i = 0; i < names.size(); i++) {
                String text = chunks.get(i).toString(StandardCharsets.UTF_8);
                if (!names.get(i).equals("stdout")) {
                    outputs.add(Ipynb.stream(names.get(i), text));
                    continue;
                }
                int from = 0;
                int m;
                while ((m = text.indexOf(Display.MARKER, from)) >= 0) {
                    if (m > from) {
                        outputs.add(Ipynb.stream("stdout", text.substring(from, m)));
                    }
                    int eol = text.indexOf('\n', m);
                    eol = eol < 0 ? text.length() : eol;
                    String[] parts = text.substring(m + Display.MARKER.length(), eol).split(" ", 2);
                    outputs.add(Ipynb.displayData(parts[0], parts.length > 1 ? parts[1] : ""));
                    from = Math.min(text.length(), eol + 1);
                }
                if (from < text.length()) {
                    outputs.add(Ipynb.stream("stdout", text.substring(from)));
                }
            }
        }
    }

    static JsonNodeFactory json() {
        return JsonNodeFactory.instance;
    }
}
