package org.maraude.jobs.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns raw identity fields into the contract's pseudonymous keys (contract §2), at the source,
 * before anything leaves a project. This is the core of the {@code pseudonymise} command.
 *
 * <h2>The key (shared specification: every producer must compute it the same way)</h2>
 *
 * <pre>
 *   key = lowercase hex of HMAC-SHA256(secret, UTF-8(kind + ":" + normalisedValue))   (64 chars)
 * </pre>
 *
 * with {@code kind} one of {@code name_birth}, {@code phone}, {@code email}: the same person
 * gets the same key from the same kind of identifier in every project, and a phone number can
 * never collide with an e-mail address.
 *
 * <h2>Normalisation</h2>
 *
 * <ul>
 *   <li><b>name_birth</b>: the name parts in the order given (recommended: first name, last
 *       name), each compatibility-decomposed (NFKD), accents removed, lower-cased, {@code œ æ ß
 *       ø ł đ} spelled {@code oe ae ss o l d}, and every run of characters that are not letters
 *       or digits (spaces, hyphens, apostrophes, dots) made one space, trimmed; then the birth
 *       date as {@code YYYY-MM-DD} (accepted: {@code YYYY-MM-DD}, {@code DD/MM/YYYY}, {@code
 *       DD-MM-YYYY}, {@code DD.MM.YYYY}); all joined with {@code |}: {@code
 *       jean pierre|n diaye|2007-03-14}.
 *   <li><b>phone</b>: E.164. French national numbers ({@code 06 12 34 56 78}, or 9 digits whose
 *       leading 0 Excel removed) become {@code +33612345678}; {@code 00} becomes {@code +}; the
 *       trunk {@code (0)} after a country code is dropped; overseas départements get their own
 *       country code ({@code 0690…} → {@code +590690…}, {@code 0692…} → {@code +262692…}, also
 *       when written {@code +33 690…}). Other international numbers keep their digits.
 *   <li><b>email</b>: trimmed and lower-cased (no provider-specific rules).
 * </ul>
 *
 * Values that cannot be normalised raise {@link IllegalArgumentException} whose message never
 * contains the value.
 */
public final class Pseudonymiser {

    /** Kinds of identifier, with the identifier used inside the HMAC input. */
    public enum Kind {
        NAME_BIRTH("name_birth"),
        PHONE("phone"),
        EMAIL("email");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * What one output column is made of.
     *
     * @param outputColumn the key column written (e.g. {@code youth_key})
     * @param kind the kind of identifier
     * @param sourceColumns the raw columns read; {@link Kind#NAME_BIRTH} takes the name parts then
     *     the birth date (two columns or more), the other kinds exactly one column. The key goes
     *     where the first source column was; the other source columns are dropped.
     */
    public record KeySpec(String outputColumn, Kind kind, List<String> sourceColumns) {
        public KeySpec {
            sourceColumns = List.copyOf(sourceColumns);
            if (kind == Kind.NAME_BIRTH ? sourceColumns.size() < 2 : sourceColumns.size() != 1) {
                throw new IllegalArgumentException(kind == Kind.NAME_BIRTH
                        ? "name_birth needs the name column(s) then the birth date column"
                        : kind.id() + " takes exactly one source column");
            }
        }

        /** The usual case: a column replaced in place by its key under the same name. */
        public static KeySpec inPlace(String column, Kind kind) {
            return new KeySpec(column, kind, List.of(column));
        }
    }

    /**
     * What {@code pseudonymiseCsv} did.
     *
     * @param rowsWritten data rows written
     * @param rowsSkipped rows not written (wrong number of cells)
     * @param valuesBlanked source values that could not be normalised: their key cell was left
     *     empty
     * @param issues the first 1000 problems, by line and column, without values
     */
    public record Result(long rowsWritten, long rowsSkipped, long valuesBlanked, List<RowIssue> issues) {}

    static final int MAX_ISSUES = 1000;
    private static final String HMAC = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** 3-digit national prefixes of the overseas départements and their E.164 country codes. */
    private static final Map<String, String> OVERSEAS = Map.ofEntries(
            Map.entry("590", "590"), Map.entry("690", "590"), Map.entry("691", "590"),
            Map.entry("594", "594"), Map.entry("694", "594"),
            Map.entry("596", "596"), Map.entry("696", "596"), Map.entry("697", "596"),
            Map.entry("262", "262"), Map.entry("692", "262"), Map.entry("693", "262"),
            Map.entry("269", "262"), Map.entry("639", "262"));

    private Pseudonymiser() {}

    // ---------------------------------------------------------------- key

    /**
     * The contract key of an already normalised value: lowercase hex HMAC-SHA256 over {@code kind
     * + ":" + normalisedValue}.
     */
    public static String key(byte[] secret, String kind, String normalisedValue) {
        if (secret == null || secret.length < Secret.MIN_BYTES) {
            throw new IllegalArgumentException("the secret must be at least " + Secret.MIN_BYTES + " bytes");
        }
        if (kind == null || kind.isEmpty() || kind.indexOf(':') >= 0) {
            throw new IllegalArgumentException("kind must be a non-empty name without ':'");
        }
        if (normalisedValue == null || normalisedValue.isEmpty()) {
            throw new IllegalArgumentException("cannot pseudonymise an empty value");
        }
        return hex(mac(secret).doFinal((kind + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8)));
    }

    /** Normalises a raw value of a single-field kind (phone, email) and returns its key. */
    public static String key(Secret secret, Kind kind, String rawValue) {
        String normalised = switch (kind) {
            case PHONE -> normalisePhone(rawValue);
            case EMAIL -> normaliseEmail(rawValue);
            case NAME_BIRTH -> throw new IllegalArgumentException("name_birth: use normaliseNameBirth");
        };
        return key(secret.bytes(), kind.id(), normalised);
    }

    private static Mac mac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String hex(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX[(b[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[b[i] & 0xF];
        }
        return new String(out);
    }

    // ---------------------------------------------------------------- normalisation

    /** A name part: see the class comment. */
    public static String normaliseName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name is empty");
        }
        String d = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(d.length());
        boolean pendingSpace = false;
        for (int i = 0; i < d.length(); ) {
            int cp = d.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            String spelled = switch (cp) {
                case 'œ' -> "oe";
                case 'æ' -> "ae";
                case 'ß' -> "ss";
                case 'ø' -> "o";
                case 'ł' -> "l";
                case 'đ' -> "d";
                default -> null;
            };
            if (spelled == null && !Character.isLetterOrDigit(cp)) {
                pendingSpace = sb.length() > 0;
                continue;
            }
            if (pendingSpace) {
                sb.append(' ');
                pendingSpace = false;
            }
            if (spelled != null) {
                sb.append(spelled);
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (sb.length() == 0) {
            throw new IllegalArgumentException("name is empty after normalisation");
        }
        return sb.toString();
    }

    /** A birth date as {@code YYYY-MM-DD}, from {@code YYYY-MM-DD} or {@code DD/MM/YYYY} (or - .). */
    public static String normaliseBirthDate(String date) {
        String t = date == null ? "" : date.trim();
        try {
            if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
                return LocalDate.of(num(t, 0, 4), num(t, 5, 7), num(t, 8, 10)).toString();
            }
            String[] p = t.split("[/.\\-]");
            if (p.length == 3 && p[2].length() == 4 && p[0].length() <= 2 && p[1].length() <= 2) {
                return LocalDate.of(num(p[2], 0, 4), num(p[1], 0, p[1].length()), num(p[0], 0, p[0].length()))
                        .toString();
            }
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("birth date is not a valid date");
        }
        throw new IllegalArgumentException("birth date is not YYYY-MM-DD or DD/MM/YYYY");
    }

    private static int num(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new NumberFormatException();
            }
        }
        return Integer.parseInt(s.substring(from, to));
    }

    /** Name parts and birth date joined with {@code |}: see the class comment. */
    public static String normaliseNameBirth(List<String> nameParts, String birthDate) {
        if (nameParts.isEmpty()) {
            throw new IllegalArgumentException("name_birth needs at least one name part");
        }
        StringBuilder sb = new StringBuilder();
        for (String part : nameParts) {
            sb.append(normaliseName(part)).append('|');
        }
        return sb.append(normaliseBirthDate(birthDate)).toString();
    }

    /** A phone number in E.164: see the class comment. */
    public static String normalisePhone(String phone) {
        if (phone == null) {
            throw new IllegalArgumentException("phone number is empty");
        }
        String t = phone.trim().replace("(0)", "");
        StringBuilder digits = new StringBuilder(t.length());
        boolean plus = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && digits.length() == 0 && !plus) {
                plus = true;
            } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '/'
                    && c != '\u00A0' && c != '\u202F') {
                throw new IllegalArgumentException("phone number contains characters other than digits and separators");
            }
        }
        String d = digits.toString();
        if (!plus && d.startsWith("00")) {
            plus = true;
            d = d.substring(2);
        }
        String nsn;
        if (plus) {
            if (!d.startsWith("33")) {
                if (d.length() < 8 || d.length() > 15 || d.charAt(0) == '0') {
                    throw new IllegalArgumentException("international phone number must have 8 to 15 digits");
                }
                return "+" + d;
            }
            nsn = d.substring(2);
            if (nsn.startsWith("0")) {
                nsn = nsn.substring(1);
            }
        } else if (d.length() == 10 && d.charAt(0) == '0') {
            nsn = d.substring(1);
        } else if (d.length() == 9) {
            nsn = d;
        } else {
            throw new IllegalArgumentException("phone number is neither French (10 digits) nor international (+ or 00)");
        }
        if (nsn.length() != 9 || nsn.charAt(0) == '0') {
            throw new IllegalArgumentException("French phone number must have 9 digits after the 0 or +33");
        }
        String overseas = OVERSEAS.get(nsn.substring(0, 3));
        return "+" + (overseas != null ? overseas : "33") + nsn;
    }

    /** An e-mail address trimmed and lower-cased. */
    public static String normaliseEmail(String email) {
        String t = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        int at = t.indexOf('@');
        if (at <= 0 || at != t.lastIndexOf('@') || at == t.length() - 1) {
            throw new IllegalArgumentException("e-mail address must have one @ between a name and a domain");
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) {
                throw new IllegalArgumentException("e-mail address contains a space");
            }
        }
        return t;
    }

    // ---------------------------------------------------------------- CSV

    /**
     * Streams a CSV, replacing the named columns by their keys in place (same column names) and
     * copying the other columns. The input separator is sniffed from the header ({@code ,}
     * {@code ;} or tab); the output is a canonical CSV ({@code ,}, RFC 4180 quoting, {@code \n}).
     */
    public static Result pseudonymiseCsv(Reader in, Writer out, Map<String, Kind> kindByColumn, Secret secret) {
        List<KeySpec> specs = new ArrayList<>();
        kindByColumn.forEach((column, kind) -> specs.add(KeySpec.inPlace(column, kind)));
        return pseudonymiseCsv(in, out, specs, secret);
    }

    /**
     * Same as {@link #pseudonymiseCsv(Reader, Writer, Map, Secret)} with the columns and their
     * kinds as two parallel lists.
     */
    public static Result pseudonymiseCsv(Reader in, Writer out, List<String> columns, List<Kind> kinds, Secret secret) {
        if (columns.size() != kinds.size()) {
            throw new IllegalArgumentException("one kind per column is needed");
        }
        List<KeySpec> specs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            specs.add(KeySpec.inPlace(columns.get(i), kinds.get(i)));
        }
        return pseudonymiseCsv(in, out, specs, secret);
    }

    /**
     * Streams a CSV, writing each spec's key column where its first source column was, dropping
     * the other source columns and copying every other column. Empty sources give an empty key;
     * a value that cannot be normalised gives an empty key and an issue (line, column, {@code
     * BAD_VALUE}); a row whose cell count differs from the header's is not written ({@code
     * MALFORMED_ROW}). Raw values never reach the output, the issues or an exception message.
     *
     * @throws IllegalArgumentException when a source column is missing from the header or a
     *     column would appear twice in the output
     */
    public static Result pseudonymiseCsv(Reader in, Writer out, List<KeySpec> specs, Secret secret) {
        Mac mac = mac(secret.bytes());
        try {
            BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in, 64 * 1024);
            br.mark(1 << 20);
            String firstLine = br.readLine();
            if (firstLine == null) {
                throw new IllegalArgumentException("the input has no header row");
            }
            br.reset();
            char delimiter = TextDecoding.sniffDelimiter(firstLine);
            CSVFormat inFormat = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
            CSVFormat outFormat = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
            try (CSVParser parser = CSVParser.builder().setReader(br).setFormat(inFormat).get()) {
                var it = parser.iterator();
                List<String> header = new ArrayList<>(it.next().toList());
                if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                    header.set(0, header.get(0).substring(1));
                }
                Plan plan = plan(header, specs);
                CSVPrinter printer = new CSVPrinter(out, outFormat);
                printer.printRecord(plan.outputHeader);
                long rows = 0;
                long skipped = 0;
                long blanked = 0;
                List<RowIssue> issues = new ArrayList<>();
                long lineEnd = parser.getCurrentLineNumber();
                List<String> outRow = new ArrayList<>(plan.outputHeader.size());
                while (it.hasNext()) {
                    CSVRecord rec = it.next();
                    long line = lineEnd + 1;
                    lineEnd = parser.getCurrentLineNumber();
                    if (rec.size() == 1 && rec.get(0).isEmpty()) {
                        continue; // blank line
                    }
                    if (rec.size() != header.size()) {
                        skipped++;
                        addIssue(issues, new RowIssue(line, null, RejectReason.MALFORMED_ROW,
                                "row has " + rec.size() + " cells, the header " + header.size() + "; row not written"));
                        continue;
                    }
                    outRow.clear();
                    for (int c = 0; c < header.size(); c++) {
                        Integer specIndex = plan.keyAt.get(c);
                        if (specIndex != null) {
                            KeySpec spec = specs.get(specIndex);
                            try {
                                String key = keyOf(mac, spec, plan.sources.get(specIndex), rec);
                            outRow.add(key.isEmpty() ? null : key);
                            } catch (IllegalArgumentException e) {
                                blanked++;
                                outRow.add(null);
                                addIssue(issues, new RowIssue(line, spec.sourceColumns().get(0),
                                        RejectReason.BAD_VALUE, spec.kind().id() + ": " + e.getMessage()));
                            }
                        } else if (!plan.dropped.contains(c)) {
                            // null prints as an empty cell; "" would come out quoted in first position
                            outRow.add(rec.get(c).isEmpty() ? null : rec.get(c));
                        }
                    }
                    printer.printRecord(outRow);
                    rows++;
                }
                printer.flush();
                return new Result(rows, skipped, blanked, Collections.unmodifiableList(issues));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("pseudonymise: cannot read or write the CSV", e);
        }
    }

    private record Plan(List<String> outputHeader, Map<Integer, Integer> keyAt, Set<Integer> dropped,
            List<int[]> sources) {}

    private static Plan plan(List<String> header, List<KeySpec> specs) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).trim(), i);
        }
        Map<Integer, Integer> keyAt = new HashMap<>();
        Set<Integer> dropped = new HashSet<>();
        List<int[]> sources = new ArrayList<>();
        for (int s = 0; s < specs.size(); s++) {
            List<String> cols = specs.get(s).sourceColumns();
            int[] idx = new int[cols.size()];
            for (int k = 0; k < cols.size(); k++) {
                Integer i = index.get(cols.get(k));
                if (i == null) {
                    throw new IllegalArgumentException("missing column: " + cols.get(k));
                }
                if (keyAt.containsKey(i) || dropped.contains(i)) {
                    throw new IllegalArgumentException("column used by two keys: " + cols.get(k));
                }
                idx[k] = i;
                if (k == 0) {
                    keyAt.put(i, s);
                } else {
                    dropped.add(i);
                }
            }
            sources.add(idx);
        }
        List<String> outHeader = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            Integer s = keyAt.get(c);
            if (s != null) {
                outHeader.add(specs.get(s).outputColumn());
            } else if (!dropped.contains(c)) {
                outHeader.add(header.get(c));
            }
        }
        Set<String> seen = new HashSet<>();
        for (String h : outHeader) {
            if (!seen.add(h.trim())) {
                throw new IllegalArgumentException("column would appear twice in the output: " + h);
            }
        }
        return new Plan(outHeader, keyAt, dropped, sources);
    }

    private static String keyOf(Mac mac, KeySpec spec, int[] idx, CSVRecord rec) {
        List<String> values = new ArrayList<>(idx.length);
        int empty = 0;
        for (int i : idx) {
            String v = rec.get(i);
            if (v == null || v.isBlank()) {
                empty++;
            }
            values.add(v);
        }
        if (empty == idx.length) {
            return "";
        }
        if (empty > 0) {
            throw new IllegalArgumentException("some of the name and birth date cells are empty");
        }
        String normalised = switch (spec.kind()) {
            case PHONE -> normalisePhone(values.get(0));
            case EMAIL -> normaliseEmail(values.get(0));
            case NAME_BIRTH -> normaliseNameBirth(values.subList(0, values.size() - 1), values.get(values.size() - 1));
        };
        return hex(mac.doFinal((spec.kind().id() + ":" + normalised).getBytes(StandardCharsets.UTF_8)));
    }

    private static void addIssue(List<RowIssue> issues, RowIssue issue) {
        if (issues.size() < MAX_ISSUES) {
            issues.add(issue);
        }
    }
}
