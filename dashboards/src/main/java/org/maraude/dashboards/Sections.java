package org.maraude.dashboards;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.maraude.dashboards.SmallCells.Mask;

/**
 * Sections that several pages show, each written once: the funnel, the monthly trend, the
 * "not counted" box and the generic view of tables published by later pipeline stages. Funder
 * pages pass {@code protect = true} (small-cell rule with complementary suppression); project
 * pages show exact counts.
 */
final class Sections {
    private Sections() {}

    /** The masks of one funnel row: per stage, for the count and its previously-unknown part. */
    record RowMasks(Mask[] stage, Mask[] unknown) {
        boolean stageHidden(int s) {
            return Ctx.hidden(stage[s]);
        }

        boolean unknownHidden(int s) {
            return Ctx.hidden(unknown[s]);
        }
    }

    /**
     * Masks of funnel rows (projects, months…) whose stage totals are published: the contract's
     * small-cell rule when {@code protect}, else every figure shown.
     */
    static RowMasks[] masks(Ctx ctx, List<Funnels.Counts> rows, boolean protect) {
        RowMasks[] out = new RowMasks[rows.size()];
        if (!protect) {
            for (int r = 0; r < out.length; r++) {
                Mask[] a = new Mask[Funnels.STAGES.length];
                Arrays.fill(a, Mask.SHOWN);
                out[r] = new RowMasks(a, a.clone());
            }
            return out;
        }
        SmallCells.StageMasks m = SmallCells.stageTable(Funnels.totals(rows), Funnels.unknowns(rows), ctx.k);
        for (int r = 0; r < out.length; r++) {
            out[r] = new RowMasks(m.totals()[r], m.unknown()[r]);
        }
        return out;
    }

    /** Key figures, the funnel chart and its table with conversion rates and the previously-unknown share. */
    static void funnel(Doc doc, Ctx ctx, String id, Funnels.Counts c, RowMasks m) {
        String[] names = Funnels.stageNames(ctx);
        long[] st = c.stage();
        long[] un = c.unknown();
        int cont = Funnels.CONTACTED;
        // key figures
        StringBuilder k = new StringBuilder("<ul class=\"kpis\">");
        kpi(k, ctx.count(st[cont], m.stage()[cont]), names[cont]);
        kpi(k, ctx.share(un[cont], st[cont], m.unknownHidden(cont) || m.stageHidden(cont)),
                ctx.t("inconnus du service public de l'emploi", "previously unknown to public employment services"));
        kpi(k, ctx.count(st[Funnels.ACCOMPANIED], m.stage()[Funnels.ACCOMPANIED]), names[Funnels.ACCOMPANIED]);
        kpi(k, ctx.count(st[Funnels.HANDED_OFF], m.stage()[Funnels.HANDED_OFF]), names[Funnels.HANDED_OFF]);
        kpi(k, ctx.euros(c.spend()), ctx.t("dépense média déclarée", "reported media spend"));
        kpi(k, ctx.costPer(c.spend(), st[cont], m.stageHidden(cont)), ctx.t("par jeune entré en contact", "per contacted youth"));
        kpi(k, ctx.costPer(c.spend(), un[cont], m.unknownHidden(cont)),
                ctx.t("par jeune inconnu du SPE", "per previously unknown youth"));
        doc.raw(k.append("</ul>").toString());

        Table t = new Table(List.of(ctx.t("Étape", "Stage"), ctx.t("Jeunes", "Young people"), Funnels.unknownName(ctx),
                ctx.t("Part d'inconnus du SPE", "Share previously unknown"), ctx.t("Taux de conversion", "Conversion rate")));
        t.row("seen", Cell.text(ctx.t("Touchés (estimation)", "Seen (estimate)")),
                Cell.number(ctx.fmt.count(c.seen()), Long.toString(c.seen()), c.seen()), Cell.empty(), Cell.empty(), Cell.empty());
        // conversion bases: contacted ← seen; accompanied, handed off ← contacted (a hand-off needs no
        // accompaniment); confirmed ← handed off
        int[] base = {-1, cont, cont, Funnels.HANDED_OFF};
        for (int s = 0; s < st.length; s++) {
            Cell rate;
            if (s == cont) {
                rate = c.seen() == 0 ? Cell.empty() : ctx.share(st[s], c.seen(), m.stageHidden(s));
            } else {
                rate = ctx.share(st[s], st[base[s]], m.stageHidden(s) || m.stageHidden(base[s]));
            }
            t.row(Funnels.STAGES[s], Cell.text(names[s]), ctx.count(st[s], m.stage()[s]), ctx.count(un[s], m.unknown()[s]),
                    ctx.share(un[s], st[s], m.unknownHidden(s) || m.stageHidden(s)), rate);
        }
        List<String> cats = List.of(names);
        Table data = new Table(List.of(ctx.t("Étape", "Stage"), ctx.t("Jeunes", "Young people"), Funnels.unknownName(ctx)));
        Double[] all = new Double[st.length];
        Double[] unk = new Double[st.length];
        String[] allL = new String[st.length];
        String[] unkL = new String[st.length];
        for (int s = 0; s < st.length; s++) {
            all[s] = plot(st[s], m.stage()[s]);
            unk[s] = plot(un[s], m.unknown()[s]);
            allL[s] = ctx.chartLabel(st[s], m.stage()[s]);
            unkL[s] = ctx.chartLabel(un[s], m.unknown()[s]);
            data.row(Funnels.STAGES[s], Cell.text(names[s]), ctx.count(st[s], m.stage()[s]), ctx.count(un[s], m.unknown()[s]));
        }
        String title = ctx.t("Parcours des jeunes, de l'entrée en contact à l'orientation confirmée",
                "Young people's journey, from contact to confirmed hand-off");
        String svg = Charts.bars(new Charts.Frame(id + "-chart", title, ctx.source(), ctx.fmt.axisFormat()),
                ctx.t("jeunes (nombre)", "young people (count)"), cats,
                List.of(new Charts.Series(ctx.t("Tous les jeunes", "All young people"), all, allL),
                        new Charts.Series(Funnels.unknownName(ctx), unk, unkL)), true);
        doc.figure(id, title, ctx.t("Unité : nombre de jeunes. Touchés : ", "Unit: number of young people. Seen: ")
                + Funnels.basisNote(ctx, c.seenBasis()) + ctx.t(". Taux de conversion : entrés en contact / touchés, "
                + "accompagnés et orientés / entrés en contact, confirmés / orientés.", ". Conversion rate: contacted / seen, "
                + "accompanied and handed off / contacted, confirmed / handed off."), svg, data);
        doc.table(id + "-rates", t.caption(ctx.t("Étapes, part d'inconnus du SPE et taux de conversion",
                "Stages, previously-unknown share and conversion rates")));
    }

    private static void kpi(StringBuilder b, Cell value, String label) {
        b.append("<li><b>").append(value.html()).append("</b><span>").append(Html.esc(label)).append("</span></li>");
    }

    static Double plot(long n, Mask m) {
        return Ctx.hidden(m) ? 0.0 : (double) n;
    }

    /** Monthly trend of the stages (month of first contact: a cohort view). */
    static void monthly(Doc doc, Ctx ctx, String id, List<Funnels.Counts> months, boolean protect) {
        if (months.isEmpty()) {
            doc.note(ctx.t("Aucun mois avec des données.", "No month with data."));
            return;
        }
        RowMasks[] m = masks(ctx, months, protect);
        String[] names = Funnels.stageNames(ctx);
        List<String> cats = months.stream().map(c -> ctx.fmt.month(c.key())).toList();
        List<Charts.Series> series = new ArrayList<>();
        List<String> headers = new ArrayList<>(List.of(ctx.t("Mois de première prise de contact", "Month of first contact"),
                names[0], Funnels.unknownName(ctx)));
        headers.addAll(List.of(names).subList(1, names.length));
        headers.add(ctx.t("Dépense", "Spend"));
        Table t = new Table(headers);
        for (int s = 0; s <= Funnels.STAGES.length; s++) {
            Double[] v = new Double[months.size()];
            for (int r = 0; r < months.size(); r++) {
                Funnels.Counts c = months.get(r);
                if (s == Funnels.STAGES.length) {
                    v[r] = m[r].unknownHidden(0) ? null : (double) c.unknown()[0];
                } else {
                    v[r] = m[r].stageHidden(s) ? null : (double) c.stage()[s];
                }
            }
            series.add(new Charts.Series(s == Funnels.STAGES.length ? Funnels.unknownName(ctx) : names[s], v, null));
        }
        // contacted, of whom unknown, then the later stages: the same order as the table
        series.add(1, series.remove(series.size() - 1));
        for (int r = 0; r < months.size(); r++) {
            Funnels.Counts c = months.get(r);
            List<Cell> cells = new ArrayList<>(List.of(Cell.text(cats.get(r)), ctx.count(c.stage()[0], m[r].stage()[0]),
                    ctx.count(c.unknown()[0], m[r].unknown()[0])));
            for (int s = 1; s < Funnels.STAGES.length; s++) {
                cells.add(ctx.count(c.stage()[s], m[r].stage()[s]));
            }
            cells.add(ctx.euros(c.spend()));
            t.row(c.key(), cells);
        }
        String title = ctx.t("Jeunes par mois de première prise de contact", "Young people by month of first contact");
        String svg = Charts.lines(new Charts.Frame(id + "-chart", title, ctx.source(), ctx.fmt.axisFormat()),
                ctx.t("mois (Europe/Paris)", "month (Europe/Paris)"), ctx.t("jeunes (nombre)", "young people (count)"), cats,
                series);
        doc.figure(id, title, ctx.t("Unité : nombre de jeunes, comptés dans le mois de leur première prise de contact "
                + "(accompagnés ou orientés depuis)." + (protect ? " Un point masqué n'est pas tracé." : ""),
                "Unit: number of young people, counted in the month of their first contact (accompanied or handed off "
                        + "since)." + (protect ? " A hidden point is not drawn." : "")), svg, t);
    }

    /**
     * The "not counted" box: what the run read but could not count, by reason (rows rejected,
     * files refused), and what it kept but reported. Counts of file lines, not of people.
     */
    static void notCounted(Doc doc, Ctx ctx, String id, String project) {
        doc.raw("<div class=\"box\">");
        if (!ctx.db.hasTable("rejects")) {
            doc.notComputed("rejects");
            doc.raw("</div>");
            return;
        }
        String where = project == null ? "" : " WHERE project_id = ?";
        Object[] params = project == null ? new Object[0] : new Object[] {project};
        List<Db.Row> rows = ctx.db.query("SELECT reason, count(*) FILTER (WHERE line IS NOT NULL) AS lines, "
                + "count(DISTINCT file) FILTER (WHERE line IS NULL) AS files, count(DISTINCT file) AS in_files "
                + "FROM rejects" + where + " GROUP BY reason ORDER BY lines + files DESC, reason", params);
        if (ctx.db.hasTable("runs")) {
            Db.Row tot = ctx.db.one("SELECT count(*) AS files, coalesce(sum(rows_read), 0) AS rows_read, "
                    + "coalesce(sum(rows_kept), 0) AS rows_kept FROM runs WHERE run_id = ?"
                    + (project == null ? "" : " AND project_id = ?"), project == null ? new Object[] {ctx.run.id()}
                    : new Object[] {ctx.run.id(), project});
            doc.p(ctx.t("Cette exécution a lu ", "This run read ") + ctx.fmt.count(tot.lng("files"))
                    + ctx.t(" fichiers, ", " files, ") + ctx.fmt.count(tot.lng("rows_read")) + ctx.t(" lignes, dont ", " rows, of which ")
                    + ctx.fmt.count(tot.lng("rows_kept")) + ctx.t(" comptées.", " were counted."));
        }
        if (rows.isEmpty()) {
            doc.p(ctx.t("Aucune ligne ni aucun fichier écarté.", "No row or file was set aside."));
        } else {
            Table t = new Table(List.of(ctx.t("Motif", "Reason"), ctx.t("Code", "Code"), ctx.t("Lignes écartées", "Rows rejected"),
                    ctx.t("Fichiers refusés en entier", "Whole files refused"), ctx.t("Fichiers concernés", "Files concerned")));
            long lines = 0;
            long files = 0;
            for (Db.Row r : rows) {
                lines += r.lng("lines");
                files += r.lng("files");
                t.row(r.str("reason"), Cell.text(Labels.of(r.str("reason"), ctx.fr)), Cell.text(r.str("reason")),
                        ctx.count(r.lng("lines")), ctx.count(r.lng("files")), ctx.count(r.lng("in_files")));
            }
            t.total("total", Cell.text(ctx.t("Total", "Total")), Cell.text(""), ctx.count(lines), ctx.count(files), Cell.empty());
            doc.table(id, t.caption(ctx.t("Non comptés, par motif", "Not counted, by reason")));
        }
        if (ctx.db.hasTable("ingest_warnings")) {
            Db.Row w = ctx.db.one("SELECT count(*) AS n, count(DISTINCT code) AS codes FROM ingest_warnings" + where, params);
            if (w.lng("n") > 0) {
                doc.note(ctx.t("Par ailleurs, ", "Also, ") + ctx.fmt.count(w.lng("n"))
                        + ctx.t(" valeurs ont été gardées mais signalées (par exemple une valeur hors liste comptée comme « autre »).",
                        " values were kept but reported (for instance an unlisted value counted as “other”)."));
            }
        }
        doc.note(ctx.t("Ces chiffres comptent des lignes de fichiers, pas des jeunes. Le détail (fichier, ligne, colonne) "
                + "est dans la table « rejects » de l'entrepôt ; les valeurs en cause n'y sont jamais recopiées.",
                "These figures count file rows, not young people. The detail (file, line, column) is in the warehouse's "
                        + "“rejects” table; the offending values are never copied there."));
        doc.raw("</div>");
    }

    /**
     * A table that a later stage publishes (scores, plan, targeting…), shown as it is for one
     * project: every value escaped, numbers in the page's format. Absent table: "not computed yet".
     */
    static void generic(Doc doc, Ctx ctx, String id, String table, String project, int limit) {
        if (!ctx.db.hasTable(table)) {
            doc.notComputed(table);
            return;
        }
        Set<String> cols = ctx.db.columns(table);
        List<String> shown = cols.stream().filter(c -> !c.equals("run_id") && !c.equals("project_id")).toList();
        if (shown.isEmpty()) {
            doc.notComputed(table);
            return;
        }
        String select = String.join(", ", shown.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList());
        boolean filter = cols.contains("project_id") && project != null;
        List<Db.Row> rows = ctx.db.query("SELECT " + select + " FROM \"" + table + "\"" + (filter ? " WHERE project_id = ?" : "")
                + " LIMIT " + (limit + 1), filter ? new Object[] {project} : new Object[0]);
        if (rows.isEmpty()) {
            doc.note(ctx.t("La table « " + table + " » est vide pour ce projet.", "The table “" + table + "” is empty for this project."));
            return;
        }
        Table t = new Table(shown).sortable();
        int n = 0;
        for (Db.Row r : rows) {
            if (n++ == limit) {
                break;
            }
            List<Cell> cells = new ArrayList<>();
            for (String c : shown) {
                cells.add(value(ctx, r, c));
            }
            t.row(null, cells);
        }
        doc.table(id, t.caption(table));
        if (rows.size() > limit) {
            doc.note(ctx.t("Seules les " + limit + " premières lignes sont affichées ; le fichier CSV les reprend.",
                    "Only the first " + limit + " rows are shown; the CSV file has the same rows."));
        }
    }

    /** One value of a generic table. */
    static Cell value(Ctx ctx, Db.Row r, String c) {
        Object v = r.get(c);
        if (v == null) {
            return Cell.text(null);
        }
        if (r.isDecimal(c)) {
            double d = r.dbl(c);
            return Cell.number(ctx.fmt.number(d, Math.abs(d) < 10 ? 3 : 1), v.toString(), d);
        }
        if (r.isNumber(c)) {
            return Cell.number(ctx.fmt.count(r.lng(c)), v.toString(), r.lng(c));
        }
        return Cell.text(v.toString());
    }

    /**
     * Display order of keyed counts: shown counts largest first, then hidden ones in key order, so
     * that the order never hints at a hidden value.
     */
    static List<Integer> displayOrder(long[] counts, Mask[] masks, Comparator<Integer> byKey) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            idx.add(i);
        }
        idx.sort(Comparator.<Integer, Boolean>comparing(i -> Ctx.hidden(masks[i]))
                .thenComparing((a, b) -> Ctx.hidden(masks[a]) ? 0 : Long.compare(counts[b], counts[a]))
                .thenComparing(byKey));
        return idx;
    }
}
