package org.maraude.jobs.ingest;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.maraude.jobs.contract.Column;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.contract.DatasetSpec;

/**
 * Reads one canonical CSV file (optionally gzip-compressed) of one contract dataset and yields its
 * staged records lazily (see {@link StagedRecords}): valid rows, one reject per refused row, warnings,
 * and a final FILE record with the SHA-256 of the bytes and the number of data rows read. A
 * problem with the whole file yields a file-level REJECT; rows yielded before it are then
 * ignored downstream. Never throws for bad content, and never puts a cell value in a message.
 */
public final class FileParser implements Iterator<Row> {
    private static final int MIN_BOMB_BYTES = 16 << 20;

    private final FileTask task;
    private final DatasetSpec spec;
    private final IngestLimits limits;
    private final InputStream raw;
    private final Deque<Row> queue = new ArrayDeque<>();
    private final int width;

    private MessageDigest digest;
    private CountingInputStream compressedCount;
    private CountingInputStream plainCount;
    private RecordSource records;
    private final java.util.function.Supplier<RecordSource> source;
    private RowValidator validator;
    private long rowsRead;
    private boolean finished;

    public FileParser(InputStream raw, FileTask task, DatasetSpec spec, IngestLimits limits) {
        this(raw, task, spec, limits, null);
    }

    /**
     * A parser over records from another reader (Parquet): {@code raw} is then only read for the
     * checksum.
     */
    FileParser(InputStream raw, FileTask task, DatasetSpec spec, IngestLimits limits,
            java.util.function.Supplier<RecordSource> source) {
        this.source = source;
        this.raw = raw;
        this.task = task;
        this.spec = spec;
        this.limits = limits;
        this.width = StagedRecords.schema(spec).size();
    }

    @Override
    public boolean hasNext() {
        while (queue.isEmpty() && !finished) {
            step();
        }
        return !queue.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return queue.poll();
    }

    private void step() {
        try {
            if (records == null) {
                open();
                return;
            }
            CsvRecords.Record r = records.next();
            if (r == null) {
                finish(null);
                return;
            }
            rowsRead++;
            if (r.malformed()) {
                reject(new RowIssue(r.line(), null, RejectReason.MALFORMED_ROW,
                        "unterminated or misplaced quote; the row is skipped and reading resumes on the next line"));
                return;
            }
            validator.validate(r.line(), r.fields());
        } catch (FileRejectedException e) {
            finish(e);
        } catch (UncheckedIOException e) {
            finish(classify(e.getCause()));
        } catch (RuntimeException e) {
            // Never echo the exception message: it may quote file content.
            finish(new FileRejectedException(RejectReason.UNREADABLE, "could not read the file ("
                    + e.getClass().getSimpleName() + ")"));
        }
    }

    private void open() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        compressedCount = new CountingInputStream(new DigestInputStream(raw, digest));
        InputStream in = compressedCount;
        if (source != null) {
            plainCount = compressedCount;
            records = source.get();
        } else {
            try {
            if (task.relPath().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            plainCount = new CountingInputStream(in, compressedCount, limits.maxGzipRatio());
            PushbackInputStream pb = new PushbackInputStream(plainCount, 3);
            Charset cs = detectCharset(pb);
            BufferedReader reader = new BufferedReader(new InputStreamReader(pb,
                    cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
                records = new CsvRecords(new CheckedReader(reader, this), ',');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (RowIssue issue : records.issues()) {
            rowsRead++;
            if (issue.reason() == RejectReason.TOTAL_ROW) {
                rowsRead--; // a totals row is not data: reported, not counted as read or rejected
                emitIssue(RecordKind.WARNING, issue, "total_row");
            } else {
                reject(issue);
            }
        }
        List<String> header = records.header();
        if (header == null) {
            throw new FileRejectedException(RejectReason.EMPTY_FILE, "the file has no header row");
        }
        validator = new RowValidator(spec, header, task.project(), limits, new RowValidator.Sink() {
            @Override
            public void row(long line, Object[] values) {
                emitRow(line, values);
            }

            @Override
            public void reject(RowIssue issue) {
                FileParser.this.reject(issue);
            }

            @Override
            public void warn(long line, String column, IngestWarning w) {
                emitIssue(RecordKind.WARNING, new RowIssue(line, column, null, w.description()), w.code());
            }
        });
    }

    /** Skips a UTF-8 BOM; a UTF-16 BOM switches the decoder (Excel "CSV" downloads). */
    private static Charset detectCharset(PushbackInputStream in) throws IOException {
        byte[] b = new byte[3];
        int n = in.readNBytes(b, 0, 3);
        if (n >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            in.unread(b, 2, n - 2);
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            in.unread(b, 2, n - 2);
            return StandardCharsets.UTF_16BE;
        }
        if (n == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (n > 0) {
            in.unread(b, 0, n);
        }
        return StandardCharsets.UTF_8;
    }

    /** Called for each physical line read: binary data, mojibake and gzip bombs end the file. */
    void checkLine(String line) {
        if (line.indexOf('\u0000') >= 0) {
            throw new FileRejectedException(RejectReason.NOT_CSV, "the file holds binary data (NUL bytes)");
        }
        if (looksLikeMojibake(line)) {
            throw new FileRejectedException(RejectReason.MOJIBAKE, "text looks like UTF-8 that was decoded as "
                    + "Latin-1 and saved again (e.g. 'Ã©' for 'é'); export it again as UTF-8");
        }
    }

    static boolean looksLikeMojibake(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            char c = s.charAt(i);
            char d = s.charAt(i + 1);
            if (c == 'Ã' && d >= '\u0080' && d <= '\u00BF') {
                return true;
            }
            if (c == 'â' && (d == '€' || d == '\u0080')) {
                return true;
            }
        }
        return false;
    }

    private static FileRejectedException classify(Throwable io) {
        if (io instanceof BombException) {
            return new FileRejectedException(RejectReason.GZIP_BOMB, io.getMessage());
        }
        if (io instanceof CharacterCodingException) {
            return new FileRejectedException(RejectReason.NOT_UTF8, "the file is not valid UTF-8 "
                    + "(save it as 'CSV UTF-8')");
        }
        if (io instanceof EOFException || io instanceof ZipException) {
            return new FileRejectedException(RejectReason.CORRUPT_COMPRESSION, "the compressed file is truncated or corrupt");
        }
        return new FileRejectedException(RejectReason.UNREADABLE, "could not read the file ("
                + io.getClass().getSimpleName() + ")");
    }

    private void finish(FileRejectedException e) {
        finished = true;
        if (e != null) {
            emitIssue(RecordKind.REJECT, new RowIssue(0, null, e.reason(), e.getMessage()), e.reason().code());
            drain();
        }
        if (source != null && e == null) {
            drain(); // a native export is read by its connector: the checksum still covers every byte
        }
        Object[] v = new Object[width];
        fill(v, RecordKind.FILE, null, null, null);
        v[width - 3] = rowsRead;
        v[width - 2] = digest == null ? null : HexFormat.of().formatHex(digest.digest());
        queue.add(RowFactory.create(v));
        try {
            raw.close();
        } catch (IOException ignored) {
            // the stream was only read
        }
    }

    /** Reads what is left so that the checksum covers the whole file even when it is refused. */
    private void drain() {
        try {
            compressedCount.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException ignored) {
            // the file is already refused; the checksum is then of what could be read
        }
    }

    private void reject(RowIssue issue) {
        emitIssue(RecordKind.REJECT, issue, issue.reason().code());
    }

    private void emitIssue(RecordKind kind, RowIssue issue, String code) {
        Object[] v = new Object[width];
        fill(v, kind, issue.column(), code, issue.message());
        v[lineIndex()] = issue.line() == 0 ? null : issue.line();
        queue.add(RowFactory.create(v));
    }

    private void emitRow(long line, Object[] values) {
        Object[] v = new Object[width];
        v[0] = task.project();
        System.arraycopy(values, 0, v, 1, values.length);
        int i = 1 + values.length;
        if (spec.hasTimestamp()) {
            Instant ts = (Instant) values[0];
            v[i++] = ts.atZone(Contract.PARIS).toLocalDate();
        }
        fill(v, RecordKind.ROW, null, null, null);
        v[lineIndex()] = line;
        queue.add(RowFactory.create(v));
    }

    private int lineIndex() {
        return width - 8;
    }

    private void fill(Object[] v, RecordKind kind, String column, String reason, String message) {
        v[0] = task.project();
        v[width - 9] = task.relPath();
        v[width - 7] = kind.code();
        v[width - 6] = column;
        v[width - 5] = reason;
        v[width - 4] = message;
        v[width - 1] = task.fileId();
    }

    /** Validates the cells of one record against the contract and hands out typed values. */
    static final class RowValidator {
        interface Sink {
            void row(long line, Object[] values);

            void reject(RowIssue issue);

            void warn(long line, String column, IngestWarning w);
        }

        private final DatasetSpec spec;
        private final int[] index;
        private final int headerSize;
        private final int projectIdIndex;
        private final String project;
        private final IngestLimits limits;
        private final Sink sink;

        RowValidator(DatasetSpec spec, List<String> header, String project, IngestLimits limits, Sink sink) {
            this.spec = spec;
            this.project = project;
            this.limits = limits;
            this.sink = sink;
            if (header.size() > limits.maxColumns()) {
                throw new FileRejectedException(RejectReason.TOO_MANY_COLUMNS,
                        "the header has " + header.size() + " columns; the limit is " + limits.maxColumns());
            }
            Map<String, Integer> pos = new HashMap<>();
            Set<String> known = new HashSet<>();
            spec.columns().forEach(c -> known.add(c.name()));
            known.add(DatasetSpec.PROJECT_ID);
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = normaliseHeader(header.get(i));
                if (pos.put(name, i) != null) {
                    throw new FileRejectedException(RejectReason.DUPLICATE_COLUMN,
                            "column '" + safeName(name) + "' appears twice in the header");
                }
                if (!known.contains(name)) {
                    unknown.add(name);
                }
            }
            if (header.size() == 1 && (header.get(0).contains(";") || header.get(0).contains("\t"))) {
                throw new FileRejectedException(RejectReason.NOT_CSV, "the separator is not ','"
                        + " (the contract's CSV uses commas; native exports go under <project>/native/<tool>/)");
            }
            List<String> missing = new ArrayList<>();
            index = new int[spec.columns().size()];
            for (int c = 0; c < index.length; c++) {
                Column col = spec.columns().get(c);
                Integer p = pos.get(col.name());
                index[c] = p == null ? -1 : p;
                if (p == null && col.required()) {
                    missing.add(col.name());
                }
            }
            if (!missing.isEmpty()) {
                throw new FileRejectedException(RejectReason.MISSING_COLUMN,
                        "missing required column(s): " + String.join(", ", missing));
            }
            headerSize = header.size();
            projectIdIndex = pos.getOrDefault(DatasetSpec.PROJECT_ID, -1);
            for (String u : unknown) {
                sink.warn(1, safeName(u), IngestWarning.UNKNOWN_COLUMN);
            }
        }

        static String normaliseHeader(String h) {
            String s = h.strip();
            if (s.startsWith("\uFEFF")) {
                s = s.substring(1).strip();
            }
            return s.toLowerCase(Locale.ROOT);
        }

        /** Header names are shown in messages; keep them short, printable and free of personal data. */
        private static String safeName(String name) {
            if (PersonalData.find(name).isPresent()) {
                return "(hidden)";
            }
            String s = name.replaceAll("[^\\p{L}\\p{N} _().%-]", "?");
            return s.length() > 60 ? s.substring(0, 60) + "…" : s;
        }

        void validate(long line, List<String> fields) {
            if (fields.size() != headerSize) {
                sink.reject(new RowIssue(line, null, RejectReason.MALFORMED_ROW,
                        "row has " + fields.size() + " fields; the header has " + headerSize));
                return;
            }
            // Personal data first, in every cell (also ignored columns), before anything is parsed.
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                // A pseudonym (64 hex characters, the contract's key shape) holds no personal data.
                if (!f.isEmpty() && !Cells.isKey(f) && PersonalData.find(f).isPresent()) {
                    String col = columnAt(i);
                    sink.reject(new RowIssue(line, col, RejectReason.PERSONAL_DATA,
                            "cell looks like " + PersonalData.find(f).get().name().toLowerCase(Locale.ROOT)
                                    .replace("nir", "a social security number (NIR)")
                                    .replace("email", "an e-mail address").replace("phone", "a phone number")
                                    + "; the value is not recorded"));
                    return;
                }
                if (hasControl(f)) {
                    sink.reject(new RowIssue(line, columnAt(i), RejectReason.BAD_VALUE,
                            "cell holds control characters"));
                    return;
                }
                if (f.length() > limits.maxCellChars()) {
                    sink.reject(new RowIssue(line, columnAt(i), RejectReason.VALUE_TOO_LONG,
                            "cell has " + f.length() + " characters; the limit is " + limits.maxCellChars()));
                    return;
                }
            }
            if (projectIdIndex >= 0 && project != null) {
                String p = fields.get(projectIdIndex).strip();
                if (!p.isEmpty() && !p.equals(project)) {
                    sink.reject(new RowIssue(line, DatasetSpec.PROJECT_ID, RejectReason.PROJECT_MISMATCH,
                            "project_id column disagrees with the project folder"));
                    return;
                }
            }
            Object[] values = new Object[index.length];
            List<Object[]> warnings = null;
            for (int c = 0; c < index.length; c++) {
                Column col = spec.columns().get(c);
                String cell = index[c] < 0 ? "" : fields.get(index[c]);
                if (cell.isBlank()) {
                    if (col.required()) {
                        sink.reject(new RowIssue(line, col.name(), RejectReason.MISSING_VALUE,
                                col.name() + " is required"));
                        return;
                    }
                    continue;
                }
                try {
                    Cells.Parsed p = Cells.parse(col, cell, limits);
                    values[c] = p.value();
                    if (p.warning() != null) {
                        if (warnings == null) {
                            warnings = new ArrayList<>();
                        }
                        warnings.add(new Object[] {col.name(), p.warning()});
                    }
                } catch (Cells.Problem e) {
                    sink.reject(new RowIssue(line, col.name(), e.reason, e.getMessage()));
                    return;
                }
            }
            if (spec == Contract.CONTACTS && "handoff".equals(values[2]) && values[5] == null) {
                sink.reject(new RowIssue(line, "partner_type", RejectReason.MISSING_VALUE,
                        "partner_type is required on handoff events"));
                return;
            }
            if (warnings != null) {
                for (Object[] w : warnings) {
                    sink.warn(line, (String) w[0], (IngestWarning) w[1]);
                }
            }
            sink.row(line, values);
        }

        /** C0 control characters other than tab and line breaks (which RFC 4180 allows inside quotes). */
        static boolean hasControl(String f) {
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                    return true;
                }
            }
            return false;
        }

        private String columnAt(int headerIndex) {
            for (int c = 0; c < index.length; c++) {
                if (index[c] == headerIndex) {
                    return spec.columns().get(c).name();
                }
            }
            return headerIndex == projectIdIndex ? DatasetSpec.PROJECT_ID : "(column " + (headerIndex + 1) + ")";
        }
    }

    /**
     * Counts the bytes read through it. Given the compressed side and a ratio, it refuses to expand
     * further once past 16 MB at more than that ratio (a gzip bomb), before the bytes reach a line.
     */
    static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;
        private final CountingInputStream compressed;
        private final int maxRatio;

        CountingInputStream(InputStream in) {
            this(in, null, 0);
        }

        CountingInputStream(InputStream in, CountingInputStream compressed, int maxRatio) {
            super(in);
            this.compressed = compressed;
            this.maxRatio = maxRatio;
        }

        private void guard() throws IOException {
            if (compressed != null && compressed != this && count > MIN_BOMB_BYTES
                    && count / Math.max(1, compressed.count()) > maxRatio) {
                throw new BombException(maxRatio);
            }
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                guard();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                guard();
            }
            return n;
        }
    }

    /** Thrown by the stream when a compressed file expands beyond the allowed ratio. */
    static final class BombException extends IOException {
        BombException(int ratio) {
            super("decompressed size exceeds " + ratio + " times the compressed size");
        }
    }

    /** A reader whose readLine lets the parser check each physical line. */
    static final class CheckedReader extends BufferedReader {
        private final FileParser parser;
        private final BufferedReader lines;

        CheckedReader(BufferedReader in, FileParser parser) {
            super(in, 1);
            this.parser = parser;
            this.lines = in;
        }

        /** The wrapped reader's line (its own buffer: this one's single char would copy every line char by char). */
        @Override
        public String readLine() throws IOException {
            String l = lines.readLine();
            if (l != null) {
                parser.checkLine(l);
            }
            return l;
        }
    }
}
