package org.maraude.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CSV files written beside the pages (the data of every chart and table): UTF-8 with a BOM so
 * spreadsheet software reads the accents, comma separator, RFC 4180 quoting, CRLF line ends. A cell
 * that a spreadsheet would take as a formula (starting with {@code = + - @}, a tab or a carriage
 * return) is neutralised with a leading apostrophe: labels come from outside.
 */
public final class Csv {
    private Csv() {}

    public static void write(Path file, List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("\uFEFF");
        line(b, header);
        for (List<String> r : rows) {
            line(b, r);
        }
        try {
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        b.append("\r\n");
    }

    /** One cell, neutralised and quoted when needed. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
