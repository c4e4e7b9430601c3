package org.maraude.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One page being written: its sections, its figures (chart + text alternative + data table + CSV
 * file beside the page) and the shared page frame (styles, navigation, footer, sort script). Every
 * page is self-contained: styles and script are inline, charts are inline SVG, nothing is loaded
 * from elsewhere.
 */
final class Doc {
    static final String CSS = resource("page.css");
    static final String SORT_JS = resource("sort.js");

    private final Ctx ctx;
    private final String file;
    private final String stem;
    private final StringBuilder body = new StringBuilder();
    private boolean sortable;

    /** @param file the page's file name in the output folder, e.g. {@code national.html} */
    Doc(Ctx ctx, String file) {
        this.ctx = ctx;
        this.file = file;
        this.stem = file.replaceFirst("\\.html$", "");
    }

    Doc raw(String safeHtml) {
        body.append(safeHtml).append('\n');
        return this;
    }

    Doc section(String id, String title) {
        body.append("<section id=\"").append(Html.esc(id)).append("\"><h2>").append(Html.esc(title)).append("</h2>\n");
        return this;
    }

    Doc endSection() {
        body.append("</section>\n");
        return this;
    }

    Doc p(String text) {
        return raw("<p>" + Html.esc(text) + "</p>");
    }

    Doc note(String text) {
        return raw("<p class=\"note\">" + Html.esc(text) + "</p>");
    }

    /** The message of a section whose table a later stage of the pipeline will publish. */
    Doc notComputed(String table) {
        return raw("<p class=\"not-computed\">" + Html.esc(ctx.t("Pas encore calculé : la table « " + table
                + " » n'existe pas dans cet entrepôt.", "Not computed yet: the table “" + table
                + "” is not in this warehouse.")) + "</p>");
    }

    /**
     * A chart with everything that makes it readable without seeing it: the SVG carries
     * role="img" and an aria-label summarising the data; the same data follow in a table inside
     * {@code <details>} and in a CSV file beside the page.
     */
    Doc figure(String id, String title, String unitNote, String svg, Table data) {
        String csv = writeCsv(id, data);
        String alt = title + " — " + summary(data) + (unitNote == null ? "" : " (" + unitNote + ")");
        body.append("<figure class=\"chart\" id=\"fig-").append(Html.esc(id)).append("\">")
                .append("<div class=\"svg\">").append(Charts.accessible(svg, alt, title)).append("</div>")
                .append("<figcaption>");
        if (unitNote != null) {
            body.append("<span class=\"unit\">").append(Html.esc(unitNote)).append("</span> ");
        }
        body.append("<span class=\"source\">").append(Html.esc(ctx.source())).append("</span></figcaption>")
                .append("<details><summary>").append(Html.esc(ctx.t("Données du graphique : ", "Chart data: ") + title))
                .append("</summary>").append(data.caption(title).html()).append("</details>")
                .append(csvLink(csv)).append("</figure>\n");
        sortable |= data.isSortable();
        return this;
    }

    /** A table shown in the page, with its CSV file. */
    Doc table(String id, Table data) {
        String csv = writeCsv(id, data);
        body.append("<div class=\"table-block\" id=\"tab-").append(Html.esc(id)).append("\">").append(data.html())
                .append(csvLink(csv)).append("</div>\n");
        sortable |= data.isSortable();
        return this;
    }

    private String csvLink(String csv) {
        return "<p class=\"csv\"><a href=\"" + Html.esc(csv) + "\" download>"
                + Html.esc(ctx.t("Télécharger les données (CSV)", "Download the data (CSV)")) + "</a></p>";
    }

    private String writeCsv(String id, Table data) {
        String name = stem + "-" + id + ".csv";
        Csv.write(ctx.outDir.resolve(name), data.headers(), data.csvRows());
        return name;
    }

    /** The first rows of a table, as words, for a chart's aria-label. */
    private String summary(Table t) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Table.Row r : t.rows()) {
            if (n++ == 12) {
                b.append("; …");
                break;
            }
            if (b.length() > 0) {
                b.append("; ");
            }
            for (int i = 0; i < r.cells().size(); i++) {
                String v = r.cells().get(i).csv();
                if (i > 0) {
                    b.append(i == 1 ? " : " : ", ").append(t.headers().get(i)).append(' ');
                }
                b.append(i == 0 ? v : Objects.requireNonNullElse(shown(r.cells().get(i)), ""));
            }
        }
        return b.length() == 0 ? ctx.t("aucune donnée", "no data") : b.toString();
    }

    private static String shown(Cell c) {
        // the page text without markup, unescaped (entities of our own escaping only)
        return c.html().replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** Writes the page with its frame and returns its path. */
    Path write(String title, String badgeHtml) {
        StringBuilder h = new StringBuilder(body.length() + CSS.length() + 4096);
        h.append("<!doctype html>\n<html lang=\"").append(ctx.lang()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"maraude dashboards\">\n")
                .append("<title>").append(Html.esc(title)).append(" — maraude</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<nav aria-label=\"").append(Html.esc(ctx.t("Navigation", "Navigation"))).append("\">")
                .append("<a href=\"index.html\">").append(Html.esc(ctx.t("Accueil", "Home"))).append("</a> · ")
                .append("<a href=\"national.html\">").append(Html.esc(ctx.t("Programme national", "National programme")))
                .append("</a></nav>\n<header><h1>").append(Html.esc(title)).append("</h1>\n");
        if (badgeHtml != null) {
            h.append(badgeHtml).append('\n');
        }
        h.append("<p class=\"run\">").append(Html.esc(runLine())).append("</p></header>\n<main>\n").append(body)
                .append("</main>\n<footer><p>").append(Html.esc(ctx.source())).append(" · ")
                .append(Html.esc(ctx.t("contrat de données version ", "data contract version ") + ctx.run.contractVersion()))
                .append("</p></footer>\n");
        if (sortable) {
            h.append("<script>\n").append(SORT_JS).append("</script>\n");
        }
        h.append("</body>\n</html>\n");
        Path out = ctx.outDir.resolve(file);
        try {
            Files.writeString(out, h.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }

    String runLine() {
        String s = ctx.t("Exécution ", "Run ") + ctx.run.id();
        if (ctx.run.startedAt() != null) {
            s += ctx.t(" du ", " of ") + ctx.fmt.dateTime(ctx.run.startedAt()) + ctx.t(" (heure de Paris)", " (Paris time)");
        }
        return s;
    }

    private static String resource(String name) {
        try (InputStream in = Doc.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
