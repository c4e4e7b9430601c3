package org.maraude.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PDF's text as OpenPDF's extractor gives it back, for comparing figures. The extractor's
 * spacing between table cells is not reliable, so lines are compared with all white space
 * removed (which also removes the thousands separators): a table row reads as its cells run
 * together, e.g. {@code Entrésencontact6640+65,0%}.
 */
final class PdfText {
    final List<String> pages = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    PdfText(byte[] pdf) {
        try {
            PdfReader r = new PdfReader(pdf);
            PdfTextExtractor x = new PdfTextExtractor(r);
            for (int p = 1; p <= r.getNumberOfPages(); p++) {
                String t = x.getTextFromPage(p);
                pages.add(t);
                t.lines().map(PdfText::norm).filter(l -> !l.isEmpty()).forEach(lines::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PdfText of(Path pdf) {
        try {
            return new PdfText(Files.readAllBytes(pdf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String norm(String s) {
        return s.replaceAll("[\\s\\u00a0\\u202f]+", "");
    }

    String all() {
        return String.join("\n", pages);
    }

    /** The first line after the table's caption that starts with the row's label. */
    String row(String caption, String label) {
        int from = lines.indexOf(norm(caption));
        if (from < 0) {
            fail("no caption '" + caption + "' in the PDF");
        }
        String l = norm(label);
        for (int i = from + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith(l)) {
                return lines.get(i);
            }
        }
        fail("no row '" + label + "' after '" + caption + "'");
        return null;
    }

    /** Asserts that the row reads exactly as the label followed by the given cells. */
    void assertRow(String caption, String label, String... cells) {
        assertEquals(norm(label + String.join("", cells)), row(caption, label), "row " + label + " of " + caption);
    }
}
