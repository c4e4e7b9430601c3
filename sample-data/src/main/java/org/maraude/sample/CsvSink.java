package org.maraude.sample;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A CSV file written line by line: RFC 4180 quoting, LF line ends, optional gzip (deterministic:
 * {@link GZIPOutputStream} writes mtime 0 and no file name). Tracks physical line numbers so that
 * planted quirks can be located ({@code line} 1 = header).
 */
final class CsvSink implements Closeable {
    final Path path;
    final String rel;
    final String dataset;
    private final Writer w;
    private long lines;
    private long dataRows;
    final StringBuilder sb = new StringBuilder(256);

    CsvSink(Path root, String rel, String dataset, boolean gzip, int level, boolean bom) {
        this.rel = rel;
        this.dataset = dataset;
        this.path = root.resolve(rel);
        try {
            Files.createDirectories(path.getParent());
            OutputStream os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            if (gzip) {
                os = new GZIPOutputStream(os, 1 << 16) {
                    { def.setLevel(level); }
                };
            }
            w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            if (bom) w.write('\uFEFF');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /** Writes the header row. */
    CsvSink header(String... cols) {
        return row(cols);
    }

    /** Writes one row of cells (null = empty) and returns this. */
    CsvSink row(String... cells) {
        StringBuilder b = new StringBuilder(128);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) b.append(',');
            cell(b, cells[i]);
        }
        return line(b);
    }

    /** Writes an already formatted line (without its line end). */
    CsvSink line(CharSequence text) {
        try {
            w.append(text).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        lines++;
        if (lines > 1) dataRows++;
        return this;
    }

    /** Physical line number of the last line written (1 = header). */
    long lastLine() { return lines; }

    long dataRows() { return dataRows; }

    static void cell(StringBuilder b, String v) {
        if (v == null || v.isEmpty()) return;
        boolean q = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') { q = true; break; }
        }
        if (!q) { b.append(v); return; }
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') b.append('"');
            b.append(c);
        }
        b.append('"');
    }

    @Override
    public void close() {
        try {
            w.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }
}
