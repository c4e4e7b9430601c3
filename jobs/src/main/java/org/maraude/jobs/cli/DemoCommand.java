package org.maraude.jobs.cli;

import java.util.concurrent.Callable;
import org.maraude.jobs.config.MaraudeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code maraude demo}: the nightly job on the committed sample inbox, with the embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline on the sample inbox (sample-data/inbox, generated when absent) and print where the pages are.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        java.nio.file.Path inbox = java.nio.file.Path.of("sample-data/inbox");
        if (!java.nio.file.Files.isDirectory(inbox)) {
            System.out.println("no sample inbox yet: generating it (scale 1, seed 42)…");
            org.maraude.sample.SampleGenerator.generate(org.maraude.sample.SampleOptions.defaults(inbox));
        }
        MaraudeConfig config = options.load().with("inbox", inbox.toString());
        int code = RunCommand.runAndReport(config);
        return code == Maraude.TOO_MANY_REJECTS ? Maraude.OK : code;
    }
}
