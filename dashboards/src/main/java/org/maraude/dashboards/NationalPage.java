package org.maraude.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.maraude.dashboards.SmallCells.Mask;

/**
 * The funder's page ({@code national.html}): the programme funnel, its monthly trend, the projects
 * side by side with their costs, hand-offs by partner type, young people by département, data
 * freshness and what was not counted. Leaves the projects, so every count follows the small-cell
 * rule with complementary suppression (contract §5).
 */
final class NationalPage {
    static final String FILE = "national.html";
    private final Ctx ctx;
    private final List<String> projects;

    NationalPage(Ctx ctx, List<String> projects) {
        this.ctx = ctx;
        this.projects = projects;
    }

    void write() {
        Doc doc = new Doc(ctx, FILE);
        doc.raw("<p class=\"badge public\">" + Html.esc(ctx.t("Diffusable : règle des petits effectifs appliquée (k = ",
                "Shareable: small-cell rule applied (k = ") + ctx.k + ")") + "</p>");
        Funnels.Counts programme = Funnels.programme(ctx);
        Sections.RowMasks pm = Sections.masks(ctx, List.of(programme), true)[0];

        doc.section("funnel", ctx.t("Entonnoir du programme", "Programme funnel"));
        doc.note(ctx.t("Un jeune en contact avec plusieurs projets compte une seule fois dans le programme.",
                "A young person in contact with several projects counts once in the programme."));
        Sections.funnel(doc, ctx, "funnel", programme, pm);
        doc.endSection();

        doc.section("trend", ctx.t("Évolution mensuelle", "Monthly trend"));
        Sections.monthly(doc, ctx, "monthly", Funnels.query(ctx, "funnel_monthly_programme", "month", null), true);
        doc.endSection();

        doc.section("projects", ctx.t("Les projets côte à côte", "Projects side by side"));
        projects(doc, programme, pm);
        doc.endSection();

        doc.section("partners", ctx.t("Orientations par type de partenaire", "Hand-offs by partner type"));
        breakdown(doc, "partners", "SELECT pt AS k, count(*) AS n FROM (SELECT youth_key, "
                + "arg_min(handoff_partner_type, handoff_ts) AS pt FROM youth_journey WHERE handed_off GROUP BY youth_key) "
                + "GROUP BY pt", k -> Labels.of(k, ctx.fr), k -> k == null ? "~" : Labels.of(k, ctx.fr),
                ctx.t("Jeunes orientés, par type du premier partenaire", "Young people handed off, by type of first partner"),
                ctx.t("Type de partenaire", "Partner type"), 0);
        doc.endSection();

        doc.section("departements", ctx.t("Jeunes par département", "Young people by département"));
        breakdown(doc, "departements", "SELECT d AS k, count(*) AS n FROM (SELECT youth_key, "
                + "arg_min(dept, first_contact_ts) FILTER (WHERE dept IS NOT NULL) AS d FROM youth_journey GROUP BY youth_key) "
                + "GROUP BY d", k -> Departements.label(k, ctx.fr), Departements::order,
                ctx.t("Jeunes entrés en contact, par département", "Contacted young people, by département"),
                ctx.t("Département", "Département"), 25);
        doc.note(ctx.t("Département déclaré au profil du jeune (noms : INSEE, Code officiel géographique 2022, "
                + "Licence Ouverte / Etalab 2.0).", "Département from the young person's profile (names: INSEE, Code officiel "
                + "géographique 2022, Licence Ouverte / Etalab 2.0)."));
        doc.endSection();

        doc.section("freshness", ctx.t("Fraîcheur des données", "Data freshness"));
        freshness(doc);
        doc.endSection();

        doc.section("not-counted", ctx.t("Non comptés", "Not counted"));
        Sections.notCounted(doc, ctx, "not-counted", null);
        doc.endSection();

        doc.raw("<p class=\"note\">" + Html.esc(ctx.maskLegend()) + "</p>");
        doc.write(ctx.t("Maraudes numériques — tableau de bord national", "Maraudes numériques — national dashboard"), null);
    }

    /** One row per project, the programme as total row; complementary suppression down each stage column. */
    private void projects(Doc doc, Funnels.Counts programme, Sections.RowMasks pm) {
        Map<String, Funnels.Counts> by = Funnels.byKey(Funnels.query(ctx, "funnel_monthly", "project_id", null));
        List<Funnels.Counts> rows = new ArrayList<>();
        for (String p : projects) {
            rows.add(by.getOrDefault(p, Funnels.empty(p)));
        }
        if (rows.isEmpty()) {
            doc.note(ctx.t("Aucun projet dans cet entrepôt.", "No project in this warehouse."));
            return;
        }
        Sections.RowMasks[] m = Sections.masks(ctx, rows, true);
        String[] names = Funnels.stageNames(ctx);
        List<String> headers = new ArrayList<>(List.of(ctx.t("Projet", "Project"), names[0], Funnels.unknownName(ctx),
                ctx.t("Part d'inconnus", "Share unknown")));
        headers.addAll(List.of(names).subList(1, names.length));
        headers.addAll(List.of(ctx.t("Dépense média", "Media spend"), ctx.t("Coût par jeune contacté", "Cost per contacted youth"),
                ctx.t("Coût par jeune inconnu du SPE", "Cost per previously unknown youth")));
        Table t = new Table(headers).sortable();
        Table data = new Table(List.of(ctx.t("Projet", "Project"), names[0], Funnels.unknownName(ctx)));
        List<String> cats = new ArrayList<>();
        Double[][] v = new Double[2][rows.size()];
        String[][] l = new String[2][rows.size()];
        Double[][] cost = new Double[2][rows.size()];
        String[][] costL = new String[2][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Funnels.Counts c = rows.get(r);
            t.row(c.key(), cells(ctx.projectPages ? Cell.html("<a href=\"" + Html.esc(ProjectPage.file(c.key())) + "\">"
                    + Html.esc(c.key()) + "</a>", c.key()) : Cell.text(c.key()), c, m[r]));
            cats.add(c.key());
            data.row(c.key(), Cell.text(c.key()), ctx.count(c.contacted(), m[r].stage()[0]),
                    ctx.count(c.unknown()[0], m[r].unknown()[0]));
            v[0][r] = Sections.plot(c.contacted(), m[r].stage()[0]);
            l[0][r] = ctx.chartLabel(c.contacted(), m[r].stage()[0]);
            v[1][r] = Sections.plot(c.unknown()[0], m[r].unknown()[0]);
            l[1][r] = ctx.chartLabel(c.unknown()[0], m[r].unknown()[0]);
            cost[0][r] = costValue(c.spend(), c.contacted(), m[r].stageHidden(0));
            costL[0][r] = costLabel(cost[0][r], m[r].stageHidden(0));
            cost[1][r] = costValue(c.spend(), c.unknown()[0], m[r].unknownHidden(0));
            costL[1][r] = costLabel(cost[1][r], m[r].unknownHidden(0));
        }
        t.total("programme", cells(Cell.text(ctx.t("Programme (un jeune compte une fois)", "Programme (a youth counts once)")),
                programme, pm).toArray(new Cell[0]));
        String title = ctx.t("Jeunes entrés en contact, par projet", "Contacted young people, by project");
        String svg = Charts.bars(new Charts.Frame("projects-chart", title, ctx.source(), ctx.fmt.axisFormat()),
                ctx.t("jeunes (nombre)", "young people (count)"), cats,
                List.of(new Charts.Series(names[0], v[0], l[0]), new Charts.Series(Funnels.unknownName(ctx), v[1], l[1])), true);
        doc.figure("projects", title, ctx.t("Unité : nombre de jeunes. Un jeune en contact avec deux projets compte dans "
                + "chacun, une seule fois au total du programme. Coûts : dépense média déclarée (diffusion payante) "
                + "divisée par le nombre de jeunes.", "Unit: number of young people. A young person in contact with two "
                + "projects counts in each, once in the programme total. Costs: reported media spend (paid delivery) "
                + "divided by the number of young people."), svg, data);
        doc.table("projects-table", t.caption(ctx.t("Les projets côte à côte", "Projects side by side")));
        String costTitle = ctx.t("Coût média par jeune, par projet", "Media cost per young person, by project");
        Table ct = new Table(List.of(ctx.t("Projet", "Project"), ctx.t("Dépense média", "Media spend"),
                ctx.t("Coût par jeune contacté", "Cost per contacted youth"),
                ctx.t("Coût par jeune inconnu du SPE", "Cost per previously unknown youth")));
        for (int r = 0; r < rows.size(); r++) {
            Funnels.Counts c = rows.get(r);
            ct.row(c.key(), Cell.text(c.key()), ctx.euros(c.spend()), ctx.costPer(c.spend(), c.contacted(), m[r].stageHidden(0)),
                    ctx.costPer(c.spend(), c.unknown()[0], m[r].unknownHidden(0)));
        }
        String costSvg = Charts.bars(new Charts.Frame("cost-chart", costTitle, ctx.source(), ctx.fmt.axisFormat()),
                ctx.t("euros par jeune", "euros per young person"), cats,
                List.of(new Charts.Series(ctx.t("par jeune contacté", "per contacted youth"), cost[0], costL[0]),
                        new Charts.Series(ctx.t("par jeune inconnu du SPE", "per previously unknown youth"), cost[1], costL[1])),
                true);
        doc.figure("cost", costTitle, ctx.t("Unité : euros par jeune. Un coût masqué (s) dépend d'un effectif masqué.",
                "Unit: euros per young person. A hidden cost (s) depends on a hidden count."), costSvg, ct);
    }

    private Double costValue(double spend, long n, boolean hidden) {
        return hidden || n == 0 || spend <= 0 ? 0.0 : spend / n;
    }

    private String costLabel(Double v, boolean hidden) {
        return hidden ? "s" : v == 0 ? "—" : ctx.fmt.euros(v);
    }

    private List<Cell> cells(Cell first, Funnels.Counts c, Sections.RowMasks m) {
        List<Cell> cells = new ArrayList<>(List.of(first, ctx.count(c.contacted(), m.stage()[0]),
                ctx.count(c.unknown()[0], m.unknown()[0]),
                ctx.share(c.unknown()[0], c.contacted(), m.unknownHidden(0) || m.stageHidden(0))));
        for (int s = 1; s < Funnels.STAGES.length; s++) {
            cells.add(ctx.count(c.stage()[s], m.stage()[s]));
        }
        cells.add(ctx.euros(c.spend()));
        cells.add(ctx.costPer(c.spend(), c.contacted(), m.stageHidden(0)));
        cells.add(ctx.costPer(c.spend(), c.unknown()[0], m.unknownHidden(0)));
        return cells;
    }

    /**
     * Counts of young people by one attribute with their published total: masked, ordered so the
     * order hints at no hidden value, charted (at most {@code maxBars} bars, 0 = all) and tabled.
     */
    private void breakdown(Doc doc, String id, String sql, java.util.function.Function<String, String> label,
            java.util.function.Function<String, String> sortKey, String title, String keyHeader, int maxBars) {
        if (!ctx.db.hasTable("youth_journey")) {
            doc.notComputed("youth_journey");
            return;
        }
        List<Db.Row> rows = ctx.db.query(sql);
        if (rows.isEmpty()) {
            doc.note(ctx.t("Aucun jeune concerné.", "No young person concerned."));
            return;
        }
        long[] n = rows.stream().mapToLong(r -> r.lng("n")).toArray();
        String[] keys = rows.stream().map(r -> r.str("k")).toArray(String[]::new);
        Mask[] m = SmallCells.lineMasks(n, ctx.k);
        List<Integer> order = Sections.displayOrder(n, m, (a, b) -> sortKey.apply(keys[a]).compareTo(sortKey.apply(keys[b])));
        long total = 0;
        for (long x : n) {
            total += x;
        }
        Table t = new Table(List.of(keyHeader, ctx.t("Jeunes", "Young people"), ctx.t("Part", "Share")));
        List<String> cats = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Mask totalMask = SmallCells.primary(total, ctx.k) ? Mask.SMALL : Mask.SHOWN;
        for (int i : order) {
            t.row(keys[i], Cell.text(label.apply(keys[i])), ctx.count(n[i], m[i]),
                    ctx.share(n[i], total, Ctx.hidden(m[i]) || Ctx.hidden(totalMask)));
            if (maxBars == 0 || cats.size() < maxBars) {
                cats.add(label.apply(keys[i]));
                vals.add(Sections.plot(n[i], m[i]));
                labels.add(ctx.chartLabel(n[i], m[i]));
            }
        }
        t.total("total", Cell.text(ctx.t("Total", "Total")), ctx.count(total, totalMask), Cell.empty());
        String svg = Charts.bars(new Charts.Frame(id + "-chart", title, ctx.source(), ctx.fmt.axisFormat()),
                ctx.t("jeunes (nombre)", "young people (count)"), cats,
                List.of(new Charts.Series(ctx.t("Jeunes", "Young people"), vals.toArray(new Double[0]),
                        labels.toArray(new String[0]))), true);
        String more = cats.size() < keys.length ? ctx.t(" Le graphique montre les " + cats.size()
                + " premiers ; le tableau les donne tous.", " The chart shows the first " + cats.size() + "; the table has them all.")
                : "";
        doc.figure(id, title, ctx.t("Unité : nombre de jeunes (chacun compté une fois)." + more,
                "Unit: number of young people (each counted once)." + more), svg, t);
    }

    /** Per project: the latest first contact, the latest new file received, this run's files. */
    private void freshness(Doc doc) {
        Map<String, LocalDate> lastContact = new HashMap<>();
        if (ctx.db.hasTable("youth_journey")) {
            ctx.db.query("SELECT project_id, max(first_contact_date) AS d FROM youth_journey GROUP BY 1")
                    .forEach(r -> lastContact.put(r.str("project_id"), r.date("d")));
        }
        Map<String, Instant> lastFile = new HashMap<>();
        Map<String, Db.Row> files = new HashMap<>();
        if (ctx.db.hasTable("runs")) {
            if (ctx.db.hasTable("run_summary")) {
                // a file is new in the first run that read its checksum
                ctx.db.query("SELECT project_id, max(first_at) AS t FROM (SELECT r.project_id, r.sha256, "
                        + "min(epoch_ms(s.started_at)) AS first_at FROM runs r JOIN run_summary s ON r.run_id = s.run_id "
                        + "WHERE r.sha256 IS NOT NULL AND r.project_id IS NOT NULL GROUP BY 1, 2) GROUP BY 1")
                        .forEach(r -> lastFile.put(r.str("project_id"), Instant.ofEpochMilli(r.lng("t"))));
            }
            ctx.db.query("SELECT project_id, count(*) AS files, count(*) FILTER (WHERE file_reason IS NOT NULL) AS refused, "
                    + "coalesce(sum(rows_read), 0) AS rows_read, coalesce(sum(rows_rejected), 0) AS rows_rejected "
                    + "FROM runs WHERE run_id = ? AND project_id IS NOT NULL GROUP BY 1", ctx.run.id())
                    .forEach(r -> files.put(r.str("project_id"), r));
        }
        Table t = new Table(List.of(ctx.t("Projet", "Project"), ctx.t("Dernière première prise de contact", "Latest first contact"),
                ctx.t("Dernier nouveau fichier reçu", "Latest new file received"), ctx.t("Fichiers lus", "Files read"),
                ctx.t("dont refusés", "of which refused"), ctx.t("Lignes lues", "Rows read"),
                ctx.t("Lignes écartées", "Rows rejected"), ctx.t("Alerte", "Alert"))).sortable();
        for (String p : projects) {
            LocalDate lc = lastContact.get(p);
            Instant lf = lastFile.get(p);
            Db.Row f = files.get(p);
            String alert = "";
            if (lf != null && ctx.run.startedAt() != null) {
                long days = Duration.between(lf, ctx.run.startedAt()).toDays();
                if (days > 35) {
                    alert = ctx.t("aucun nouveau fichier depuis " + days + " jours", "no new file for " + days + " days");
                }
            }
            t.row(p, Cell.text(p), dateCell(lc), lf == null ? Cell.text(null)
                            : new Cell(Html.esc(ctx.fmt.dateTime(lf)), lf.toString(), (double) lf.toEpochMilli(), true),
                    ctx.count(f == null ? 0 : f.lng("files")), ctx.count(f == null ? 0 : f.lng("refused")),
                    ctx.count(f == null ? 0 : f.lng("rows_read")), ctx.count(f == null ? 0 : f.lng("rows_rejected")),
                    alert.isEmpty() ? Cell.text("") : Cell.html("<span class=\"flag flag-low\">" + Html.esc(alert) + "</span>", alert));
        }
        doc.table("freshness", t.caption(ctx.t("Fraîcheur par projet", "Freshness by project")));
        doc.note(ctx.t("Dates en heure de Paris. Un fichier est « nouveau » à la première exécution qui l'a lu (même empreinte "
                + "SHA-256). Ces lignes et fichiers ne sont pas des jeunes : la règle des petits effectifs ne s'y applique pas.",
                "Paris time. A file is “new” at the first run that read it (same SHA-256). These rows and files are not young "
                        + "people: the small-cell rule does not apply to them."));
    }

    private Cell dateCell(LocalDate d) {
        return d == null ? Cell.text(null) : new Cell(Html.esc(ctx.fmt.date(d)), d.toString(), (double) d.toEpochDay(), true);
    }
}
