package org.maraude.reports;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What report to write.
 *
 * @param period   the months reported on (compared with the previous period and the same period a year before)
 * @param project  one project's id, or {@code null} for the whole programme (all projects, a youth counted once)
 * @param outDir   folder the PDF, HTML and CSV files are written into (created if missing; same-named files are replaced)
 * @param lang     {@code fr} (default when null) or {@code en}
 * @param k        small-cell threshold of contract §5 (11 by default): counts 1..k-1 are shown as {@code < k}
 * @param internal a project lead's own report: no suppression, every page marked "usage interne / internal use".
 *                 Only for one project; the programme report and anything mailed to the funder is never internal.
 */
public record ReportRequest(Period period, String project, Path outDir, String lang, int k, boolean internal) {

    /** Project ids as the contract defines them (they also name the report files). */
    static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
    public static final int DEFAULT_K = 11;

    public ReportRequest {
        if (period == null || outDir == null) {
            throw new IllegalArgumentException("a report needs a period and an output folder");
        }
        lang = lang == null || lang.isBlank() ? "fr" : lang.strip();
        if (!lang.equals("fr") && !lang.equals("en")) {
            throw new IllegalArgumentException("lang must be fr or en, not '" + lang + "'");
        }
        if (project != null && !PROJECT_ID.matcher(project).matches()) {
            throw new IllegalArgumentException("project must be a project id ([a-z0-9][a-z0-9-]{1,39}), not '" + project + "'");
        }
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2");
        }
        if (internal && project == null) {
            throw new IllegalArgumentException("only a single project's report can be internal (unsuppressed)");
        }
    }

    /** A funder-level report (suppressed) with the default k. */
    public static ReportRequest funder(Period period, String project, Path outDir, String lang) {
        return new ReportRequest(period, project, outDir, lang, DEFAULT_K, false);
    }

    /** {@code all} or the project id: the scope recorded in the sent log and used in file names. */
    public String scope() {
        return project == null ? "all" : project;
    }

    /** True when the small-cell rule applies (everything except a lead's internal report). */
    public boolean suppressed() {
        return !internal;
    }

    /** File name stem: {@code maraude-report-2026-Q3-all-fr}, with {@code -internal} for internal reports. */
    public String fileStem() {
        return "maraude-report-" + period.key() + "-" + scope() + (internal ? "-internal" : "") + "-" + lang;
    }
}
