package org.maraude.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.notebooks.cli.NotebooksCommand;
import org.maraude.notebooks.kernel.KernelSpec;
import org.maraude.notebooks.runner.Ipynb;

/** The notebooks as committed, and the kernelspec that opens them in Jupyter. */
class CommittedNotebooksTest {
    static {
        TestDirs.ensureTmp();
    }

    @Test
    void notebooksAreCommittedWithoutOutputsAndUseTheProjectKernel() throws Exception {
        var notebooks = NotebooksTest.notebooks();
        assertEquals(6, notebooks.size());
        for (Path p : notebooks) {
            ObjectNode nb = Ipynb.read(p);
            assertTrue(Ipynb.isClean(nb), p + " has outputs: clear them before committing (Jupyter: Edit › Clear All Outputs)");
            assertEquals(KernelSpec.NAME, nb.path("metadata").path("kernelspec").path("name").asText(), p.toString());
            for (JsonNode c : nb.path("cells")) {
                String src = Ipynb.joined(c.path("source"));
                assertFalse(c.path("cell_type").asText().equals("code") && src.lines().anyMatch(l -> l.startsWith("%")),
                        p + ": no kernel magic");
            }
        }
    }

    @Test
    void installsTheKernelspecWithTheProjectClasspath(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("kernel.jar"), "stand-in");
        int code = NotebooksCommand.commandLine().execute("--install-kernel", "--kernels-dir", dir.resolve("kernels").toString(),
                "--kernel-jar", jar.toString(), "--warehouse", dir.resolve("w.duckdb").toString());
        assertEquals(NotebooksCommand.OK, code);
        JsonNode k = new ObjectMapper().readTree(dir.resolve("kernels/maraude-java/kernel.json").toFile());
        String argv = k.path("argv").toString();
        assertTrue(argv.contains(KernelSpec.MAIN) && argv.contains("{connection_file}") && argv.contains(jar.toString()), argv);
        assertEquals("java", k.path("language").asText());
        String cp = k.path("env").path("RJK_CLASSPATH").asText();
        assertTrue(cp.contains("notebooks-java") && cp.contains("duckdb"), "the project's classpath: " + cp);
        for (String entry : cp.split(";")) {
            assertTrue(Path.of(entry).isAbsolute(), entry);
        }
        assertEquals(dir.resolve("w.duckdb").toString(), k.path("env").path("MARAUDE_WAREHOUSE").asText());
    }
}
