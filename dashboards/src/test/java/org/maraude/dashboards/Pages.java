package org.maraude.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading rendered pages in tests: a figure or table block, a row by its key, its cells as text. */
final class Pages {
    private Pages() {}

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTML of the block with this id (a {@code <figure id>} or a table block {@code <div id>}). */
    static String block(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        if (start < 0) {
            throw new AssertionError("no block " + id);
        }
        int figEnd = html.indexOf("</figure>", start);
        int divEnd = html.indexOf("</table></div>", start);
        int end = html.startsWith("fig-", start + 4) ? figEnd : divEnd;
        return html.substring(start, end);
    }

    /** The cells (text, entities decoded) of the row whose data-key is {@code key}. */
    static List<String> row(String block, String key) {
        Matcher m = Pattern.compile("<tr data-key=\"" + Pattern.quote(Html.esc(key)) + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(block);
        if (!m.find()) {
            throw new AssertionError("no row " + key);
        }
        List<String> cells = new ArrayList<>();
        Matcher c = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(m.group(1));
        while (c.find()) {
            cells.add(text(c.group(1)));
        }
        return cells;
    }

    static String text(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").trim();
    }

    /** Texts of the {@code <text>} elements of the block's SVG. */
    static List<String> svgTexts(String block) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<text[^>]*>(.*?)</text>", Pattern.DOTALL).matcher(block);
        while (m.find()) {
            out.add(text(m.group(1)));
        }
        return out;
    }
}
