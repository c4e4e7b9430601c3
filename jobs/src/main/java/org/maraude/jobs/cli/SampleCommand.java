package org.maraude.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maraude.sample.SampleGenerator;
import org.maraude.sample.SampleOptions;
import org.maraude.sample.SampleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maraude sample}: write a realistic, seeded inbox and, beside it, the truth that generated it. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate a sample inbox (ten fictitious projects) with its ground truth in <out>/../truth.")
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "inbox folder to write") Path out;
    @Option(names = "--truth", paramLabel = "DIR", description = "truth folder (default: <out>/../truth)") Path truth;
    @Option(names = "--scale", defaultValue = "1", description = "1 = the demo inbox; 100 = the national programme (default ${DEFAULT-VALUE})")
    double scale;
    @Option(names = "--seed", defaultValue = "42", description = "same seed, byte-identical files (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--months", defaultValue = "24", description = "months simulated from 2024-09 (default ${DEFAULT-VALUE})")
    int months;

    @Option(names = "--projects", split = ",", paramLabel = "ID",
            description = "generate only these projects (comma-separated ids; default: all ten)")
    java.util.Set<String> projects;
    @Option(names = "--no-quirks", description = "no planted duplicates, PII, broken lines or native exports") boolean noQuirks;
    @Option(names = "--overwrite", description = "replace a sample inbox already in --out (only the generator's own folders)")
    boolean overwrite;

    @Override
    public Integer call() {
        SampleOptions.Builder b = SampleOptions.builder(out).scale(scale).seed(seed).months(months).projects(projects).quirks(!noQuirks)
                .overwrite(overwrite);
        if (truth != null) {
            b.truth(truth);
        }
        SampleSummary s = SampleGenerator.generate(b.build());
        System.out.printf("sample inbox: %s (%d files, %d youth, %d quirks planted) in %.1f s%n", out, s.files().size(),
                s.youthCount(), s.quirkCount(), s.elapsed().toMillis() / 1000.0);
        s.rowsPerDataset().forEach((d, n) -> System.out.printf("  %-16s %,12d rows%n", d, n));
        System.out.println("truth: " + (truth != null ? truth : out.toAbsolutePath().getParent().resolve("truth")));
        return Maraude.OK;
    }
}
