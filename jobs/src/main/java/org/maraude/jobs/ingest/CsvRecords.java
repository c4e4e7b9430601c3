package org.maraude.jobs.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits RFC 4180 text into records, one at a time, remembering the physical line each record
 * starts on. Unlike a general CSV library it recovers from a broken record: an unterminated quote
 * or a stray quote makes that one record {@link Record#malformed()} and reading resumes on the
 * next physical line, so one bad line never swallows the rest of the file.
 */
final class CsvRecords implements RecordSource {
    /** A quoted field may span at most this many physical lines before the record is declared broken. */
    static final int MAX_LINES_PER_RECORD = 50;

    record Record(long line, List<String> fields, boolean malformed) {}

    private final BufferedReader in;
    private final char separator;
    private final Deque<String> pushedBack = new ArrayDeque<>();
    private long nextLine = 1;
    private final Deque<Long> pushedBackLines = new ArrayDeque<>();

    private List<String> header;
    private boolean headerRead;

    CsvRecords(BufferedReader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** The first record; a malformed header rejects the file. */
    @Override
    public List<String> header() {
        if (!headerRead) {
            headerRead = true;
            Record h = next();
            if (h != null && h.malformed()) {
                throw new FileRejectedException(RejectReason.NOT_CSV, "the header row is not valid CSV");
            }
            header = h == null ? null : h.fields();
        }
        return header;
    }

    private String readLine() {
        if (!pushedBack.isEmpty()) {
            nextLine = pushedBackLines.pop() + 1;
            return pushedBack.pop();
        }
        try {
            String l = in.readLine();
            if (l != null) {
                nextLine++;
            }
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next record, or null at the end. Blank physical lines are skipped. */
    @Override
    public Record next() {
        String first;
        long start;
        do {
            start = pushedBack.isEmpty() ? nextLine : pushedBackLines.peek();
            first = readLine();
            if (first == null) {
                return null;
            }
        } while (first.isEmpty());

        if (first.indexOf('"') < 0) {
            return new Record(start, plainFields(first), false); // most lines: no quoting at all
        }
        List<String> lines = new ArrayList<>();
        lines.add(first);
        StringBuilder text = new StringBuilder(first);
        while (true) {
            Parse p = split(text);
            if (p.state == State.DONE) {
                return new Record(start, p.fields, false);
            }
            if (p.state == State.BROKEN) {
                resync(lines, start);
                return new Record(start, List.of(), true);
            }
            // inside a quoted field at the end of the line: the record continues on the next line
            if (lines.size() >= MAX_LINES_PER_RECORD) {
                resync(lines, start);
                return new Record(start, List.of(), true);
            }
            String more = readLine();
            if (more == null) {
                resync(lines, start);
                return new Record(start, List.of(), true);
            }
            lines.add(more);
            text.append('\n').append(more);
        }
    }

    /** Gives back every line after the first of a broken record, so they are read again as records. */
    private void resync(List<String> lines, long start) {
        for (int i = lines.size() - 1; i >= 1; i--) {
            pushedBack.push(lines.get(i));
            pushedBackLines.push(start + i);
        }
    }

    /** The fields of a line without quotes: the text between separators. */
    private List<String> plainFields(String line) {
        List<String> fields = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = line.indexOf(separator, from)) >= 0) {
            fields.add(line.substring(from, at));
            from = at + 1;
        }
        fields.add(line.substring(from));
        return fields;
    }

    private enum State { DONE, OPEN_QUOTE, BROKEN }

    private record Parse(State state, List<String> fields) {}

    private Parse split(CharSequence s) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (true) {
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return new Parse(State.OPEN_QUOTE, null);
                    }
                    char c = s.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && s.charAt(i + 1) == '"') {
                            f.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        f.append(c);
                        i++;
                    }
                }
                if (i < n && s.charAt(i) != separator) {
                    return new Parse(State.BROKEN, null); // text after a closing quote
                }
            } else {
                while (i < n && s.charAt(i) != separator) {
                    char c = s.charAt(i);
                    if (c == '"') {
                        return new Parse(State.BROKEN, null); // quote inside an unquoted field
                    }
                    f.append(c);
                    i++;
                }
            }
            fields.add(f.toString());
            f.setLength(0);
            if (i >= n) {
                return new Parse(State.DONE, fields);
            }
            i++; // separator
        }
    }
}
