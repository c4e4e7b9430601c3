package org.maraude.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextDecodingTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** UTF-8 text read as Windows-1252 and saved as UTF-8 again. */
    private static String mojibake(String s) {
        // Java's windows-1252 turns the five undefined bytes into U+FFFD; Excel and browsers keep
        // them as the C1 controls of Latin-1, which is what real files show
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int u = b & 0xFF;
            String c = new String(new byte[] {b}, CP1252);
            sb.append(c.equals("\uFFFD") ? String.valueOf((char) u) : c);
        }
        return sb.toString();
    }

    @Test
    void mojibakeWithALostByteIsRefused() {
        // ” is E2 80 9D; a tool that turned the undefined 0x9D into U+FFFD lost it for good
        String lossy = new String("“Liberté”".getBytes(StandardCharsets.UTF_8), CP1252);
        FileRejectedException e = assertThrows(FileRejectedException.class,
                () -> TextDecoding.decode(lossy.getBytes(StandardCharsets.UTF_8)));
        assertEquals(RejectReason.MOJIBAKE, e.reason());
    }

    @Test
    void plainUtf8() {
        TextDecoding.Decoded d = TextDecoding.decode("Jour;Montant dépensé (EUR)\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("Jour;Montant dépensé (EUR)\n", d.text());
        assertEquals("UTF-8", d.encoding());
        assertFalse(d.bom());
        assertFalse(d.mojibakeRepaired());
    }

    @Test
    void utf8BomIsDropped() {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "a,b\n".getBytes(StandardCharsets.UTF_8));
        TextDecoding.Decoded d = TextDecoding.decode(bytes);
        assertEquals("a,b\n", d.text());
        assertTrue(d.bom());
    }

    @Test
    void emptyFileAndBomOnly() {
        assertEquals("", TextDecoding.decode(new byte[0]).text());
        assertEquals("", TextDecoding.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).text());
    }

    @Test
    void utf16LittleEndianWithBomIsDecoded() {
        String text = "Jour\tMontant dépensé (EUR)\n2025-01-08\t12,50\n";
        byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        TextDecoding.Decoded d = TextDecoding.decode(bytes);
        assertEquals(text, d.text());
        assertEquals("UTF-16LE", d.encoding());
        assertTrue(d.bom());
        assertEquals('\t', TextDecoding.sniffDelimiter(d.text()));
    }

    @Test
    void utf16BigEndianWithBomIsDecoded() {
        String text = "Day\tCost\n";
        byte[] bytes = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        assertEquals(text, TextDecoding.decode(bytes).text());
        assertEquals("UTF-16BE", TextDecoding.decode(bytes).encoding());
    }

    @Test
    void utf16WithoutBomIsNotCsv() {
        FileRejectedException e = assertThrows(FileRejectedException.class,
                () -> TextDecoding.decode("Day,Cost\n".getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(RejectReason.NOT_CSV, e.reason());
        assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
    }

    @Test
    void nulByteIsNotCsv() {
        byte[] bytes = "a,b\n1,2\n\u0000\u0001PK".getBytes(StandardCharsets.ISO_8859_1);
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> TextDecoding.decode(bytes));
        assertEquals(RejectReason.NOT_CSV, e.reason());
        assertEquals("binary data: NUL byte at byte offset 8 (line 3)", e.getMessage());
    }

    @Test
    void latin1IsNotUtf8WithOffsetAndLineButNoValue() {
        byte[] bytes = "Jour;Montant\n2025-01-08;12\nCampagne été;3\n".getBytes(StandardCharsets.ISO_8859_1);
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> TextDecoding.decode(bytes));
        assertEquals(RejectReason.NOT_UTF8, e.reason());
        assertTrue(e.getMessage().startsWith("invalid UTF-8 at byte offset 36 (line 3)"), e.getMessage());
        assertFalse(e.getMessage().contains("Campagne"));
    }

    @Test
    void truncatedSequenceAtEndIsNotUtf8() {
        byte[] bytes = concat("abc,".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3});
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> TextDecoding.decode(bytes));
        assertEquals(RejectReason.NOT_UTF8, e.reason());
        assertTrue(e.getMessage().startsWith("invalid UTF-8 at byte offset 4 (line 1)"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "Montant dépensé (EUR)",
        "Répétition;Portée;Clics sur un lien",
        "coût: 12 € — c’est « cher »",
        "cœur, Œuvre, À la une, Élodie, ça, où, î, ô, û, ü, ë, ÿ, Ç",
        "“CAFÉ” et “Liberté”",
    })
    void mojibakeOfFrenchIsRepaired(String original) {
        byte[] bytes = mojibake(original).getBytes(StandardCharsets.UTF_8);
        TextDecoding.Decoded d = TextDecoding.decode(bytes);
        assertEquals(original, d.text());
        assertTrue(d.mojibakeRepaired());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "“CAFÉ” et “Liberté”",
        "Âge, château, pâte, Å",
        "Ãn ÃO",
    })
    void genuineFrenchIsNotMojibake(String text) {
        TextDecoding.Decoded d = TextDecoding.decode(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, d.text());
        assertFalse(d.mojibakeRepaired());
    }

    @Test
    void mojibakeIsRefusedWhenAskedTo() {
        byte[] bytes = ("Jour;Montant\n" + mojibake("dépensé")).getBytes(StandardCharsets.UTF_8);
        FileRejectedException e = assertThrows(FileRejectedException.class,
                () -> TextDecoding.decode(bytes, TextDecoding.MojibakePolicy.REFUSE));
        assertEquals(RejectReason.MOJIBAKE, e.reason());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void mixedGoodAccentsAndMojibakeIsRefused() {
        byte[] bytes = ("Répétition\n" + mojibake("dépensé") + "\n").getBytes(StandardCharsets.UTF_8);
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> TextDecoding.decode(bytes));
        assertEquals(RejectReason.MOJIBAKE, e.reason());
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("cannot be repaired"), e.getMessage());
    }

    @Test
    void lostNoBreakSpaceAfterAIsRefused() {
        // "à" is C3 A0; when the A0 (no-break space) became a plain space the byte is lost
        byte[] bytes = "Campagne Ã  Lyon\n".getBytes(StandardCharsets.UTF_8);
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> TextDecoding.decode(bytes));
        assertEquals(RejectReason.MOJIBAKE, e.reason());
    }

    @Test
    void doubleMojibakeIsRefused() {
        byte[] bytes = mojibake(mojibake("dépensé")).getBytes(StandardCharsets.UTF_8);
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> TextDecoding.decode(bytes));
        assertEquals(RejectReason.MOJIBAKE, e.reason());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'Jour;Nom de la campagne;Montant dépensé (EUR)' | ;",
        "'Day,Campaign name,Amount spent (EUR)' | ,",
        "'\"CPM (cost per 1,000 impressions) (EUR)\";Jour;Impressions' | ;",
        "'\"Date\",\"Video Views\",\"Profile Views\"' | ,",
        "'Content\tVideo title\tViews' | TAB",
        "'Campaign report' | ,",
        "'a;b,c' | ;",
    })
    void sniffsDelimiter(String header, String expected) {
        char want = expected.equals("TAB") ? '\t' : expected.charAt(0);
        assertEquals(want, TextDecoding.sniffDelimiter(header));
    }

    // ------------------------------------------------------------ streaming

    private static String readAll(InputStream in) throws IOException {
        try (Reader r = TextDecoding.reader(in)) {
            StringWriter w = new StringWriter();
            char[] buf = new char[7];
            for (int k; (k = r.read(buf)) >= 0; ) {
                w.write(buf, 0, k);
            }
            return w.toString();
        }
    }

    /** Hands out at most 5 bytes per read, to cross buffer boundaries inside sequences. */
    private static InputStream dribble(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 5));
            }
        };
    }

    @Test
    void streamingDecodesUtf8WithBomAndUtf16() throws IOException {
        String text = "Jour;Montant dépensé (EUR) — 12 €\n".repeat(5_000);
        byte[] utf8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, readAll(new ByteArrayInputStream(utf8)));
        assertEquals(text, readAll(dribble(utf8)));
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(text, readAll(dribble(utf16)));
        assertEquals("", readAll(new ByteArrayInputStream(new byte[0])));
        assertEquals("a", readAll(new ByteArrayInputStream(new byte[] {'a'})));
    }

    @Test
    void streamingRejectsInvalidUtf8WithOffsetAndLine() {
        byte[] bytes = ("a,b\n".repeat(30_000) + "caf\u00e9,1\n").getBytes(StandardCharsets.ISO_8859_1);
        FileRejectedException e = assertThrows(FileRejectedException.class, () -> readAll(dribble(bytes)));
        assertEquals(RejectReason.NOT_UTF8, e.reason());
        assertTrue(e.getMessage().startsWith("invalid UTF-8 at byte offset 120003 (line 30001)"), e.getMessage());
    }

    @Test
    void streamingRejectsNulAndMojibake() {
        FileRejectedException nul = assertThrows(FileRejectedException.class,
                () -> readAll(new ByteArrayInputStream("a\nb\u0000".getBytes(StandardCharsets.UTF_8))));
        assertEquals(RejectReason.NOT_CSV, nul.reason());
        assertEquals("binary data: NUL character on line 2", nul.getMessage());
        FileRejectedException moj = assertThrows(FileRejectedException.class,
                () -> readAll(dribble(("x\ny\n" + mojibake("12 €")).getBytes(StandardCharsets.UTF_8))));
        assertEquals(RejectReason.MOJIBAKE, moj.reason());
        assertTrue(moj.getMessage().contains("line 3"), moj.getMessage());
    }
}
