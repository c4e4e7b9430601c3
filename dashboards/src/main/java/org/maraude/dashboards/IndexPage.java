package org.maraude.dashboards;

import java.util.List;

/**
 * The entry page ({@code index.html}): the run, its date and the contract version, a link to the
 * national page and to each project's page. Shows no count, so it can travel with the national page.
 */
final class IndexPage {
    static final String FILE = "index.html";
    private final Ctx ctx;
    private final List<String> projects;

    IndexPage(Ctx ctx, List<String> projects) {
        this.ctx = ctx;
        this.projects = projects;
    }

    java.nio.file.Path write() {
        Doc doc = new Doc(ctx, FILE);
        doc.section("run", ctx.t("Exécution", "Run"));
        StringBuilder dl = new StringBuilder("<dl class=\"box\">");
        item(dl, ctx.t("Identifiant d'exécution", "Run id"), "<code>" + Html.esc(ctx.run.id()) + "</code>");
        item(dl, ctx.t("Date", "Date"), Html.esc(ctx.run.startedAt() == null ? "—"
                : ctx.fmt.dateTime(ctx.run.startedAt()) + ctx.t(" (heure de Paris)", " (Paris time)")));
        item(dl, ctx.t("Version du contrat de données", "Data contract version"), Html.esc(Integer.toString(ctx.run.contractVersion())));
        if (ctx.run.outcome() != null) {
            boolean published = "published".equals(ctx.run.outcome());
            item(dl, ctx.t("Statut", "Status"), published ? Html.esc(ctx.t("publiée", "published"))
                    : "<span class=\"flag flag-low\">" + Html.esc(ctx.t("non publiée (", "not published (") + ctx.run.outcome()
                    + ctx.t(") : tables à inspecter, pas à diffuser", "): tables to inspect, not to share")) + "</span>");
        }
        item(dl, ctx.t("Règle des petits effectifs", "Small-cell rule"), Html.esc(ctx.t("k = " + ctx.k
                + " sur les pages diffusables", "k = " + ctx.k + " on shareable pages")));
        doc.raw(dl.append("</dl>").toString());
        doc.endSection();

        doc.section("pages", ctx.t("Tableaux de bord", "Dashboards"));
        doc.raw("<ul class=\"links\"><li><a href=\"" + NationalPage.FILE + "\">"
                + Html.esc(ctx.t("Tableau de bord national", "National dashboard")) + "</a> — "
                + Html.esc(ctx.t("pour le financeur ; règle des petits effectifs appliquée.",
                "for the funder; small-cell rule applied.")) + "</li></ul>");
        doc.raw("<h3>" + Html.esc(ctx.t("Projets", "Projects")) + "</h3>");
        if (projects.isEmpty()) {
            doc.note(ctx.t("Aucun projet dans cet entrepôt.", "No project in this warehouse."));
        } else if (!ctx.projectPages) {
            doc.note(ctx.t("Les pages des projets (usage interne) ne sont pas incluses dans ce dossier.",
                    "The project pages (internal) are not included in this folder."));
        } else {
            StringBuilder ul = new StringBuilder("<ul class=\"links\">");
            for (String p : projects) {
                ul.append("<li><a href=\"").append(Html.esc(ProjectPage.file(p))).append("\">").append(Html.esc(p))
                        .append("</a> — <span class=\"flag flag-mid\">")
                        .append(Html.esc(ctx.t("usage interne au projet", "internal to the project"))).append("</span></li>");
            }
            doc.raw(ul.append("</ul>").toString());
        }
        doc.endSection();

        doc.section("reading", ctx.t("Lire ces pages", "Reading these pages"));
        doc.raw("<dl class=\"glossary\">"
                + term(ctx.t("Touchés", "Seen"), ctx.t("personnes exposées, d'après les plateformes : une estimation.",
                        "people exposed, from the platforms: an estimate."))
                + term(ctx.t("Entrés en contact", "Contacted"), ctx.t("jeunes qui ont écrit, scanné, appelé ou ont été "
                        + "identifiés dans une conversation.", "young people who wrote, scanned, called or were identified in a "
                        + "conversation."))
                + term(ctx.t("Accompagnés", "Accompanied"), ctx.t("un médiateur travaille avec eux dans la durée.",
                        "a mediator works with them over time."))
                + term(ctx.t("Orientés", "Handed off"), ctx.t("mis en relation avec une structure partenaire ; "
                        + "« confirmée » quand le partenaire a confirmé leur arrivée.", "passed to a partner; “confirmed” when "
                        + "the partner confirmed they arrived."))
                + term(ctx.t("Inconnus du SPE", "Previously unknown"), ctx.t("jeunes qui n'étaient pas connus de France Travail "
                        + "ou d'une mission locale avant le jour de leur première prise de contact.", "young people not known to "
                        + "France Travail or a mission locale before the day of their first contact."))
                + "</dl>");
        doc.note(ctx.t("Les pages s'ouvrent sans connexion ; chaque graphique est accompagné de ses données (tableau et fichier "
                + "CSV).", "The pages open offline; every chart comes with its data (table and CSV file)."));
        doc.endSection();
        return doc.write(ctx.t("Maraudes numériques — tableaux de bord", "Maraudes numériques — dashboards"), null);
    }

    private static void item(StringBuilder b, String term, String safeHtml) {
        b.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(safeHtml).append("</dd>");
    }

    private static String term(String t, String d) {
        return "<dt>" + Html.esc(t) + "</dt><dd>" + Html.esc(d) + "</dd>";
    }
}
