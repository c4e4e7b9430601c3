package org.maraude.jobs.ingest.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.maraude.jobs.ingest.FileRejectedException;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.TextDecoding;

/**
 * A decoded native export split into preamble, header and data rows. The header is the first of
 * the first {@value #HEADER_SEARCH} records that holds every <i>anchor</i> column of the
 * connector, under whichever of {@code ,} {@code ;} tab makes that true: report titles and date
 * ranges before it (Google Ads) are kept as {@link #preamble()}. Quoted cells, quoted headers
 * with commas and line breaks inside quotes follow RFC 4180; every row keeps its physical line.
 */
final class NativeTable {

    static final int HEADER_SEARCH = 50;
    private static final char[] DELIMITERS = {',', ';', '\t'};

    private final char delimiter;
    private final long headerLine;
    private final List<String> header;
    private final List<String> normalised;
    private final List<String> preamble;
    private final List<NativeRow> rows;
    private boolean french;

    /** One data row: its physical line (1-based) and its raw cells. */
    record NativeRow(long line, List<String> cells) {
        /** The cell at {@code index}, stripped, or null when the column is absent or the row short. */
        String cell(int index) {
            if (index < 0 || index >= cells.size()) {
                return null;
            }
            return cells.get(index).strip();
        }

        boolean isBlank() {
            for (String c : cells) {
                if (!c.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    private NativeTable(char delimiter, long headerLine, List<String> header, List<String> preamble,
            List<NativeRow> rows) {
        this.delimiter = delimiter;
        this.headerLine = headerLine;
        this.header = header;
        this.normalised = header.stream().map(NativeValues::normaliseHeader).toList();
        this.preamble = preamble;
        this.rows = rows;
    }

    /**
     * Finds the header by its anchor columns and reads every row after it.
     *
     * @throws FileRejectedException NATIVE_UNMAPPED naming the anchor columns missing from the
     *     closest header candidate; EMPTY_FILE when there is no non-blank line; NOT_CSV when the
     *     quoting is broken
     */
    static NativeTable parse(String text, List<NativeColumn> anchors) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        long[] lineStarts = lineStarts(t);
        Candidate best = null;
        boolean anyRecord = false;
        for (char d : delimiterOrder(t)) {
            List<CSVRecord> head = records(t, d, HEADER_SEARCH);
            for (CSVRecord r : head) {
                List<String> cells = r.toList();
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                anyRecord = true;
                List<String> norm = cells.stream().map(NativeValues::normaliseHeader).toList();
                List<String> missing = new ArrayList<>();
                for (NativeColumn a : anchors) {
                    if (indexIn(norm, a) < 0) {
                        missing.add(a.display());
                    }
                }
                if (best == null || missing.size() < best.missing.size()) {
                    best = new Candidate(d, r.getRecordNumber(), missing);
                }
                if (missing.isEmpty()) {
                    return read(t, d, r.getRecordNumber(), lineStarts);
                }
            }
        }
        if (!anyRecord) {
            throw new FileRejectedException(RejectReason.EMPTY_FILE, "file has no header row");
        }
        throw new FileRejectedException(RejectReason.NATIVE_UNMAPPED, "missing columns: " + String.join(", ", best.missing));
    }

    /**
     * The first header-like record of the text (within {@value #HEADER_SEARCH} records, any
     * delimiter) that {@code accept} likes, for detection; empty when none does.
     */
    static List<String> findHeader(String text, java.util.function.Predicate<List<String>> accept) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (char d : delimiterOrder(t)) {
            for (CSVRecord r : records(t, d, HEADER_SEARCH)) {
                List<String> cells = r.toList().stream().map(String::strip).toList();
                if (cells.size() > 1 && accept.test(cells)) {
                    return cells;
                }
            }
        }
        return List.of();
    }

    private record Candidate(char delimiter, long recordNumber, List<String> missing) {}

    private static char[] delimiterOrder(String t) {
        int end = t.indexOf('\n');
        char first = TextDecoding.sniffDelimiter(end < 0 ? t : t.substring(0, end));
        char[] order = new char[3];
        order[0] = first;
        int k = 1;
        for (char d : DELIMITERS) {
            if (d != first) {
                order[k++] = d;
            }
        }
        return order;
    }

    private static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    }

    private static List<CSVRecord> records(String t, char d, int limit) {
        List<CSVRecord> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(t, format(d))) {
            for (CSVRecord r : p) {
                out.add(r);
                if (out.size() >= limit) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // a broken quote under this delimiter: the records read so far are still candidates
        }
        return out;
    }

    private static NativeTable read(String t, char d, long headerRecord, long[] lineStarts) {
        List<String> preamble = new ArrayList<>();
        List<String> header = null;
        long headerLine = 0;
        List<NativeRow> rows = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(t, format(d))) {
            for (CSVRecord r : p) {
                long line = lineOf(lineStarts, r.getCharacterPosition());
                if (r.getRecordNumber() < headerRecord) {
                    preamble.add(String.join(" ", r.toList()).strip());
                } else if (r.getRecordNumber() == headerRecord) {
                    header = r.toList().stream().map(s -> s.replace("\uFEFF", "").strip()).toList();
                    headerLine = line;
                } else {
                    rows.add(new NativeRow(line, r.toList()));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            long line = rows.isEmpty() ? headerLine : rows.get(rows.size() - 1).line() + 1;
            throw new FileRejectedException(RejectReason.NOT_CSV,
                    "broken CSV quoting after line " + line + " (a quote is not closed)");
        }
        return new NativeTable(d, headerLine, header, Collections.unmodifiableList(preamble),
                Collections.unmodifiableList(rows));
    }

    private static long[] lineStarts(String t) {
        long[] starts = new long[16];
        int n = 1;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static long lineOf(long[] lineStarts, long charPosition) {
        int i = Arrays.binarySearch(lineStarts, charPosition);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static int indexIn(List<String> normalisedHeader, NativeColumn c) {
        for (int i = 0; i < normalisedHeader.size(); i++) {
            if (c.match(normalisedHeader.get(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** True when the normalised header cells contain the column. */
    static boolean has(List<String> normalisedHeader, NativeColumn c) {
        return indexIn(normalisedHeader, c) >= 0;
    }

    // ---------------------------------------------------------------- columns

    /** Position of the column in the header, or -1; remembers whether a French spelling matched. */
    int index(NativeColumn c) {
        for (int i = 0; i < normalised.size(); i++) {
            int s = c.match(normalised.get(i));
            if (s >= 0) {
                french |= c.french().get(s);
                return i;
            }
        }
        return -1;
    }

    /** Position of the first of the columns present, or -1. */
    int firstOf(NativeColumn... columns) {
        for (NativeColumn c : columns) {
            int i = index(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Position of a required column; its name is added to {@code missing} when absent. */
    int require(NativeColumn c, Set<String> missing) {
        int i = index(c);
        if (i < 0) {
            missing.add(c.display());
        }
        return i;
    }

    static Set<String> missing() {
        return new LinkedHashSet<>();
    }

    /** Rejects the file when required columns are missing, naming them (names are not personal data). */
    static void failIfMissing(Set<String> missing) {
        if (!missing.isEmpty()) {
            throw new FileRejectedException(RejectReason.NATIVE_UNMAPPED, "missing columns: " + String.join(", ", missing));
        }
    }

    /** The currency code at the end of the header at {@code index} ({@code Amount spent (EUR)}), or null. */
    String currency(int index) {
        return index < 0 ? null : NativeValues.currencySuffix(normalised.get(index));
    }

    /** The header cell as written in the file, for issues. */
    String headerName(int index) {
        return index < 0 ? null : header.get(index);
    }

    /**
     * Whether numbers in these columns use a decimal comma: decided by the cells themselves
     * ({@code 1 234,56} vs {@code 1,234.56}), else by the separator ({@code ;} means a French
     * UI), else by French header spellings, else dot.
     */
    boolean decimalComma(int... numericColumns) {
        int vote = 0;
        for (NativeRow r : rows) {
            for (int c : numericColumns) {
                vote += Integer.signum(NativeValues.decimalVote(r.cell(c)));
            }
        }
        if (vote != 0) {
            return vote > 0;
        }
        return delimiter == ';' || french;
    }

    char delimiter() {
        return delimiter;
    }

    long headerLine() {
        return headerLine;
    }

    List<String> header() {
        return header;
    }

    List<String> preamble() {
        return preamble;
    }

    List<NativeRow> rows() {
        return rows;
    }
}
