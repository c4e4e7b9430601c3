package org.maraude.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.notebooks.runner.Ipynb;
import org.maraude.notebooks.runner.NotebookRunner;

/** The runner on small notebooks built here: outputs in nbformat, the first failure stops it. */
class NotebookRunnerTest {
    static {
        TestDirs.ensureTmp();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode notebook(String... cells) {
        ObjectNode nb = JSON.createObjectNode();
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        nb.putObject("metadata");
        var arr = nb.putArray("cells");
        arr.addObject().put("cell_type", "markdown").put("source", "# a title");
        for (String c : cells) {
            ObjectNode cell = arr.addObject();
            cell.put("cell_type", "code");
            cell.putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
            var src = cell.putArray("source");
            for (String line : c.split("(?<=\n)")) {
                src.add(line);
            }
        }
        return nb;
    }

    static NotebookRunner.Result run(ObjectNode nb) {
        return NotebookRunner.run(nb, NotebookRunner.Options.defaults().withCellTimeout(Duration.ofSeconds(60)));
    }

    static List<JsonNode> code(NotebookRunner.Result r) {
        List<JsonNode> out = new ArrayList<>();
        r.notebook().path("cells").forEach(c -> {
            if (c.path("cell_type").asText().equals("code")) {
                out.add(c);
            }
        });
        return out;
    }

    static List<String> types(JsonNode cell) {
        List<String> out = new ArrayList<>();
        cell.path("outputs").forEach(o -> out.add(o.path("output_type").asText() + (o.has("name") ? ":" + o.path("name").asText() : "")));
        return out;
    }

    @Test
    void writesStreamsResultsAndImagesInOrder() {
        NotebookRunner.Result r = run(notebook(
                "import org.maraude.notebooks.*;\nint n = 3;\nSystem.out.println(\"n is \" + n);\nn * 2",
                "Table t = Table.of(List.of(\"k\", \"v\"), List.of(List.of(\"a\", 1), List.of(\"b\", 2)));\n"
                        + "System.out.println(\"before\");\ndisplay(Chart.bar(\"t\", t));\nSystem.out.println(\"after\");",
                "// a method, then a value that prints as a table\nString twice(String s) { return s + s; }\ntwice(\"ab\")",
                "System.err.println(\"careful\");\nt",
                "Chart.line(\"as last expression\", t)"));
        assertTrue(r.ok(), () -> String.valueOf(r.failure()));
        List<JsonNode> cells = code(r);
        assertEquals(List.of("stream:stdout", "execute_result"), types(cells.get(0)));
        assertEquals("n is 3\n", Ipynb.joined(cells.get(0).path("outputs").get(0).path("text")));
        assertEquals("6", Ipynb.joined(cells.get(0).path("outputs").get(1).path("data").path("text/plain")));
        assertEquals(1, cells.get(0).path("execution_count").asInt());
        assertEquals(List.of("stream:stdout", "display_data", "stream:stdout"), types(cells.get(1)));
        byte[] png = Base64.getDecoder().decode(cells.get(1).path("outputs").get(1).path("data").path("image/png").asText());
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("\"abab\"", Ipynb.joined(cells.get(2).path("outputs").get(0).path("data").path("text/plain")));
        assertEquals(List.of("stream:stderr", "execute_result"), types(cells.get(3)));
        assertTrue(Ipynb.joined(cells.get(3).path("outputs").get(1).path("data").path("text/plain")).contains("(2 rows)"));
        assertEquals(List.of("display_data"), types(cells.get(4)), "an image as last expression is shown, not printed");
        assertEquals(2, r.images());
        assertEquals(5, r.cellsRun());
    }

    @Test
    void stopsAtTheFirstFailingCellWithItsError() {
        NotebookRunner.Result r = run(notebook(
                "System.out.println(\"one\");",
                "String s = null;\nSystem.out.println(\"two\");\nif (s == null) throw new IllegalStateException(\"no value here\");",
                "System.out.println(\"three\");"));
        assertFalse(r.ok());
        assertEquals(2, r.failure().cell());
        assertEquals("java.lang.IllegalStateException", r.failure().ename());
        assertEquals("no value here", r.failure().evalue());
        List<JsonNode> cells = code(r);
        assertEquals(List.of("stream:stdout", "error"), types(cells.get(1)));
        assertEquals("two\n", Ipynb.joined(cells.get(1).path("outputs").get(0).path("text")));
        assertTrue(cells.get(2).path("outputs").isEmpty());
        assertTrue(cells.get(2).path("execution_count").isNull(), "cells after the failure do not run");
        assertEquals(2, r.cellsRun());
        assertFalse(r.text().contains("three"));
    }

    @Test
    void reportsCompilationErrorsWithTheLine() {
        NotebookRunner.Result r = run(notebook("int x = 1;", "int y = x + undefinedName;"));
        assertFalse(r.ok());
        assertEquals("CompilationError", r.failure().ename());
        assertTrue(r.failure().evalue().contains("undefinedName"), r.failure().evalue());
        assertTrue(String.join("\n", r.failure().traceback()).contains("^"), "points at the error");
    }

    @Test
    void anUnfinishedCellFails() {
        NotebookRunner.Result r = run(notebook("for (int i = 0; i < 3; i++) {"));
        assertEquals("IncompleteSource", r.failure().ename());
    }

    @Test
    void aCellRunningTooLongIsStopped() {
        NotebookRunner.Result r = NotebookRunner.run(notebook("while (true) { Thread.sleep(10); }", "1 + 1"),
                NotebookRunner.Options.defaults().withCellTimeout(Duration.ofSeconds(1)));
        assertEquals("Timeout", r.failure().ename());
        assertEquals(1, r.cellsRun());
    }

    @Test
    void restoresTheConsoleAndWritesNotebooksAsJupyterDoes(@TempDir Path dir) throws Exception {
        java.io.PrintStream before = System.out;
        NotebookRunner.Result r = run(notebook("System.out.println(\"x\");"));
        assertEquals(before, System.out);
        assertNull(System.getProperty(Display.RUNNER_PROPERTY));
        Path f = Ipynb.write(r.notebook(), dir.resolve("out.ipynb"));
        String text = Files.readString(f);
        assertTrue(text.startsWith("{\n \"nbformat\": 4,"), text.substring(0, 40));
        assertTrue(text.contains("\"metadata\": {}"), "empty objects as Jupyter writes them");
        assertEquals("maraude-java", Ipynb.read(f).path("metadata").path("kernelspec").path("name").asText());
        assertTrue(Ipynb.isClean(notebook("1")));
        assertFalse(Ipynb.isClean(r.notebook()));
    }
}
