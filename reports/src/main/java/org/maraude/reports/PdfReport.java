package org.maraude.reports;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.maraude.reports.Report.Block;
import org.maraude.reports.Report.Cell;
import org.maraude.reports.Report.Chart;
import org.maraude.reports.Report.Section;
import org.maraude.reports.Report.Table;
import org.maraude.reports.Report.Text;

/**
 * Writes a {@link Report} as PDF with OpenPDF: a cover, then each section. Charts are drawn by
 * JFreeChart straight into the PDF through OpenPDF's Graphics2D, so they stay vectors; their text
 * is drawn as outlines, which keeps the page's extractable text to the tables' figures. The font
 * (Liberation Sans, shipped inside OpenPDF) is embedded so French text and any label print the
 * same everywhere. Every page carries the report's diffusion marking.
 */
final class PdfReport {
    private PdfReport() {}

    private static final Color BLUE = new Color(0x00, 0x4B, 0x87);
    private static final Color GREY = new Color(0x55, 0x55, 0x55);
    private static final Color RED = new Color(0xB0, 0x00, 0x20);
    private static final Color HEAD_BG = new Color(0xE8, 0xEE, 0xF4);
    private static final Color TOTAL_BG = new Color(0xF4, 0xF4, 0xF4);

    private static BaseFont font() {
        try {
            return BaseFont.createFont("font-fallback/LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("the PDF font is missing from OpenPDF", e);
        }
    }

    static void write(Report r, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Report r, OutputStream out) {
        BaseFont bf = font();
        Font body = new Font(bf, 9.5f);
        Font small = new Font(bf, 7.5f, Font.NORMAL, GREY);
        Font cell = new Font(bf, 8.5f);
        Font cellBold = new Font(bf, 8.5f, Font.BOLD);
        Font caption = new Font(bf, 10f, Font.BOLD, BLUE);
        Font h1 = new Font(bf, 15f, Font.BOLD, BLUE);
        Document doc = new Document(PageSize.A4, 40, 40, 48, 48);
        try {
            PdfWriter w = PdfWriter.getInstance(doc, out);
            w.getExtraCatalog().put(com.lowagie.text.pdf.PdfName.LANG, new com.lowagie.text.pdf.PdfString(r.lang()));
            w.setPageEvent(new Marking(r, bf));
            doc.addTitle(r.title() + " — " + r.subtitle());
            doc.addCreator("maraude");
            doc.open();
            cover(doc, r, bf);
            for (Section s : r.sections()) {
                doc.newPage();
                Paragraph h = new Paragraph(s.title(), h1);
                h.setSpacingAfter(8);
                doc.add(h);
                for (Block b : s.blocks()) {
                    if (b instanceof Text t) {
                        Paragraph p = new Paragraph();
                        p.setLeading(12.5f);
                        if (t.term() != null) {
                            p.add(new Chunk(t.term() + ("en".equals(r.lang()) ? ": " : "\u00a0: "),
                                    new Font(bf, 9.5f, Font.BOLD)));
                        }
                        p.add(new Chunk(t.text(), body));
                        p.setSpacingAfter(5);
                        doc.add(p);
                    } else if (b instanceof Table t) {
                        table(doc, t, cell, cellBold, caption, small);
                    } else if (b instanceof Chart c) {
                        chart(doc, w, c, caption);
                    }
                }
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot lay out the PDF: " + e.getMessage(), e);
        }
    }

    private static void cover(Document doc, Report r, BaseFont bf) {
        Paragraph space = new Paragraph(" ");
        space.setSpacingBefore(120);
        doc.add(space);
        Paragraph t = new Paragraph(r.title(), new Font(bf, 22, Font.BOLD, BLUE));
        t.setSpacingAfter(10);
        doc.add(t);
        Paragraph st = new Paragraph(r.subtitle(), new Font(bf, 15, Font.NORMAL, BLUE));
        st.setSpacingAfter(30);
        doc.add(st);
        for (String line : r.cover()) {
            Paragraph p = new Paragraph(line, new Font(bf, 11));
            p.setSpacingAfter(4);
            doc.add(p);
        }
        Paragraph m = new Paragraph(r.marking(), new Font(bf, r.internal() ? 13 : 10, Font.BOLD, r.internal() ? RED : GREY));
        m.setSpacingBefore(30);
        doc.add(m);
    }

    private static void table(Document doc, Table t, Font cell, Font bold, Font caption, Font small) {
        Paragraph c = new Paragraph(t.caption(), caption);
        c.setSpacingBefore(8);
        c.setSpacingAfter(4);
        c.setKeepTogether(true);
        doc.add(c);
        int n = t.header().size();
        PdfPTable table = new PdfPTable(n);
        table.setWidthPercentage(100);
        float[] widths = new float[n];
        for (int i = 0; i < n; i++) {
            widths[i] = i == 0 ? (n > 4 ? 2.6f : 2.2f) : 1f;
        }
        table.setWidths(widths);
        table.setHeaderRows(1);
        for (int i = 0; i < n; i++) {
            PdfPCell h = new PdfPCell(new Phrase(t.header().get(i), bold));
            h.setBackgroundColor(HEAD_BG);
            h.setHorizontalAlignment(i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            h.setPadding(3);
            h.setBorderColor(Color.LIGHT_GRAY);
            table.addCell(h);
        }
        for (int r = 0; r < t.rows().size(); r++) {
            boolean total = t.totalRow() && r == t.rows().size() - 1;
            for (Cell x : t.rows().get(r)) {
                PdfPCell pc = new PdfPCell(new Phrase(x.text(), total ? bold : cell));
                pc.setHorizontalAlignment(x.numeric() ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                pc.setPadding(3);
                pc.setBorderColor(Color.LIGHT_GRAY);
                if (total) {
                    pc.setBackgroundColor(TOTAL_BG);
                }
                table.addCell(pc);
            }
        }
        if (t.rows().isEmpty()) {
            PdfPCell none = new PdfPCell(new Phrase("—", cell));
            none.setColspan(n);
            none.setBorderColor(Color.LIGHT_GRAY);
            table.addCell(none);
        }
        table.setSpacingAfter(3);
        doc.add(table);
        if (t.note() != null) {
            Paragraph note = new Paragraph(t.note(), small);
            note.setLeading(9.5f);
            note.setSpacingAfter(8);
            doc.add(note);
        }
    }

    private static void chart(Document doc, PdfWriter w, Chart c, Font caption) {
        Paragraph title = new Paragraph(c.title(), caption);
        title.setSpacingBefore(6);
        doc.add(title);
        PdfContentByte cb = w.getDirectContent();
        PdfTemplate tpl = cb.createTemplate(Charts.WIDTH, Charts.HEIGHT);
        // Shapes, not text: the chart stays vector and its labels do not mix into the page's text.
        Graphics2D g = tpl.createGraphicsShapes(Charts.WIDTH, Charts.HEIGHT);
        try {
            Charts.draw(c, g, Charts.WIDTH, Charts.HEIGHT);
        } finally {
            g.dispose();
        }
        Image img = Image.getInstance(tpl);
        img.setAlt(c.alt());
        img.scaleToFit(doc.right() - doc.left(), Charts.HEIGHT);
        img.setAlignment(Image.MIDDLE);
        doc.add(img);
    }

    /** Prints the marking and page number at the foot of every page, and "internal use" at the top. */
    private static final class Marking extends PdfPageEventHelper {
        private final Report r;
        private final Font foot;
        private final Font top;

        Marking(Report r, BaseFont bf) {
            this.r = r;
            this.foot = new Font(bf, 7, Font.NORMAL, r.internal() ? RED : GREY);
            this.top = new Font(bf, 8, Font.BOLD, RED);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(r.marking(), foot), document.left(), 24, 0);
            ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(Integer.toString(writer.getPageNumber()), foot),
                    document.right(), 24, 0);
            if (r.internal()) {
                ColumnText.showTextAligned(cb, Element.ALIGN_CENTER, new Phrase(r.lang().equals("en")
                        ? "INTERNAL USE — NOT FOR THE FUNDER" : "USAGE INTERNE — NE PAS DIFFUSER", top),
                        (page.getLeft() + page.getRight()) / 2, page.getTop() - 28, 0);
            }
        }
    }
}
