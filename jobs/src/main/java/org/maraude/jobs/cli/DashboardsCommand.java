package org.maraude.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maraude.dashboards.Dashboards;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maraude dashboards}: re-render the pages from the published warehouse (no Spark). */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "Render the HTML dashboards from an existing warehouse, in seconds.")
final class DashboardsCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE") Path config;
    @Option(names = "--warehouse", paramLabel = "FILE", description = "DuckDB file (default: warehouse.duckdb in the config's out folder, ./out; not in --out, where the pages go)") Path warehouse;
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder to write the pages into") Path out;
    @Option(names = "--lang", description = "fr (default) or en") String lang;
    @Option(names = "--funder-only", description = "only the pages that may leave a project (index, national)")
    boolean funderOnly;

    @Override
    public Integer call() {
        MaraudeConfig c = MaraudeConfig.load(config, System.getenv()).with("lang", lang);
        Path db = warehouse != null ? warehouse : Path.of(c.out()).resolve(Warehouse.DB_FILE);
        Dashboards.Options o = new Dashboards.Options(c.get("lang"), c.getInt("suppression.k"));
        Path index = Dashboards.render(db, out, funderOnly ? o.shareableOnly() : o);
        System.out.println("dashboards: " + index);
        return Maraude.OK;
    }
}
