package org.maraude.notebooks.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jupyter kernelspec {@code maraude-java}: the Java kernel for Jupyter published on Maven
 * Central as {@value #ARTIFACT} (rapaio-jupyter-kernel, Java 17), started with this JVM's options
 * (heap, Spark's {@code --add-opens}) and given the project's classpath through its
 * {@code RJK_CLASSPATH} variable, so that {@code import org.maraude.notebooks.*;} works in a cell.
 * Writes {@code <kernels>/maraude-java/kernel.json} (overwriting an earlier one); nothing else.
 */
public final class KernelSpec {
    public static final String NAME = "maraude-java";
    public static final String ARTIFACT = "io.github.padreati:rapaio-jupyter-kernel:3.0.1";
    public static final String MAIN = "org.rapaio.jupyter.kernel.MainApp";

    private KernelSpec() {}

    /** {@code $JUPYTER_DATA_DIR/kernels}, else {@code ~/.local/share/jupyter/kernels} (Linux). */
    public static Path defaultKernelsDir() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        return data != null && !data.isBlank() ? Path.of(data, "kernels")
                : Path.of(System.getProperty("user.home"), ".local", "share", "jupyter", "kernels");
    }

    /** Where Maven keeps the kernel's jar once {@code mvn dependency:get} has fetched it. */
    public static Path kernelJarInLocalRepository() {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null && !repo.isBlank() ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        String[] gav = ARTIFACT.split(":");
        return root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
    }

    /** The kernel.json document. */
    public static ObjectNode json(Path java, List<String> jvmOptions, Path kernelJar, String classpath, Path warehouse) {
        ObjectNode k = new ObjectMapper().createObjectNode();
        var argv = k.putArray("argv");
        argv.add(java.toString());
        jvmOptions.forEach(argv::add);
        argv.add("-Djava.awt.headless=true");
        argv.add("-cp");
        argv.add(kernelJar.toAbsolutePath().toString());
        argv.add(MAIN);
        argv.add("{connection_file}");
        k.put("display_name", "Java (maraude)");
        k.put("language", "java");
        k.put("interrupt_mode", "message");
        ObjectNode env = k.putObject("env");
        // the kernel splits RJK_CLASSPATH on ';' (whatever the platform) and adds each entry (or glob) to JShell
        env.put("RJK_CLASSPATH", String.join(";", classpath.split(File.pathSeparator)));
        // javac must not run the annotation processors found on the classpath (log4j's) on every cell
        env.put("RJK_COMPILER_OPTIONS", "-proc:none");
        env.put("RJK_TIMEOUT_MILLIS", "-1");
        if (warehouse != null) {
            env.put("MARAUDE_WAREHOUSE", warehouse.toAbsolutePath().normalize().toString());
        }
        return k;
    }

    /**
     * Run by the kernel at start-up ({@code RJK_INIT_SCRIPT}): objects shown as plain text rather
     * than the kernel's default HTML, so that a {@code Table} keeps its aligned columns. (The
     * kernel runs this script statement by statement: no method declarations here.)
     */
    static final String INIT_SCRIPT = "// maraude: values as plain text (tables keep their columns aligned)\n"
            + "options().display().defaultMime(\"text/plain\");\n";

    /**
     * Writes the kernelspec into {@code kernelsDir/maraude-java/} (kernel.json and the start-up
     * script it names) and returns the kernel.json path.
     */
    public static Path install(Path kernelsDir, ObjectNode json) {
        Path dir = kernelsDir.resolve(NAME);
        try {
            Files.createDirectories(dir);
            Path init = Files.writeString(dir.resolve("init.jshell"), INIT_SCRIPT, StandardCharsets.UTF_8);
            ((ObjectNode) json.path("env")).put("RJK_INIT_SCRIPT", init.toAbsolutePath().toString());
            Path file = dir.resolve("kernel.json");
            Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec into " + dir, e);
        }
    }

    /** This JVM's executable. */
    public static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /**
     * This JVM's options that the kernel needs too: the heap and the module openings Spark wants
     * on Java 17 (the launcher's, from the parent pom's {@code spark.jvm.flags}).
     */
    public static List<String> currentJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("--add-opens") || a.startsWith("--add-exports")
                    || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Djdk.reflect.")
                    || a.startsWith("-Dio.netty.") || a.startsWith("-Duser.timezone")) {
                out.add(a);
            }
        }
        return out;
    }
}
