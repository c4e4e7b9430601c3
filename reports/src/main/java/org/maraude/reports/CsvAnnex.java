package org.maraude.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.maraude.reports.Report.Cell;
import org.maraude.reports.Report.Table;

/**
 * The CSV annex: every table of the report, one after the other (a line naming the table, its
 * header, its rows, a blank line), with the same masked cells as the report. UTF-8 with a byte
 * order mark so spreadsheets read accents; French reports use {@code ;} and a decimal comma (what a
 * French spreadsheet opens directly), English ones {@code ,} and a decimal point. Numbers are
 * plain (no grouping). Any other cell starting with {@code = + - @}, a tab or a carriage return
 * is prefixed with {@code '} so a spreadsheet never runs it as a formula (labels and ids come from
 * the projects' files).
 */
final class CsvAnnex {
    private CsvAnnex() {}

    private static final Pattern NUMBER = Pattern.compile("-?\\d+([.,]\\d+)?");

    /** A cell a spreadsheet will not evaluate. Plain numbers (e.g. a negative change) stay numbers. */
    static String safe(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        return risky && !NUMBER.matcher(s).matches() ? "'" + s : s;
    }

    static void write(Report r, Path file, char delimiter) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
            try (CSVPrinter p = new CSVPrinter(w, format)) {
                p.printRecord(safe(r.title()), safe(r.subtitle()));
                p.printRecord(safe(r.marking()));
                p.println();
                for (Table t : r.tables()) {
                    p.printRecord(safe(t.id()), safe(t.caption()));
                    p.printRecord(t.header().stream().map(CsvAnnex::safe).toList());
                    for (List<Cell> row : t.rows()) {
                        List<String> out = new ArrayList<>(row.size());
                        for (Cell c : row) {
                            out.add(safe(c.csv()));
                        }
                        p.printRecord(out);
                    }
                    p.println();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
