package org.maraude.dashboards;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A project lead's page ({@code project-<id>.html}): the funnel, channels and creatives with
 * intervals, evidence flags and cost per outcome, attribution models, reply times by hour of
 * week, cohort curves, the latest plan and the project's own data quality. Internal to the
 * project: counts are exact, and the page says so.
 */
final class ProjectPage {
    /** Below this many contacts (and at or above the low-evidence threshold) evidence is "moderate". */
    static final int MODERATE_EVIDENCE = 100;
    private final Ctx ctx;
    private final String project;

    ProjectPage(Ctx ctx, String project) {
        this.ctx = ctx;
        this.project = project;
    }

    /** The page's file name; ids are slugs, anything else is replaced so a name never leaves the folder. */
    static String file(String project) {
        return "project-" + project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "_") + ".html";
    }

    void write() {
        Doc doc = new Doc(ctx, file(project));
        Sections.RowMasks exact = Sections.masks(ctx, List.of(Funnels.empty(project)), false)[0];

        doc.section("funnel", ctx.t("Entonnoir du projet", "Project funnel"));
        Sections.funnel(doc, ctx, "funnel", Funnels.project(ctx, project), exact);
        doc.endSection();

        doc.section("trend", ctx.t("Évolution mensuelle", "Monthly trend"));
        Sections.monthly(doc, ctx, "monthly", Funnels.query(ctx, "funnel_monthly", "month", project), false);
        doc.endSection();

        doc.section("channels", ctx.t("Canaux d'acquisition", "Acquisition channels"));
        channels(doc);
        doc.endSection();

        doc.section("creatives", ctx.t("Créations", "Creatives"));
        creatives(doc);
        doc.endSection();

        doc.section("attribution", ctx.t("Modèles d'attribution", "Attribution models"));
        attribution(doc);
        doc.endSection();

        doc.section("scores", ctx.t("Scores des créations et des canaux", "Creative and channel scores"));
        doc.raw("<h3>" + Html.esc(ctx.t("Créations", "Creatives")) + "</h3>");
        Sections.generic(doc, ctx, "creative-scores", "creative_scores", project, 200);
        doc.raw("<h3>" + Html.esc(ctx.t("Canaux", "Channels")) + "</h3>");
        Sections.generic(doc, ctx, "channel-scores", "channel_scores", project, 200);
        doc.endSection();

        doc.section("reply-times", ctx.t("Délais de réponse", "Reply times"));
        replyTimes(doc);
        doc.endSection();

        doc.section("cohorts", ctx.t("Cohortes : accompagnement et orientation à 30, 60 et 90 jours",
                "Cohorts: accompaniment and hand-off within 30, 60 and 90 days"));
        cohorts(doc);
        doc.endSection();

        doc.section("plan", ctx.t("Dernier plan budgétaire", "Latest budget plan"));
        Sections.generic(doc, ctx, "plan", "plan", project, 200);
        doc.raw("<h3>" + Html.esc(ctx.t("Ciblage : créations, thèmes et formats", "Targeting: creatives, themes and formats"))
                + "</h3>");
        Sections.generic(doc, ctx, "targeting-creatives", "targeting_creatives", project, 200);
        doc.raw("<h3>" + Html.esc(ctx.t("Ciblage : départements", "Targeting: départements")) + "</h3>");
        Sections.generic(doc, ctx, "targeting-depts", "targeting_depts", project, 200);
        doc.raw("<h3>" + Html.esc(ctx.t("Ciblage : emplacements hors ligne (QR codes)", "Targeting: offline placements (QR codes)"))
                + "</h3>");
        Sections.generic(doc, ctx, "targeting-placements", "targeting_placements", project, 200);
        doc.endSection();

        doc.section("data", ctx.t("Données reçues et non comptées", "Data received and not counted"));
        Sections.notCounted(doc, ctx, "not-counted", project);
        doc.endSection();

        doc.write(ctx.t("Projet ", "Project ") + project, "<p class=\"badge internal\">" + Html.esc(ctx.t(
                "Usage interne au projet : chiffres exacts, non soumis à la règle des petits effectifs. Ne pas diffuser "
                        + "hors du projet.", "Internal to the project: exact figures, not under the small-cell rule. "
                        + "Do not share outside the project.")) + "</p>");
    }

    /** Source platforms (the contract's integer source rule) with intervals, evidence and cost per outcome. */
    private void channels(Doc doc) {
        List<Funnels.Counts> rows = Funnels.query(ctx, "funnel_monthly", "source_platform", project);
        rows.removeIf(c -> c.contacted() == 0 && c.spend() == 0 && c.seen() == 0);
        if (rows.isEmpty()) {
            doc.note(ctx.t("Aucun canal avec des données.", "No channel with data."));
            return;
        }
        Table t = outcomeTable(List.of(ctx.t("Canal (source)", "Channel (source)")))
                .caption(ctx.t("Tous les canaux (cliquer un en-tête pour trier)", "All channels (click a header to sort)"));
        for (Funnels.Counts c : rows) {
            t.row(c.key(), outcomeCells(List.of(Cell.text(Labels.source(c.key(), ctx.fr))), c));
        }
        doc.note(ctx.t("Source d'un jeune : dernier contact publicitaire ou contenu dans les 30 jours avant la première "
                + "prise de contact, sinon code de parrainage, sinon source déclarée (contrat §3).", "A young person's "
                + "source: the last ad or content touch in the 30 days before first contact, else the referral code, else "
                + "the declared source (contract §3)."));
        rows.sort((a, b) -> Long.compare(b.contacted(), a.contacted()));
        ranked(doc, "channels", ctx.t("Canaux classés par jeunes entrés en contact", "Channels ranked by contacted young people"),
                rows.stream().map(c -> Labels.source(c.key(), ctx.fr)).toList(), rows, t);
    }

    /** Creatives with their label and campaign (both from outside: escaped), intervals, evidence, costs. */
    private void creatives(Doc doc) {
        List<Funnels.Counts> rows = Funnels.query(ctx, "funnel_monthly", "source_creative_id", project);
        rows.removeIf(c -> c.key() == null || (c.contacted() == 0 && c.spend() == 0 && c.seen() == 0));
        if (rows.isEmpty()) {
            doc.note(ctx.t("Aucune création avec des données.", "No creative with data."));
            return;
        }
        Map<String, String> labels = creativeLabels();
        Map<String, String> platform = new HashMap<>();
        ctx.db.query("SELECT source_creative_id AS c, min(source_platform) AS p FROM funnel_monthly WHERE project_id = ? "
                + "AND source_creative_id IS NOT NULL GROUP BY 1", project).forEach(r -> platform.put(r.str("c"), r.str("p")));
        Map<String, String> campaign = new HashMap<>();
        if (ctx.db.hasColumns("youth_journey", "source_creative_id", "source_campaign_id")) {
            ctx.db.query("SELECT source_creative_id AS c, mode(source_campaign_id) AS k FROM youth_journey WHERE project_id = ? "
                    + "AND source_creative_id IS NOT NULL GROUP BY 1", project).forEach(r -> campaign.put(r.str("c"), r.str("k")));
        }
        Table t = outcomeTable(List.of(ctx.t("Création", "Creative"), ctx.t("Libellé", "Label"), ctx.t("Plateforme", "Platform"),
                ctx.t("Campagne (la plus fréquente)", "Campaign (most frequent)")))
                .caption(ctx.t("Toutes les créations (cliquer un en-tête pour trier)", "All creatives (click a header to sort)"));
        for (Funnels.Counts c : rows) {
            t.row(c.key(), outcomeCells(List.of(Cell.text(c.key()), Cell.text(labels.get(c.key())),
                    Cell.text(Labels.of(platform.get(c.key()), ctx.fr)), Cell.text(campaign.get(c.key()))), c));
        }
        rows.sort((a, b) -> a.unknown()[0] != b.unknown()[0] ? Long.compare(b.unknown()[0], a.unknown()[0])
                : Long.compare(b.contacted(), a.contacted()));
        List<Funnels.Counts> top = rows.subList(0, Math.min(15, rows.size()));
        ranked(doc, "creatives", ctx.t("Créations classées par jeunes inconnus du SPE entrés en contact",
                "Creatives ranked by previously unknown young people contacted"), top.stream().map(c -> {
                    String l = labels.get(c.key());
                    return l == null ? c.key() : l + " (" + c.key() + ")";
                }).toList(), top, t);
        if (rows.size() > top.size()) {
            doc.note(ctx.t("Le graphique montre les 15 premières créations ; le tableau les donne toutes.",
                    "The chart shows the first 15 creatives; the table has them all."));
        }
    }

    /** Labels of creatives where the warehouse has them (a creatives dimension, or the scores). */
    private Map<String, String> creativeLabels() {
        Map<String, String> m = new HashMap<>();
        for (String table : List.of("creative_scores", "creatives")) {
            if (ctx.db.hasColumns(table, "creative_id", "label")) {
                boolean byProject = ctx.db.hasColumns(table, "project_id");
                ctx.db.query("SELECT creative_id AS c, max(label) AS l FROM " + table
                                + (byProject ? " WHERE project_id = ?" : "") + " GROUP BY 1",
                        byProject ? new Object[] {project} : new Object[0])
                        .forEach(r -> m.put(r.str("c"), r.str("l")));
            }
        }
        return m;
    }

    private Table outcomeTable(List<String> keyHeaders) {
        List<String> h = new ArrayList<>(keyHeaders);
        h.addAll(List.of(ctx.t("Entrés en contact", "Contacted"), Funnels.unknownName(ctx),
                ctx.t("Part d'inconnus", "Share unknown"), ctx.t("IC 95 % bas", "95% CI low"), ctx.t("IC 95 % haut", "95% CI high"),
                ctx.t("Accompagnés", "Accompanied"), ctx.t("Orientés", "Handed off"), ctx.t("Dépense", "Spend"),
                ctx.t("Coût par contact", "Cost per contact"), ctx.t("Coût par inconnu du SPE", "Cost per unknown youth"),
                ctx.t("Coût par orienté", "Cost per hand-off"), ctx.t("Niveau de preuve", "Evidence")));
        return new Table(h).sortable();
    }

    private List<Cell> outcomeCells(List<Cell> keys, Funnels.Counts c) {
        long n = c.contacted();
        long u = c.unknown()[0];
        Stats.Interval ci = Stats.wilson(u, n);
        List<Cell> cells = new ArrayList<>(keys);
        cells.addAll(List.of(ctx.count(n), ctx.count(u), ctx.share(u, n, false), ci == null ? Cell.empty() : ctx.percent(ci.low()),
                ci == null ? Cell.empty() : ctx.percent(ci.high()), ctx.count(c.stage()[Funnels.ACCOMPANIED]),
                ctx.count(c.stage()[Funnels.HANDED_OFF]), ctx.euros(c.spend()), ctx.costPer(c.spend(), n, false),
                ctx.costPer(c.spend(), u, false), ctx.costPer(c.spend(), c.stage()[Funnels.HANDED_OFF], false), evidence(n)));
        return cells;
    }

    /** Evidence flag from the number of contacts behind a rate. */
    Cell evidence(long contacts) {
        String cls;
        String text;
        if (contacts < ctx.lowEvidence) {
            cls = "flag-low";
            text = ctx.t("faible (< " + ctx.lowEvidence + " contacts)", "low (< " + ctx.lowEvidence + " contacts)");
        } else if (contacts < MODERATE_EVIDENCE) {
            cls = "flag-mid";
            text = ctx.t("moyenne", "moderate");
        } else {
            cls = "flag-ok";
            text = ctx.t("solide", "strong");
        }
        return new Cell("<span class=\"flag " + cls + "\">" + Html.esc(text) + "</span>", text, (double) contacts, true);
    }

    /** A ranked bar chart (contacted and previously unknown) followed by the full sortable table. */
    private void ranked(Doc doc, String id, String title, List<String> cats, List<Funnels.Counts> rows, Table table) {
        Double[] all = new Double[rows.size()];
        Double[] unk = new Double[rows.size()];
        String[] allL = new String[rows.size()];
        String[] unkL = new String[rows.size()];
        Table data = new Table(List.of(table.headers().get(0), ctx.t("Rang", "Rank"), ctx.t("Entrés en contact", "Contacted"),
                Funnels.unknownName(ctx)));
        for (int i = 0; i < rows.size(); i++) {
            Funnels.Counts c = rows.get(i);
            data.row(c.key(), Cell.text(cats.get(i)), Cell.number(Integer.toString(i + 1), Integer.toString(i + 1), i + 1),
                    ctx.count(c.contacted()), ctx.count(c.unknown()[0]));
            all[i] = (double) c.contacted();
            unk[i] = (double) c.unknown()[0];
            allL[i] = ctx.fmt.count(c.contacted());
            unkL[i] = ctx.fmt.count(c.unknown()[0]) + (c.contacted() < ctx.lowEvidence ? " ⚠" : "");
        }
        String svg = Charts.bars(new Charts.Frame(id + "-chart", title, ctx.source(), ctx.fmt.axisFormat()),
                ctx.t("jeunes (nombre)", "young people (count)"), cats,
                List.of(new Charts.Series(ctx.t("Entrés en contact", "Contacted"), all, allL),
                        new Charts.Series(Funnels.unknownName(ctx), unk, unkL)), true);
        doc.figure(id, title, ctx.t("Unité : nombre de jeunes. ⚠ : moins de " + ctx.lowEvidence + " contacts, niveau de preuve "
                + "faible. Intervalles : Wilson à 95 % sur la part d'inconnus du SPE. Coûts : dépense média déclarée divisée par "
                + "le nombre de jeunes.", "Unit: number of young people. ⚠: fewer than " + ctx.lowEvidence + " contacts, low "
                + "evidence. Intervals: Wilson 95% on the previously-unknown share. Costs: reported media spend divided by the "
                + "number of young people."), svg, data);
        doc.table(id + "-table", table);
    }

    /** Credit by platform under each attribution model, side by side. */
    private void attribution(Doc doc) {
        if (!ctx.db.hasTable("attribution")) {
            doc.notComputed("attribution");
            return;
        }
        if (!ctx.db.hasColumns("attribution", "project_id", "model", "outcome", "platform", "credit")) {
            Sections.generic(doc, ctx, "attribution", "attribution", project, 200);
            return;
        }
        List<Db.Row> rows = ctx.db.query("SELECT outcome, platform, model, sum(credit) AS credit FROM attribution "
                + "WHERE project_id = ? GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS LAST, 3", project);
        if (rows.isEmpty()) {
            doc.note(ctx.t("Aucune attribution pour ce projet.", "No attribution for this project."));
            return;
        }
        List<String> models = rows.stream().map(r -> r.str("model")).distinct().sorted().toList();
        Map<String, Map<String, double[]>> byOutcome = new LinkedHashMap<>();
        for (Db.Row r : rows) {
            byOutcome.computeIfAbsent(r.str("outcome"), o -> new LinkedHashMap<>())
                    .computeIfAbsent(r.str("platform"), p -> new double[models.size()])[models.indexOf(r.str("model"))] +=
                    r.dbl("credit");
        }
        String outcome = byOutcome.containsKey("contacted") ? "contacted" : byOutcome.keySet().iterator().next();
        List<String> headers = new ArrayList<>(List.of(ctx.t("Résultat", "Outcome"), ctx.t("Plateforme", "Platform")));
        headers.addAll(models);
        Table t = new Table(headers).sortable();
        byOutcome.forEach((o, byPlatform) -> byPlatform.forEach((p, credits) -> {
            List<Cell> cells = new ArrayList<>(List.of(Cell.text(outcomeName(o)), Cell.text(Labels.source(p, ctx.fr))));
            for (double c : credits) {
                cells.add(Cell.number(ctx.fmt.number(c, 1), Double.toString(Ctx.round(c, 4)), c));
            }
            t.row(o + "/" + p, cells);
        }));
        Map<String, double[]> chosen = byOutcome.get(outcome);
        List<String> cats = chosen.keySet().stream().map(p -> Labels.source(p, ctx.fr)).toList();
        List<Charts.Series> series = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            Double[] v = new Double[cats.size()];
            String[] l = new String[cats.size()];
            int i = 0;
            for (double[] credits : chosen.values()) {
                v[i] = credits[m];
                l[i++] = ctx.fmt.number(credits[m], 1);
            }
            series.add(new Charts.Series(models.get(m), v, l));
        }
        String title = ctx.t("Crédit par plateforme selon le modèle d'attribution — ", "Credit by platform under each "
                + "attribution model — ") + outcomeName(outcome);
        String svg = Charts.bars(new Charts.Frame("attribution-chart", title, ctx.source(), ctx.fmt.axisFormat()),
                ctx.t("jeunes attribués (crédit)", "young people credited"), cats, series, true);
        doc.figure("attribution", title, ctx.t("Unité : jeunes (crédit fractionnaire : un jeune peut être partagé entre "
                + "plusieurs contacts). Le tableau donne tous les résultats.", "Unit: young people (fractional credit: one "
                + "young person may be shared between several touches). The table has every outcome."), svg, t);
    }

    private String outcomeName(String o) {
        String[] names = Funnels.stageNames(ctx);
        for (int i = 0; i < Funnels.STAGES.length; i++) {
            if (Funnels.STAGES[i].equals(o)) {
                return names[i];
            }
        }
        return o;
    }

    /** Share answered within 30 minutes by hour of week (all channels), and the figures by channel. */
    private void replyTimes(Doc doc) {
        if (!ctx.db.hasTable("reply_times")) {
            doc.notComputed("reply_times");
            return;
        }
        List<Db.Row> hours = ctx.db.query("SELECT hour_of_week AS h, sum(messages) AS messages, "
                + "sum(share_within_30min * messages) AS within FROM reply_times WHERE project_id = ? "
                + "AND hour_of_week IS NOT NULL GROUP BY 1 ORDER BY 1", project);
        if (hours.isEmpty()) {
            doc.note(ctx.t("Aucun message de jeune enregistré.", "No message from young people recorded."));
            return;
        }
        String[] days = ctx.fr ? new String[] {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
                : new String[] {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        double[][] grid = new double[7][24];
        for (double[] row : grid) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        Table t = new Table(List.of(ctx.t("Jour", "Day"), ctx.t("Heure", "Hour"), ctx.t("Messages", "Messages"),
                ctx.t("Répondus en 30 min ou moins", "Answered within 30 min")));
        for (Db.Row r : hours) {
            int h = (int) r.lng("h");
            if (h < 0 || h >= 168 || r.lng("messages") == 0) {
                continue;
            }
            double share = r.dbl("within") / r.lng("messages");
            grid[h / 24][h % 24] = share;
            t.row(Integer.toString(h), Cell.text(days[h / 24]), Cell.number(String.format("%02d h", h % 24),
                    Integer.toString(h % 24), h % 24), ctx.count(r.lng("messages")), ctx.percent(share));
        }
        String title = ctx.t("Part des messages répondus en 30 minutes ou moins, par heure de la semaine",
                "Share of messages answered within 30 minutes, by hour of week");
        String svg = Charts.heatmap(new Charts.Frame("reply-heatmap-chart", title, ctx.source(), ctx.fmt.axisPercent()),
                ctx.t("heure de réception (Europe/Paris)", "hour received (Europe/Paris)"), List.of(days), 24, grid, 1.0,
                ctx.t("part répondue en 30 min ou moins", "share answered within 30 min"));
        doc.figure("reply-heatmap", title, ctx.t("Unité : part des messages (tous canaux) ; gris : aucun message à cette heure. "
                + "Un message sans réponse compte comme non répondu à temps.", "Unit: share of messages (all channels); grey: no "
                + "message at that hour. An unanswered message counts as not answered in time."), svg, t);

        List<Db.Row> channels = ctx.db.query("SELECT channel, messages, answered, median_minutes, p90_minutes, share_within_30min "
                + "FROM reply_times WHERE project_id = ? AND hour_of_week IS NULL ORDER BY messages DESC, channel", project);
        Table c = new Table(List.of(ctx.t("Canal de contact", "Contact channel"), ctx.t("Messages", "Messages"),
                ctx.t("Répondus", "Answered"), ctx.t("Délai médian", "Median delay"), ctx.t("Délai 90e centile", "90th percentile delay"),
                ctx.t("Répondus en 30 min ou moins", "Answered within 30 min"))).sortable();
        for (Db.Row r : channels) {
            Double med = r.dblOrNull("median_minutes");
            Double p90 = r.dblOrNull("p90_minutes");
            c.row(r.str("channel"), Cell.text(Labels.of(r.str("channel"), ctx.fr)), ctx.count(r.lng("messages")),
                    ctx.count(r.lng("answered")), med == null ? Cell.empty() : Cell.number(ctx.fmt.minutes(med), med.toString(), med),
                    p90 == null ? Cell.empty() : Cell.number(ctx.fmt.minutes(p90), p90.toString(), p90),
                    ctx.percent(r.dbl("share_within_30min")));
        }
        doc.table("reply-channels", c.caption(ctx.t("Délais de réponse par canal de contact", "Reply times by contact channel")));
    }

    /** Cohort curves: share accompanied and handed off within 30/60/90 days, by month of first contact. */
    private void cohorts(Doc doc) {
        if (!ctx.db.hasTable("cohorts")) {
            doc.notComputed("cohorts");
            return;
        }
        List<Db.Row> rows = ctx.db.query("SELECT * FROM cohorts WHERE project_id = ? ORDER BY cohort_month", project);
        if (rows.isEmpty()) {
            doc.note(ctx.t("Aucune cohorte.", "No cohort."));
            return;
        }
        int[] days = {30, 60, 90};
        LocalDate asOf = ctx.run.startedAt() == null ? LocalDate.now(Format.PARIS)
                : ctx.run.startedAt().atZone(Format.PARIS).toLocalDate();
        List<String> headers = new ArrayList<>(List.of(ctx.t("Cohorte (mois de première prise de contact)",
                "Cohort (month of first contact)"), ctx.t("Entrés en contact", "Contacted")));
        for (int d : days) {
            headers.add(ctx.t("Accompagnés à " + d + " j", "Accompanied within " + d + " d"));
        }
        for (int d : days) {
            headers.add(ctx.t("Orientés à " + d + " j", "Handed off within " + d + " d"));
        }
        Table t = new Table(headers);
        List<Db.Row> recent = rows.subList(Math.max(0, rows.size() - 8), rows.size());
        for (Db.Row r : rows) {
            String month = r.str("cohort_month");
            List<Cell> cells = new ArrayList<>(List.of(Cell.text(ctx.fmt.month(month)), ctx.count(r.lng("contacted"))));
            for (String what : List.of("accompanied", "handed_off")) {
                for (int d : days) {
                    cells.add(complete(month, d, asOf) ? ctx.share(r.lng(what + "_" + d + "d"), r.lng("contacted"), false)
                            : Cell.hidden(ctx.t("en cours", "ongoing")));
                }
            }
            t.row(month, cells);
        }
        List<String> cats = new ArrayList<>(List.of(ctx.t("0 j", "0 d")));
        for (int d : days) {
            cats.add(d + ctx.t(" j", " d"));
        }
        for (String what : List.of("accompanied", "handed_off")) {
            List<Charts.Series> series = new ArrayList<>();
            for (Db.Row r : recent) {
                String month = r.str("cohort_month");
                Double[] v = new Double[cats.size()];
                v[0] = 0.0;
                for (int i = 0; i < days.length; i++) {
                    long n = r.lng("contacted");
                    v[i + 1] = complete(month, days[i], asOf) && n > 0 ? (double) r.lng(what + "_" + days[i] + "d") / n : null;
                }
                series.add(new Charts.Series(ctx.fmt.month(month), v, null));
            }
            boolean acc = what.equals("accompanied");
            String title = acc ? ctx.t("Part des jeunes accompagnés, selon le délai depuis la première prise de contact",
                    "Share of young people accompanied, by days since first contact")
                    : ctx.t("Part des jeunes orientés, selon le délai depuis la première prise de contact",
                    "Share of young people handed off, by days since first contact");
            String svg = Charts.lines(new Charts.Frame("cohort-" + what + "-chart", title, ctx.source(), ctx.fmt.axisPercent()),
                    ctx.t("jours depuis la première prise de contact", "days since first contact"),
                    ctx.t("part de la cohorte (%)", "share of the cohort (%)"), cats, series);
            // the table (all cohorts) goes with the first chart; the second links the same CSV content
            doc.figure("cohort-" + what.replace('_', '-'), title, ctx.t("Unité : part des jeunes de chaque cohorte (les 8 "
                    + "dernières). Un délai pas encore écoulé pour toute la cohorte n'est pas tracé (« en cours »).",
                    "Unit: share of each cohort's young people (the latest 8). A delay not yet over for the whole cohort is "
                            + "not drawn (“ongoing”)."), svg, t);
        }
    }

    /** Whether every youth of the cohort month has had {@code days} days since first contact by the run date. */
    static boolean complete(String month, int days, LocalDate asOf) {
        try {
            return !YearMonth.parse(month).atEndOfMonth().plusDays(days).isAfter(asOf);
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }
}
