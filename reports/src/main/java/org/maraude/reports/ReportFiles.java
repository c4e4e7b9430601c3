package org.maraude.reports;

import java.nio.file.Path;

/**
 * The files a report was written to, with what they say.
 *
 * @param pdf      the report (PDF, charts as vectors)
 * @param html     the same, self-contained HTML
 * @param csv      the annex: every table of the report, UTF-8 with a BOM, formula-safe
 * @param request  what was asked
 * @param runId    the pipeline run whose warehouse the figures come from
 * @param headline the key figures as shown (suppressed where the report is funder-level), for a mail body
 */
public record ReportFiles(Path pdf, Path html, Path csv, ReportRequest request, String runId, String headline) {}
