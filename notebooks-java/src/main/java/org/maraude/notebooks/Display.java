package org.maraude.notebooks;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * {@code display(x)} in a notebook cell: a chart (any {@link RenderedImage}, or PNG bytes) becomes
 * an inline image, anything else is printed.
 *
 * <p>Under the project's runner ({@code NotebookRunner}) an image is written to standard output
 * as one line, {@value #MARKER} + {@code image/png } + base64, which the runner turns into an
 * nbformat {@code display_data} output in its place among the printed text. Elsewhere (a plain
 * JShell) the PNG is written to a temporary file and its path printed. In Jupyter, the Java kernel
 * has its own {@code display}, which shows the same images.
 */
public final class Display {
    /** Starts a display line on standard output (an ASCII record separator: never in printed text). */
    public static final String MARKER = "\u001Emaraude-display ";
    /** System property the runner sets to "true" while it executes a notebook. */
    public static final String RUNNER_PROPERTY = "maraude.notebook.runner";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    private Display() {}

    /** Shows {@code value}: an image inline, anything else as text. */
    public static void display(Object value) {
        PrintStream out = System.out;
        byte[] png = value instanceof RenderedImage img ? png(img)
                : value instanceof byte[] b && isPng(b) ? b : null;
        if (png == null) {
            out.println(value);
        } else if (Boolean.getBoolean(RUNNER_PROPERTY)) {
            out.print(MARKER + "image/png " + Base64.getEncoder().encodeToString(png) + "\n");
            out.flush();
        } else {
            try {
                Path f = Files.createTempFile("maraude-chart-", ".png");
                Files.write(f, png);
                out.println("[image: " + f + "]");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the image", e);
            }
        }
    }

    /** Whether {@link #display} shows this value as an image rather than as text. */
    public static boolean isImage(Object value) {
        return value instanceof RenderedImage || value instanceof byte[] b && isPng(b);
    }

    /** The image as PNG bytes. */
    public static byte[] png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the image as PNG", e);
        }
        return bytes.toByteArray();
    }

    private static boolean isPng(byte[] b) {
        if (b.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (b[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }
}
