package org.maraude.jobs.cli;

import java.nio.file.Path;
import org.maraude.jobs.config.MaraudeConfig;
import picocli.CommandLine.Option;

/** Options shared by commands that read the config: the file, then flags that override it. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "config file (properties; see README)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: config 'out', i.e. out/)")
    String out;

    MaraudeConfig load() {
        return MaraudeConfig.load(config, System.getenv()).with("out", out);
    }
}
