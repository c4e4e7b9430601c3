package org.maraude.notebooks.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.maraude.notebooks.Warehouse;
import org.maraude.notebooks.kernel.KernelSpec;
import org.maraude.notebooks.runner.Ipynb;
import org.maraude.notebooks.runner.NotebookRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code maraude notebooks}: runs the notebooks headless on a warehouse ({@code --run}), or
 * writes the Jupyter kernelspec to open them interactively ({@code --install-kernel}). The
 * launcher {@code ./maraude} hands this command to this module's jar (see notebooks-java/README.md).
 * Exit codes: 0 ok, 1 a cell failed (or the kernel could not be installed), 2 usage error.
 */
@Command(name = "maraude notebooks", mixinStandardHelpOptions = true, version = "maraude notebooks 0.1.0",
        description = "Run the Java notebooks of notebooks-java/ on the warehouse and write executed copies, "
            + "or install the Jupyter kernel to open them interactively.",
        footer = {"", "Exit codes: 0 ok, 1 a cell failed, 2 usage error."})
public final class NotebooksCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Option(names = "--run", description = "execute the notebooks headless (JShell, no Jupyter needed)") boolean run;
    @Option(names = "--install-kernel", description = "write the Jupyter kernelspec maraude-java") boolean installKernel;
    @Option(names = "--warehouse", paramLabel = "FILE", description = "DuckDB warehouse (default out/warehouse.duckdb)") Path warehouse;
    @Option(names = "--out", paramLabel = "DIR", description = "where executed copies go (default out/notebooks)") Path out = Path.of("out", "notebooks");
    @Option(names = "--notebooks", paramLabel = "DIR", description = "folder of the notebooks (default notebooks-java)") Path dir = Path.of("notebooks-java");
    @Option(names = "--cell-timeout", paramLabel = "SECONDS", description = "a cell running longer fails (default 600)") long cellTimeout = 600;
    @Option(names = "--kernels-dir", paramLabel = "DIR", description = "Jupyter kernels folder (default $JUPYTER_DATA_DIR/kernels or ~/.local/share/jupyter/kernels)") Path kernelsDir;
    @Option(names = "--kernel-jar", paramLabel = "FILE", description = "the kernel's jar (default: from the local Maven repository, fetched with mvn when missing)") Path kernelJar;
    @Parameters(paramLabel = "NOTEBOOK", arity = "0..*", description = "notebooks to run (file names or paths; default: all, in name order)") List<String> names = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NotebooksCommand());
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            cmd.getErr().println("maraude notebooks: " + e.getMessage());
            return FAILED;
        });
        return cl;
    }

    @Override
    public Integer call() {
        if (!run && !installKernel) {
            CommandLine cl = new CommandLine(this);
            cl.usage(System.out);
            return USAGE;
        }
        int code = OK;
        if (installKernel) {
            code = installKernel();
        }
        if (run && code == OK) {
            code = runAll();
        }
        return code;
    }

    private int runAll() {
        Path wh = warehouse != null ? warehouse : Warehouse.defaultPath();
        if (!Files.isRegularFile(wh)) {
            System.err.println("maraude notebooks: no warehouse at " + wh + " (run ./maraude demo first, or give --warehouse FILE)");
            return FAILED;
        }
        List<Path> notebooks = select();
        if (notebooks.isEmpty()) {
            System.err.println("maraude notebooks: no notebook in " + dir);
            return USAGE;
        }
        NotebookRunner.Options opts = NotebookRunner.Options.defaults().withWarehouse(wh)
                .withCellTimeout(Duration.ofSeconds(cellTimeout));
        System.out.println("warehouse: " + wh);
        int failed = 0;
        for (Path nb : notebooks) {
            NotebookRunner.Result r = NotebookRunner.run(nb, opts);
            Path written = Ipynb.write(r.notebook(), out.resolve(nb.getFileName()));
            String secs = String.format(Locale.ROOT, "%.1f s", r.seconds());
            if (r.ok()) {
                System.out.println("✔ " + nb.getFileName() + ": " + r.cellsRun() + " cells, " + r.images()
                        + " charts, " + secs + " → " + written);
            } else {
                failed++;
                System.out.println("✘ " + nb.getFileName() + ": " + r.failure() + " (" + secs + ") → " + written);
                r.failure().traceback().stream().limit(12).forEach(l -> System.out.println("    " + l));
            }
        }
        System.out.println(notebooks.size() - failed + " passed, " + failed + " failed");
        return failed == 0 ? OK : FAILED;
    }

    private List<Path> select() {
        if (names.isEmpty()) {
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            Path p = Path.of(n);
            Path f = Files.isRegularFile(p) ? p : dir.resolve(n.endsWith(".ipynb") ? n : n + ".ipynb");
            if (!Files.isRegularFile(f)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "no notebook " + n + " (in " + dir + ")");
            }
            out.add(f);
        }
        return out;
    }

    private int installKernel() {
        Path jar = kernelJar != null ? kernelJar : KernelSpec.kernelJarInLocalRepository();
        if (!Files.isRegularFile(jar)) {
            System.out.println("fetching the Java kernel " + KernelSpec.ARTIFACT + " with Maven…");
            int rc = fetchKernel();
            if (rc != 0 || !Files.isRegularFile(jar)) {
                System.err.println("maraude notebooks: could not fetch " + KernelSpec.ARTIFACT + " (mvn exit " + rc
                        + "); fetch it with `mvn dependency:get -Dartifact=" + KernelSpec.ARTIFACT
                        + "` or give --kernel-jar FILE");
                return FAILED;
            }
        }
        Path wh = warehouse != null ? warehouse : Warehouse.defaultPath();
        Path file = KernelSpec.install(kernelsDir != null ? kernelsDir : KernelSpec.defaultKernelsDir(),
                KernelSpec.json(KernelSpec.currentJava(), KernelSpec.currentJvmOptions(), jar,
                        absoluteClasspath(System.getProperty("java.class.path")), wh));
        System.out.println("kernel: " + file);
        System.out.println("open the notebooks with: jupyter notebook " + dir + "   (kernel \"Java (maraude)\")");
        return OK;
    }

    private static int fetchKernel() {
        try {
            return new ProcessBuilder("mvn", "-B", "-q", "-ntp", "dependency:get", "-Dtransitive=false",
                    "-Dartifact=" + KernelSpec.ARTIFACT).inheritIO().start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The kernel starts elsewhere (Jupyter's folder): every classpath entry must be absolute. */
    static String absoluteClasspath(String cp) {
        List<String> out = new ArrayList<>();
        for (String e : cp.split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }
}
