package org.maraude.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the static HTML dashboards from a published DuckDB warehouse (opened read only):
 * {@code index.html}, {@code national.html} (for the funder: small-cell rule applied) and one
 * {@code project-<id>.html} per project (internal to the project: exact counts), with a CSV file
 * beside the pages for every chart and table. Pages are self-contained: charts are inline SVG drawn
 * by JFreeChart, styles and the sort script are inline, no external resource is loaded, so they
 * open offline, from a shared folder or a mail attachment.
 *
 * <p>Overwrites the pages and CSV files of an earlier rendering in {@code outDir} (only files whose
 * names it writes); leaves anything else there alone.
 */
public final class Dashboards {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboards.class);

    /** The contract version these pages read (contract §5). */
    public static final int CONTRACT_VERSION = 1;

    private Dashboards() {}

    /**
     * Options of a rendering.
     *
     * @param lang        page language: {@code fr} (default, also for null) or {@code en}
     * @param k           small-cell threshold of the funder pages: counts 1..k-1 are shown as {@code < k} (default 11)
     * @param lowEvidence on project pages, rates from fewer contacts than this are flagged "low evidence" (default 30)
     * @param projectPages whether to write the project pages (default true); false gives a folder that holds only
     *                     shareable pages (index and national), e.g. to send to the funder
     */
    public record Options(String lang, int k, int lowEvidence, boolean projectPages) {
        public Options {
            lang = lang == null ? "fr" : lang.toLowerCase(Locale.ROOT);
            if (!lang.equals("fr") && !lang.equals("en")) {
                throw new IllegalArgumentException("lang must be fr or en, not " + lang);
            }
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1");
            }
            if (lowEvidence < 1) {
                throw new IllegalArgumentException("lowEvidence must be at least 1");
            }
        }

        /** Language and k, with the default evidence threshold, project pages included (the pipeline's call). */
        public Options(String lang, int k) {
            this(lang, k, 30, true);
        }

        public Options(String lang, int k, int lowEvidence) {
            this(lang, k, lowEvidence, true);
        }

        public static Options defaults() {
            return new Options("fr", 11, 30, true);
        }

        /** The same options without the project pages: a folder fit to leave the projects. */
        public Options shareableOnly() {
            return new Options(lang, k, lowEvidence, false);
        }
    }

    /** Writes the pages into {@code outDir} and returns the index page. */
    public static Path render(Path warehouse, Path outDir, Options options) {
        if (!Files.isRegularFile(warehouse)) {
            throw new IllegalStateException("no warehouse at " + warehouse);
        }
        try (Db db = new Db(warehouse)) {
            Files.createDirectories(outDir);
            clean(outDir);
            Ctx ctx = new Ctx(db, outDir, options, run(db));
            List<String> projects = projects(db, ctx.run.id());
            new NationalPage(ctx, projects).write();
            if (options.projectPages()) {
                for (String p : projects) {
                    new ProjectPage(ctx, p).write();
                }
            }
            Path index = new IndexPage(ctx, projects).write();
            LOG.info("dashboards: {} project pages, national page and index in {}", projects.size(), outDir);
            return index;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the warehouse " + warehouse + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run the tables come from: the latest in run_summary, else the run id the tables carry. */
    static Ctx.Run run(Db db) {
        if (db.hasTable("run_summary")) {
            List<Db.Row> r = db.query("SELECT run_id, epoch_ms(started_at) AS t, outcome, contract_version "
                    + "FROM run_summary ORDER BY started_at DESC, run_id DESC LIMIT 1");
            if (!r.isEmpty()) {
                Db.Row row = r.get(0);
                return new Ctx.Run(row.str("run_id"), row.get("t") == null ? null : Instant.ofEpochMilli(row.lng("t")),
                        row.str("outcome"), row.get("contract_version") == null ? CONTRACT_VERSION : (int) row.lng("contract_version"));
            }
        }
        for (String t : List.of("youth_journey", "funnel_monthly", "runs")) {
            if (db.hasTable(t)) {
                String id = db.one("SELECT max(run_id) AS r FROM " + t).str("r");
                if (id != null) {
                    return new Ctx.Run(id, null, null, CONTRACT_VERSION);
                }
            }
        }
        return new Ctx.Run("?", null, null, CONTRACT_VERSION);
    }

    /** Projects with journeys, funnel rows or files in this run, in id order. */
    static List<String> projects(Db db, String runId) {
        TreeSet<String> ids = new TreeSet<>();
        for (String t : List.of("youth_journey", "funnel_monthly")) {
            if (db.hasTable(t)) {
                db.query("SELECT DISTINCT project_id FROM " + t + " WHERE project_id IS NOT NULL")
                        .forEach(r -> ids.add(r.str("project_id")));
            }
        }
        if (db.hasTable("runs")) {
            db.query("SELECT DISTINCT project_id FROM runs WHERE run_id = ? AND project_id IS NOT NULL "
                    + "AND file_reason IS NULL", runId).forEach(r -> ids.add(r.str("project_id")));
        }
        ids.remove("*");
        return new ArrayList<>(ids);
    }

    /** Removes the files an earlier rendering wrote (and only those). */
    private static void clean(Path outDir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outDir, "{index.html,national.html,national-*.csv,"
                + "project-*.html,project-*.csv,index-*.csv}")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }
}
