package org.maraude.jobs.cli;

import java.util.concurrent.Callable;
import org.maraude.jobs.config.MaraudeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code maraude demo}: the nightly job on the committed sample inbox, with the embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline on the sample inbox (sample-data/inbox) and print where the pages are.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        MaraudeConfig config = options.load().with("inbox", "sample-data/inbox");
        int code = RunCommand.runAndReport(config);
        return code == Maraude.TOO_MANY_REJECTS ? Maraude.OK : code;
    }
}
