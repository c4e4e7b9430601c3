package org.maraude.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.maraude.reports.Report.Cell;
import org.maraude.reports.Report.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The funder report: reads the published warehouse (read only, never modified) and writes, into
 * {@link ReportRequest#outDir()}, the PDF, the self-contained HTML and the CSV annex of the same
 * figures. Files of the same name are replaced. Funder-level reports apply the small-cell rule
 * (contract §5); a project lead's internal report does not and says so on every page. Nothing is
 * sent: mailing is {@link ReportMailer}'s job.
 */
public final class ReportJob {
    private ReportJob() {}

    private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    public static ReportFiles write(Path warehouse, ReportRequest req) {
        if (!Files.isRegularFile(warehouse)) {
            throw new IllegalArgumentException("no warehouse at " + warehouse + " (run `maraude run` first)");
        }
        Report report = build(warehouse, req, LocalDate.now(PARIS));
        try {
            Files.createDirectories(req.outDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + req.outDir() + ": " + e.getMessage(), e);
        }
        String stem = req.fileStem();
        Path pdf = req.outDir().resolve(stem + ".pdf");
        Path html = req.outDir().resolve(stem + ".html");
        Path csv = req.outDir().resolve(stem + ".csv");
        PdfReport.write(report, pdf);
        HtmlReport.write(report, html);
        CsvAnnex.write(report, csv, new Fmt(req.lang(), req.k()).csvDelimiter());
        LOG.info("report {} ({}) written: {}", req.period().key(), req.scope(), pdf);
        return new ReportFiles(pdf, html, csv, req, report.runId(), headline(report));
    }

    /** Builds the report's content from the warehouse (no file written). */
    static Report build(Path warehouse, ReportRequest req, LocalDate today) {
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), ro)) {
            WarehouseData d = new WarehouseData(c, req.project());
            Period p = req.period();
            String[] months = d.dataMonths();
            List<Map.Entry<Period, WarehouseData.Funnel>> trend = new ArrayList<>();
            for (Period q : ReportBuilder.trendPeriods(p, months[0])) {
                trend.add(new AbstractMap.SimpleImmutableEntry<>(q, d.total(q)));
            }
            String runId = d.runId();
            ReportBuilder.Inputs in = new ReportBuilder.Inputs(runId, months, today, d.total(p), d.total(p.previous()),
                    d.total(p.yearBefore()), trend, d.byPlatform(p), req.project() == null ? d.byProject(p) : List.of(),
                    d.creatives(p), d.partners(p), d.replies(p), d.repliesTotal(p),
                    runId == null ? List.of() : d.files(runId), runId == null ? List.of() : d.rejects(runId));
            return new ReportBuilder(req).build(in);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the warehouse " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /** The key indicators of the period as shown in the report (masked where it is funder-level). */
    static String headline(Report r) {
        Table t = r.tables().stream().filter(x -> x.id().equals("key_indicators")).findFirst().orElseThrow();
        StringBuilder b = new StringBuilder();
        for (List<Cell> row : t.rows()) {
            b.append(row.get(0).text()).append("en".equals(r.lang()) ? ": " : "\u00a0: ")
                    .append(row.get(1).text()).append('\n');
        }
        return b.toString();
    }
}
