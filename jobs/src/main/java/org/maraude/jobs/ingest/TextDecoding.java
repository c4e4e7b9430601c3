package org.maraude.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides how the bytes of an inbox file are text, before any CSV parsing.
 *
 * <ul>
 *   <li>UTF-8, with or without a byte-order mark (the BOM is dropped);
 *   <li>UTF-16 LE or BE with a BOM (Excel's "Unicode text" / some platforms' "CSV" downloads,
 *       usually tab-separated): decoded;
 *   <li>a NUL byte (binary data, or UTF-16 without a BOM) → {@link RejectReason#NOT_CSV};
 *   <li>bytes that are not UTF-8 (typically a Latin-1 / Windows-1252 file) → {@link
 *       RejectReason#NOT_UTF8}, the message giving the byte offset and line, never the bytes;
 *   <li>valid UTF-8 that is <i>mojibake</i> (UTF-8 once read as Latin-1/Windows-1252 and saved
 *       again: {@code dÃ©pensÃ©}, {@code â‚¬}, {@code Å“}) → see below.
 * </ul>
 *
 * <h2>Mojibake: repaired when unambiguous, refused otherwise</h2>
 *
 * A cell is suspect when it holds {@code Â}, {@code Ã} or {@code Å} followed by a character that
 * Windows-1252 maps to a UTF-8 continuation byte (0x80–0xBF), or {@code â} followed by two such
 * characters, or {@code Ã} followed by a plain space (an {@code à} whose no-break space was lost).
 * French text never contains these pairs. With {@link MojibakePolicy#REPAIR} (the default of
 * {@link #decode(byte[])}) the whole text is turned back into bytes (Windows-1252, with the five
 * bytes it leaves undefined read as Latin-1) and decoded as UTF-8 again. The repair is kept only
 * if that is exact: every character maps to one byte, the bytes are valid UTF-8, and no suspect
 * pair remains (a file damaged twice). A file mixing good accents and mojibake, or with a lost
 * byte, is refused with {@link RejectReason#MOJIBAKE} and the line of the first suspect pair.
 * {@link Decoded#mojibakeRepaired()} tells the caller to report the repair. The streaming reader
 * ({@link #reader(InputStream)}) cannot look at the whole file first, so it always refuses.
 */
public final class TextDecoding {

    /** What to do with a file that is valid UTF-8 but mojibake. */
    public enum MojibakePolicy {
        /** Reject with {@link RejectReason#MOJIBAKE}. */
        REFUSE,
        /** Repair when the repair is exact, reject otherwise. */
        REPAIR
    }

    /**
     * A decoded file.
     *
     * @param text the text without its byte-order mark
     * @param encoding {@code UTF-8}, {@code UTF-16LE} or {@code UTF-16BE}
     * @param bom whether the file started with a byte-order mark
     * @param mojibakeRepaired whether {@code text} is the repair of a mojibake file
     */
    public record Decoded(String text, String encoding, boolean bom, boolean mojibakeRepaired) {}

    private static final char BOM = '\uFEFF';

    /** Windows-1252 characters for bytes 0x80–0x9F; 0 where 1252 leaves the byte undefined. */
    private static final char[] CP1252_HIGH = {
        '\u20AC', 0, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', 0, '\u017D', 0,
        0, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', 0, '\u017E', '\u0178'
    };

    private TextDecoding() {}

    /** Decodes a whole file, repairing unambiguous mojibake. */
    public static Decoded decode(byte[] bytes) {
        return decode(bytes, MojibakePolicy.REPAIR);
    }

    /** Decodes a whole file. Throws {@link FileRejectedException} as described on the class. */
    public static Decoded decode(byte[] bytes, MojibakePolicy policy) {
        int n = bytes.length;
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return decodeUtf16(bytes, StandardCharsets.UTF_16LE, "UTF-16LE", policy);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return decodeUtf16(bytes, StandardCharsets.UTF_16BE, "UTF-16BE", policy);
        }
        boolean bom = n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
        int start = bom ? 3 : 0;
        for (int i = start; i < n; i++) {
            if (bytes[i] == 0) {
                throw nulByte(bytes, i);
            }
        }
        CharsetDecoder dec = strict(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, n - start);
        CharBuffer out = CharBuffer.allocate(n - start + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            throw new FileRejectedException(
                    RejectReason.NOT_UTF8,
                    "invalid UTF-8 at byte offset " + offset + " (line " + lineOfByte(bytes, offset)
                            + "); the file is probably Latin-1 or Windows-1252: save it again as UTF-8");
        }
        dec.flush(out);
        out.flip();
        return afterDecoding(out.toString(), "UTF-8", bom, policy);
    }

    private static Decoded decodeUtf16(byte[] bytes, Charset cs, String name, MojibakePolicy policy) {
        String text;
        try {
            text = strict(cs).decode(ByteBuffer.wrap(bytes, 2, bytes.length - 2)).toString();
        } catch (CharacterCodingException e) {
            throw new FileRejectedException(
                    RejectReason.NOT_UTF8, "file starts with a " + name + " byte-order mark but is not valid " + name);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new FileRejectedException(
                    RejectReason.NOT_CSV, "binary data: NUL character on line " + lineOfChar(text, nul));
        }
        return afterDecoding(text, name, true, policy);
    }

    private static Decoded afterDecoding(String text, String encoding, boolean bom, MojibakePolicy policy) {
        int suspect = firstMojibake(text);
        if (suspect < 0) {
            return new Decoded(text, encoding, bom, false);
        }
        if (policy == MojibakePolicy.REPAIR) {
            String repaired = repair(text);
            if (repaired != null && firstMojibake(repaired) < 0) {
                return new Decoded(repaired, encoding, bom, true);
            }
        }
        throw mojibake(lineOfChar(text, suspect), policy == MojibakePolicy.REPAIR);
    }

    private static FileRejectedException mojibake(long line, boolean triedRepair) {
        return new FileRejectedException(
                RejectReason.MOJIBAKE,
                "text looks like UTF-8 read as Latin-1/Windows-1252 and saved again (first on line " + line + ")"
                        + (triedRepair ? "; it cannot be repaired exactly" : "")
                        + ": export the file again and open it as UTF-8");
    }

    private static FileRejectedException nulByte(byte[] bytes, int offset) {
        boolean utf16 = bytes.length >= 4
                && ((bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0) || (bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0));
        return new FileRejectedException(
                RejectReason.NOT_CSV,
                utf16
                        ? "file looks like UTF-16 without a byte-order mark: save it as UTF-8"
                        : "binary data: NUL byte at byte offset " + offset + " (line " + lineOfByte(bytes, offset) + ")");
    }

    private static CharsetDecoder strict(Charset cs) {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static long lineOfByte(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static long lineOfChar(String text, int index) {
        long line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // ---------------------------------------------------------------- mojibake

    /** The byte Windows-1252 (or Latin-1 for its holes) gives this character, or -1. */
    static int cp1252Byte(char c) {
        if (c < 0x80) {
            return c;
        }
        if (c >= 0xA0 && c <= 0xFF) {
            return c;
        }
        if (c >= 0x80 && c <= 0x9F) {
            // C1 controls: bytes 1252 leaves undefined, decoded as Latin-1 by most tools
            return CP1252_HIGH[c - 0x80] == 0 ? c : -1;
        }
        for (int i = 0; i < CP1252_HIGH.length; i++) {
            if (CP1252_HIGH[i] == c) {
                return 0x80 + i;
            }
        }
        return -1;
    }

    private static boolean isContinuationLike(char c) {
        int b = cp1252Byte(c);
        return b >= 0x80 && b <= 0xBF;
    }

    /** Index of the first suspect pair, or -1. */
    static int firstMojibake(CharSequence s) {
        int n = s.length();
        for (int i = 0; i + 1 < n; i++) {
            char c = s.charAt(i);
            if (c < 0xC2) {
                continue;
            }
            if (isMojibakeAt(c, s.charAt(i + 1), i + 2 < n ? s.charAt(i + 2) : 0)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isMojibakeAt(char c, char next, char next2) {
        if (c == '\u00C2' || c == '\u00C3' || c == '\u00C5') {
            return isContinuationLike(next) || (c == '\u00C3' && next == ' ');
        }
        if (c == '\u00E2') {
            return isContinuationLike(next) && next2 != 0 && isContinuationLike(next2);
        }
        return false;
    }

    /** The exact repair, or null when some character has no byte or the bytes are not UTF-8. */
    static String repair(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            int b = cp1252Byte(text.charAt(i));
            if (b < 0) {
                return null;
            }
            bytes[i] = (byte) b;
        }
        try {
            return strict(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- delimiter

    /**
     * The separator of a header line among {@code ,} {@code ;} and tab: the one found most often
     * outside double quotes (so {@code "CPM (cost per 1,000 impressions) (EUR)"} does not count).
     * Ties go to tab, then {@code ;}; a line without any gives {@code ,}.
     */
    public static char sniffDelimiter(String headerLine) {
        int comma = 0;
        int semi = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    comma++;
                } else if (c == ';') {
                    semi++;
                } else if (c == '\t') {
                    tab++;
                } else if (c == '\n') {
                    break;
                }
            }
        }
        if (tab > 0 && tab >= semi && tab >= comma) {
            return '\t';
        }
        if (semi > 0 && semi >= comma) {
            return ';';
        }
        return ',';
    }

    // ---------------------------------------------------------------- streaming

    /**
     * A reader over a big file that checks as it goes: BOM handling as {@link #decode(byte[])},
     * and a {@link FileRejectedException} from {@code read} on the first invalid byte (NOT_UTF8,
     * with byte offset and line), NUL (NOT_CSV) or suspect mojibake pair (MOJIBAKE, never
     * repaired). Callers must treat such an exception as the rejection of the whole file and
     * discard what they read before it. I/O failures of the stream come out of {@code read} as
     * {@link IOException}, like any reader's.
     */
    public static Reader reader(InputStream in) throws IOException {
        PushbackInputStream pin = new PushbackInputStream(in, 3);
        byte[] head = new byte[3];
        int got = 0;
        while (got < 3) {
            int r = pin.read(head, got, 3 - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        int b0 = got > 0 ? head[0] & 0xFF : -1;
        int b1 = got > 1 ? head[1] & 0xFF : -1;
        int b2 = got > 2 ? head[2] & 0xFF : -1;
        if (b0 == 0xFF && b1 == 0xFE) {
            pin.unread(head, 2, got - 2);
            return new CheckingReader(pin, StandardCharsets.UTF_16LE, 2);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            pin.unread(head, 2, got - 2);
            return new CheckingReader(pin, StandardCharsets.UTF_16BE, 2);
        }
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return new CheckingReader(pin, StandardCharsets.UTF_8, 3);
        }
        pin.unread(head, 0, got);
        return new CheckingReader(pin, StandardCharsets.UTF_8, 0);
    }

    /** Decodes with REPORT, counting bytes and lines so that a rejection can say where. */
    private static final class CheckingReader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final boolean utf8;
        private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        private final CharBuffer chars = CharBuffer.allocate(64 * 1024);
        /** Bytes of the stream consumed by the decoder before {@code bytes}' current content. */
        private long bytesBase;
        private long line = 1;
        /** Last two characters checked, for suspect pairs across buffer boundaries. */
        private char prev1;
        private char prev2;
        private boolean eof;
        private boolean done;

        CheckingReader(InputStream in, Charset cs, int skipped) {
            this.in = in;
            this.decoder = strict(cs);
            this.utf8 = cs == StandardCharsets.UTF_8;
            this.bytesBase = skipped;
            bytes.flip();
            chars.flip();
        }

        @Override
        public int read(char[] dst, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (done) {
                    return -1;
                }
                fill();
            }
            int k = Math.min(len, chars.remaining());
            chars.get(dst, off, k);
            return k;
        }

        private void fill() throws IOException {
            chars.clear();
            while (chars.position() == 0 && !done) {
                if (!bytes.hasRemaining() && !eof) {
                    readMore();
                }
                int before = chars.position();
                CoderResult r = decoder.decode(bytes, chars, eof);
                check(before, chars.position());
                if (r.isError()) {
                    long offset = bytesBase + bytes.position();
                    throw new FileRejectedException(
                            RejectReason.NOT_UTF8,
                            (utf8 ? "invalid UTF-8" : "invalid UTF-16") + " at byte offset " + offset + " (line " + line
                                    + "); the file is probably Latin-1 or Windows-1252: save it again as UTF-8");
                }
                if (r.isUnderflow()) {
                    if (eof) {
                        decoder.flush(chars);
                        done = true;
                        // a suspect pair cannot end on the last character: nothing more to check
                    } else {
                        readMore();
                    }
                }
            }
            chars.flip();
        }

        private void readMore() throws IOException {
            bytesBase += bytes.position();
            bytes.compact();
            int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (r < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + r);
            }
            bytes.flip();
        }

        private void check(int from, int to) {
            char[] a = chars.array();
            for (int i = from; i < to; i++) {
                char c = a[i];
                if (c == '\0') {
                    throw new FileRejectedException(RejectReason.NOT_CSV, "binary data: NUL character on line " + line);
                }
                if (prev1 >= 0xC2 && isMojibakeAt(prev1, c, (char) 0) && prev1 != '\u00E2') {
                    throw mojibake(line, false);
                }
                if (prev2 == '\u00E2' && isMojibakeAt(prev2, prev1, c)) {
                    throw mojibake(line, false);
                }
                if (c == '\n') {
                    line++;
                }
                prev2 = prev1;
                prev1 = c;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
