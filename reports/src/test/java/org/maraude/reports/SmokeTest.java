package org.maraude.reports;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir Path tmp;

    @Test
    void dump() throws Exception {
        Path db = Fixture.create(tmp);
        for (String project : new String[] {"p-alpha", null}) {
            ReportFiles f = ReportJob.write(db, new ReportRequest(Period.parse("2026-Q3"), project, Path.of("/tmp/smoke"), "fr", 11, false));
            PdfReader r = new PdfReader(Files.readAllBytes(f.pdf()));
            StringBuilder b = new StringBuilder();
            for (int p = 1; p <= r.getNumberOfPages(); p++) {
                b.append("=== page ").append(p).append('\n').append(new PdfTextExtractor(r).getTextFromPage(p)).append('\n');
            }
            Files.writeString(Path.of("/tmp/smoke/" + f.pdf().getFileName() + ".txt"), b.toString());
            Report rep = ReportJob.build(db, f.request(), java.time.LocalDate.now());
            int i = 0;
            for (Report.Section s : rep.sections()) {
                for (Report.Block bl : s.blocks()) {
                    if (bl instanceof Report.Chart c) {
                        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(Charts.WIDTH * 2, Charts.HEIGHT * 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
                        java.awt.Graphics2D g = img.createGraphics();
                        g.scale(2, 2);
                        Charts.draw(c, g, Charts.WIDTH, Charts.HEIGHT);
                        javax.imageio.ImageIO.write(img, "png", new java.io.File("/tmp/smoke/" + f.request().scope() + "-" + (i++) + ".png"));
                    }
                }
            }
        }
    }
}
