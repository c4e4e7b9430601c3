package org.maraude.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.maraude.dashboards.SmallCells;
import org.maraude.reports.Report.Block;
import org.maraude.reports.Report.Cell;
import org.maraude.reports.Report.Chart;
import org.maraude.reports.Report.Section;
import org.maraude.reports.Report.Table;
import org.maraude.reports.Report.Text;
import org.maraude.reports.WarehouseData.Creative;
import org.maraude.reports.WarehouseData.FileStats;
import org.maraude.reports.WarehouseData.Funnel;
import org.maraude.reports.WarehouseData.Keyed;
import org.maraude.reports.WarehouseData.Partner;
import org.maraude.reports.WarehouseData.RejectStats;
import org.maraude.reports.WarehouseData.Reply;

/**
 * Turns the warehouse's figures into the {@link Report}: the sections, their tables and charts,
 * with the small-cell rule applied once here (contract §5) for every format. Pure: figures in,
 * report out.
 *
 * <p>Suppression, for a funder-level report: every count of young people between 1 and k-1 is
 * shown as {@code < k}; in each breakdown whose total is shown (channels, projects, partners,
 * contact channels) a second cell is hidden where one would be the total minus the others
 * ({@link SmallCells#suppressRow}); the top creatives are protected against the channel (or
 * project) totals they add up to ({@link Suppression#groups}). A ratio, a change or a cost per
 * outcome is hidden ({@value Fmt#SECRET}) when a count it is computed from is hidden or small,
 * since it would give the count back. Counts of files and rows in the data-quality section are
 * not people and are shown as they are.
 */
final class ReportBuilder {

    /** How many creatives the "most previously unknown" table lists. */
    static final int TOP_CREATIVES = 10;

    /** Everything the report shows, as read from the warehouse. */
    record Inputs(String runId, String[] dataMonths, LocalDate generatedOn, Funnel current, Funnel previous,
            Funnel yearBefore, List<Map.Entry<Period, Funnel>> trend, List<Keyed> platforms, List<Keyed> projects,
            List<Creative> creatives, List<Partner> partners, List<Reply> replies, Reply repliesTotal,
            List<FileStats> files, List<RejectStats> rejects) {}

    private final ReportRequest req;
    private final Fmt f;
    private final boolean apply;
    private final int k;

    ReportBuilder(ReportRequest req) {
        this.req = req;
        this.f = new Fmt(req.lang(), req.k());
        this.apply = req.suppressed();
        this.k = req.k();
    }

    private String tr(String fr, String en) {
        return f.fr ? fr : en;
    }

    /** The periods of the trend: 13 months, 5 quarters or 3 years ending with the reported one. */
    static List<Period> trendPeriods(Period p, String firstDataMonth) {
        int back = switch (p.kind()) {
            case MONTH -> 12;
            case QUARTER -> 4;
            case YEAR -> 2;
        };
        List<Period> out = new ArrayList<>();
        for (int i = back; i >= 0; i--) {
            Period q = p.shift(-i);
            if (i == 0 || firstDataMonth == null || q.lastMonth().compareTo(firstDataMonth) >= 0) {
                out.add(q);
            }
        }
        return out;
    }

    Report build(Inputs in) {
        Period p = req.period();
        List<Section> sections = new ArrayList<>();
        sections.add(keyIndicators(in));
        sections.add(funnel(in));
        sections.add(unknownTrend(in));
        Platforms platforms = platforms(in);
        sections.add(channels(in, platforms));
        sections.add(costs(in, platforms));
        sections.add(partners(in));
        sections.add(replies(in));
        sections.add(method(in));
        sections.add(quality(in));
        String scope = req.project() == null ? tr("Tous les projets", "All projects")
                : tr("Projet ", "Project ") + req.project();
        List<String> cover = new ArrayList<>();
        cover.add(tr("Période : ", "Period: ") + p.label(req.lang()) + " (" + p.firstMonth()
                + (p.first().equals(p.last()) ? "" : tr(" à ", " to ") + p.lastMonth()) + ")");
        cover.add(tr("Comparée à : ", "Compared with: ") + p.previous().label(req.lang())
                + (p.kind() == Period.Kind.YEAR ? "" : tr(" et ", " and ") + p.yearBefore().label(req.lang())));
        cover.add(tr("Données : exécution ", "Data: run ") + Objects.toString(in.runId(), "?"));
        cover.add(tr("Produit le ", "Produced on ") + in.generatedOn());
        cover.add(req.project() == null
                ? tr("Un jeune en contact avec plusieurs projets est compté une fois.",
                        "A young person in contact with several projects is counted once.")
                : tr("Chiffres du projet ", "Figures of project ") + req.project() + ".");
        String marking = req.internal()
                ? tr("USAGE INTERNE — effectifs non masqués, ne pas diffuser hors du projet",
                        "INTERNAL USE — small counts not suppressed, do not share outside the project")
                : tr("Effectifs de 1 à " + (k - 1) + " affichés « < " + k + " » ; « " + Fmt.SECRET
                        + " » : valeur masquée (secret statistique)",
                        "Counts from 1 to " + (k - 1) + " shown as “< " + k + "”; “" + Fmt.SECRET
                                + "”: value hidden (statistical confidentiality)");
        return new Report(req.lang(), in.runId(), tr("Maraudes numériques — rapport d'activité", "Digital outreach — activity report"),
                scope + " — " + p.label(req.lang()), cover, marking, req.internal(), sections);
    }

    // ---- shared helpers --------------------------------------------------------------------

    /** A count's hidden flag when it is shown alone. */
    private boolean alone(long n) {
        return Suppression.single(n, k, apply);
    }

    /** True when a figure derived from this count must be hidden: the count is hidden or small. */
    private boolean small(long n, boolean hidden) {
        return hidden || (apply && SmallCells.primary(n, k));
    }

    private Cell share(long num, boolean numHidden, long den, boolean denHidden) {
        if (small(num, numHidden) || small(den, denHidden)) {
            return f.secret();
        }
        return f.percent(Fmt.pct(num, den));
    }

    private Cell cost(BigDecimal spend, long n, boolean hidden) {
        if (n == 0 || spend == null || spend.signum() == 0) {
            return f.none();
        }
        return small(n, hidden) ? f.secret() : f.eur(Fmt.per(spend, n));
    }

    private static Cell label(String s) {
        return Cell.label(s);
    }

    private List<String> header(String... h) {
        return List.of(h);
    }

    private boolean covered(Period q, Inputs in) {
        return in.dataMonths()[0] != null && q.lastMonth().compareTo(in.dataMonths()[0]) >= 0
                && q.firstMonth().compareTo(in.dataMonths()[1]) <= 0;
    }

    private static List<Double> values(long[] v, boolean[] hidden) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            out.add(hidden[i] ? null : (double) v[i]);
        }
        return out;
    }

    private List<String> chartLabels(List<String> labels, boolean[] hidden) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            out.add(hidden[i] ? labels.get(i) + " (< " + k + ")" : labels.get(i));
        }
        return out;
    }

    private String alt(String title, List<String> labels, List<Cell> cells) {
        StringBuilder b = new StringBuilder(title).append(": ");
        for (int i = 0; i < labels.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(labels.get(i)).append(' ').append(cells.get(i).text());
        }
        return b.toString();
    }

    // ---- 1. key indicators -------------------------------------------------------------------

    private Section keyIndicators(Inputs in) {
        Period p = req.period();
        String lang = req.lang();
        Funnel[] fs = {in.current(), in.previous(), in.yearBefore()};
        boolean[] cov = {true, covered(p.previous(), in), covered(p.yearBefore(), in)};
        String[] names = {tr("Personnes touchées (estimation)", "People reached (estimate)"),
            tr("Jeunes entrés en contact", "Young people contacted"),
            tr("dont inconnus du SPE", "of whom previously unknown"),
            tr("Part d'inconnus du SPE", "Share previously unknown"),
            tr("Accompagnés", "Accompanied"), tr("Orientés vers un partenaire", "Handed off to a partner"),
            tr("Orientation confirmée", "Hand-off confirmed"), tr("Dépenses média", "Media spend"),
            tr("Coût par jeune entré en contact", "Cost per young person contacted"),
            tr("Coût par jeune inconnu du SPE", "Cost per previously unknown young person")};
        List<List<Cell>> rows = new ArrayList<>();
        for (String n : names) {
            List<Cell> r = new ArrayList<>();
            r.add(label(n));
            rows.add(r);
        }
        for (int i = 0; i < 3; i++) {
            Funnel x = fs[i];
            List<Cell> col = indicatorColumn(x, cov[i]);
            for (int r = 0; r < col.size(); r++) {
                rows.get(r).add(col.get(r));
                if (i > 0) {
                    rows.get(r).add(cov[i] ? change(r, fs[0], x) : f.none());
                }
            }
        }
        String ch = tr("Évolution", "Change");
        Table t = new Table("key_indicators", tr("Indicateurs clés", "Key indicators"),
                header(tr("Indicateur", "Indicator"), p.shortLabel(lang), p.previous().shortLabel(lang), ch,
                        p.yearBefore().shortLabel(lang), ch), rows, false,
                tr("Évolution : variation relative par rapport à la période indiquée à gauche ; pour une part, "
                        + "écart en points. « — » : pas de données ou division par zéro.",
                        "Change: relative to the period on its left; for a share, difference in points. "
                                + "“—”: no data or division by zero."));
        return new Section("indicators", tr("Indicateurs clés", "Key indicators"), List.of(t));
    }

    private List<Cell> indicatorColumn(Funnel x, boolean covered) {
        if (!covered) {
            List<Cell> none = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                none.add(f.none());
            }
            return none;
        }
        return List.of(f.count(x.seen(), alone(x.seen())), f.count(x.contacted(), alone(x.contacted())),
                f.count(x.contactedUnknown(), alone(x.contactedUnknown())),
                share(x.contactedUnknown(), false, x.contacted(), false),
                f.count(x.accompanied(), alone(x.accompanied())), f.count(x.handedOff(), alone(x.handedOff())),
                f.count(x.confirmed(), alone(x.confirmed())), f.eur(x.spend()),
                cost(x.spend(), x.contacted(), false), cost(x.spend(), x.contactedUnknown(), false));
    }

    private Cell change(int row, Funnel now, Funnel before) {
        return switch (row) {
            case 0 -> changeOf(now.seen(), before.seen());
            case 1 -> changeOf(now.contacted(), before.contacted());
            case 2 -> changeOf(now.contactedUnknown(), before.contactedUnknown());
            case 3 -> {
                if (small(now.contactedUnknown(), false) || small(now.contacted(), false)
                        || small(before.contactedUnknown(), false) || small(before.contacted(), false)) {
                    yield f.secret();
                }
                BigDecimal a = Fmt.pct(now.contactedUnknown(), now.contacted());
                BigDecimal b = Fmt.pct(before.contactedUnknown(), before.contacted());
                yield a == null || b == null ? f.none() : points(a.subtract(b));
            }
            case 4 -> changeOf(now.accompanied(), before.accompanied());
            case 5 -> changeOf(now.handedOff(), before.handedOff());
            case 6 -> changeOf(now.confirmed(), before.confirmed());
            case 7 -> before.spend().signum() == 0 ? f.none() : f.change(now.spend().subtract(before.spend())
                    .multiply(BigDecimal.valueOf(100)).divide(before.spend(), 1, java.math.RoundingMode.HALF_UP));
            case 8 -> costChange(now.spend(), now.contacted(), before.spend(), before.contacted());
            default -> costChange(now.spend(), now.contactedUnknown(), before.spend(), before.contactedUnknown());
        };
    }

    private Cell changeOf(long now, long before) {
        if (small(now, false) || small(before, false)) {
            return f.secret();
        }
        return f.change(Fmt.changePct(now, before));
    }

    private Cell costChange(BigDecimal s1, long n1, BigDecimal s0, long n0) {
        if (small(n1, false) || small(n0, false)) {
            return n1 == 0 || n0 == 0 ? f.none() : f.secret();
        }
        BigDecimal a = Fmt.per(s1, n1);
        BigDecimal b = Fmt.per(s0, n0);
        if (a == null || b == null || b.signum() == 0) {
            return f.none();
        }
        return f.change(a.subtract(b).multiply(BigDecimal.valueOf(100)).divide(b, 1, java.math.RoundingMode.HALF_UP));
    }

    private Cell points(BigDecimal d) {
        Cell c = f.change(d);
        String text = c.text().replace("\u00a0%", "").replace("%", "") + tr("\u00a0pt", " pt");
        return new Cell(text, c.csv(), true, false);
    }

    // ---- 2. funnel -----------------------------------------------------------------------------

    private Section funnel(Inputs in) {
        Funnel x = in.current();
        String[] steps = {tr("Entrés en contact", "Contacted"), tr("Accompagnés", "Accompanied"),
            tr("Orientés", "Handed off"), tr("Orientation confirmée", "Confirmed")};
        long[] all = {x.contacted(), x.accompanied(), x.handedOff(), x.confirmed()};
        long[] unk = {x.contactedUnknown(), x.accompaniedUnknown(), x.handedOffUnknown(), x.confirmedUnknown()};
        // Each step's rate is against the step it comes from: accompanied and handed off against
        // contacted, confirmed against handed off.
        int[] base = {-1, 0, 0, 2};
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(List.of(label(tr("Personnes touchées (estimation)", "People reached (estimate)")),
                f.count(x.seen(), alone(x.seen())), f.none(), f.none(), f.none()));
        boolean[] hAll = new boolean[4];
        for (int i = 0; i < 4; i++) {
            hAll[i] = alone(all[i]);
            boolean hu = alone(unk[i]);
            Cell rate = base[i] < 0 ? f.none() : share(all[i], false, all[base[i]], false);
            Cell rateU = base[i] < 0 ? share(unk[i], false, all[i], false) : share(unk[i], false, unk[base[i]], false);
            rows.add(List.of(label(steps[i]), f.count(all[i], hAll[i]), rate, f.count(unk[i], hu), rateU));
        }
        BigDecimal fromImpressions = Fmt.pct(x.seenFromImpressions(), x.seen());
        String note = tr("Personnes touchées : estimation tirée des plateformes — portée mensuelle de chaque création "
                + "(son maximum journalier) ou, faute de portée, ses impressions, plus les vues organiques ; "
                + "ce n'est pas un nombre de personnes uniques.",
                "People reached: an estimate from the platforms — each creative's monthly reach (its largest daily "
                        + "reach) or, where reach is missing, its impressions, plus organic views; it is not a count "
                        + "of unique people.")
                + (fromImpressions == null ? "" : tr(" Part estimée à partir d'impressions : ",
                        " Share estimated from impressions: ") + f.percent(fromImpressions).text() + ".")
                + tr(" Taux : accompagnés et orientés rapportés aux entrés en contact, confirmés aux orientés ; "
                        + "colonne « inconnus » : part d'inconnus parmi les entrés en contact, puis même calcul.",
                        " Rates: accompanied and handed off over contacted, confirmed over handed off; "
                                + "“previously unknown” columns: share among contacted, then the same rates.");
        Table t = new Table("funnel", tr("Entonnoir", "Funnel"), header(tr("Étape", "Step"), tr("Jeunes", "Young people"),
                tr("Taux", "Rate"), tr("Inconnus du SPE", "Previously unknown"), tr("Taux", "Rate")), rows, false, note);
        List<Cell> shown = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shown.add(rows.get(i + 1).get(1));
        }
        String title = tr("Entonnoir : jeunes à chaque étape", "Funnel: young people at each step");
        Chart chart = new Chart("funnel_chart", title, Chart.Kind.BAR, chartLabels(List.of(steps), hAll),
                values(all, hAll), tr("jeunes", "young people"), alt(title, List.of(steps), shown));
        return new Section("funnel", tr("Entonnoir du parcours", "The funnel"), List.of(chart, t));
    }

    // ---- 3. previously unknown: share and trend ----------------------------------------------------

    private Section unknownTrend(Inputs in) {
        List<List<Cell>> rows = new ArrayList<>();
        List<String> cats = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        List<Cell> shares = new ArrayList<>();
        for (Map.Entry<Period, Funnel> e : in.trend()) {
            Funnel x = e.getValue();
            String name = e.getKey().shortLabel(req.lang());
            Cell s = share(x.contactedUnknown(), false, x.contacted(), false);
            rows.add(List.of(label(name), f.count(x.contacted(), alone(x.contacted())),
                    f.count(x.contactedUnknown(), alone(x.contactedUnknown())), s));
            cats.add(name);
            shares.add(s);
            vals.add(s.hidden() || s.csv().isEmpty() ? null
                    : Fmt.pct(x.contactedUnknown(), x.contacted()).doubleValue());
        }
        Table t = new Table("unknown_trend", tr("Inconnus du service public de l'emploi, par période",
                "Previously unknown young people, by period"), header(tr("Période", "Period"),
                tr("Entrés en contact", "Contacted"), tr("dont inconnus du SPE", "of whom previously unknown"),
                tr("Part", "Share")), rows, false, tr("Périodes de même durée que la période du rapport, "
                        + "depuis le début des données.", "Periods as long as the report's, since the data begin."));
        String title = tr("Part d'inconnus du SPE parmi les jeunes entrés en contact (%)",
                "Share previously unknown among young people contacted (%)");
        Chart chart = new Chart("unknown_trend_chart", title, Chart.Kind.LINE, cats, vals, "%", alt(title, cats, shares));
        Funnel x = in.current();
        Cell now = share(x.contactedUnknown(), false, x.contacted(), false);
        Text lead = new Text(null, tr("Sur la période, ", "Over the period, ") + now.text()
                + tr(" des jeunes entrés en contact étaient inconnus du service public de l'emploi (France Travail, "
                        + "missions locales) avant leur premier contact.",
                        " of the young people contacted were unknown to the public employment service (France Travail, "
                                + "missions locales) before their first contact."));
        return new Section("unknown", tr("Jeunes inconnus du service public de l'emploi",
                "Young people previously unknown to the public employment service"), List.of(lead, chart, t));
    }

    // ---- 4. channels and creatives ---------------------------------------------------------------

    /** The channel table's cells and hidden flags, shared by the channel and cost tables. */
    private record Platforms(List<Keyed> rows, long[][] values, boolean[][] hidden) {}

    private static final int P_CONTACTED = 0;
    private static final int P_UNKNOWN = 1;
    private static final int P_ACCOMPANIED = 2;
    private static final int P_HANDED_OFF = 3;
    private static final int P_CONFIRMED = 4;

    private Platforms platforms(Inputs in) {
        List<Keyed> rows = in.platforms();
        long[][] v = new long[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Funnel x = rows.get(i).f();
            v[P_CONTACTED][i] = x.contacted();
            v[P_UNKNOWN][i] = x.contactedUnknown();
            v[P_ACCOMPANIED][i] = x.accompanied();
            v[P_HANDED_OFF][i] = x.handedOff();
            v[P_CONFIRMED][i] = x.confirmed();
        }
        boolean[][] h = new boolean[5][];
        for (int m = 0; m < 5; m++) {
            h[m] = Suppression.column(v[m], k, apply);
        }
        return new Platforms(rows, v, h);
    }

    String platform(String key) {
        if (key == null) {
            return tr("Non attribué", "Unattributed");
        }
        return switch (key) {
            case "tiktok" -> "TikTok";
            case "instagram" -> "Instagram";
            case "facebook" -> "Facebook";
            case "snapchat" -> "Snapchat";
            case "youtube" -> "YouTube";
            case "twitch" -> "Twitch";
            case "google" -> "Google";
            case "offline" -> tr("Hors ligne (affiches, flyers…)", "Offline (posters, flyers…)");
            case "other" -> tr("Autre", "Other");
            default -> key;
        };
    }

    private Section channels(Inputs in, Platforms pl) {
        List<List<Cell>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < pl.rows().size(); i++) {
            String name = platform(pl.rows().get(i).key());
            names.add(name);
            rows.add(List.of(label(name), f.count(pl.values()[P_CONTACTED][i], pl.hidden()[P_CONTACTED][i]),
                    f.count(pl.values()[P_UNKNOWN][i], pl.hidden()[P_UNKNOWN][i]),
                    share(pl.values()[P_UNKNOWN][i], pl.hidden()[P_UNKNOWN][i], pl.values()[P_CONTACTED][i],
                            pl.hidden()[P_CONTACTED][i]),
                    f.count(pl.values()[P_ACCOMPANIED][i], pl.hidden()[P_ACCOMPANIED][i]),
                    f.count(pl.values()[P_HANDED_OFF][i], pl.hidden()[P_HANDED_OFF][i]),
                    f.count(pl.values()[P_CONFIRMED][i], pl.hidden()[P_CONFIRMED][i])));
        }
        Funnel x = in.current();
        rows.add(List.of(label("Total"), f.count(x.contacted(), alone(x.contacted())),
                f.count(x.contactedUnknown(), alone(x.contactedUnknown())),
                share(x.contactedUnknown(), false, x.contacted(), false), f.count(x.accompanied(), alone(x.accompanied())),
                f.count(x.handedOff(), alone(x.handedOff())), f.count(x.confirmed(), alone(x.confirmed()))));
        Table t = new Table("channels", tr("Canaux d'origine des jeunes", "Where young people came from"),
                header(tr("Canal d'origine", "Source channel"), tr("Entrés en contact", "Contacted"),
                        tr("dont inconnus", "Previously unknown"), tr("Part d'inconnus", "Share unknown"),
                        tr("Accompagnés", "Accompanied"), tr("Orientés", "Handed off"), tr("Confirmés", "Confirmed")),
                rows, true, tr("Source d'un jeune : dernier point de contact avec une plateforme ou une création dans les "
                        + "30 jours avant le premier contact, sinon le code de parrainage, sinon la source déclarée.",
                        "A young person's source: the last touchpoint with a platform or creative in the 30 days "
                                + "before first contact, else the referral code, else the declared source."));
        List<Cell> shown = new ArrayList<>();
        for (List<Cell> r : rows.subList(0, names.size())) {
            shown.add(r.get(2));
        }
        String title = tr("Jeunes inconnus du SPE par canal d'origine", "Previously unknown young people by source channel");
        Chart chart = new Chart("channels_chart", title, Chart.Kind.BAR, chartLabels(names, pl.hidden()[P_UNKNOWN]),
                values(pl.values()[P_UNKNOWN], pl.hidden()[P_UNKNOWN]), tr("jeunes", "young people"),
                alt(title, names, shown));
        List<Block> blocks = new ArrayList<>(List.of(chart, t));
        if (req.project() == null) {
            blocks.add(projects(in));
        }
        blocks.add(creatives(in));
        return new Section("channels", tr("Canaux et créations", "Channels and creatives"), blocks);
    }

    private Table projects(Inputs in) {
        List<Keyed> ps = in.projects();
        long[][] v = new long[4][ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            Funnel x = ps.get(i).f();
            v[0][i] = x.contacted();
            v[1][i] = x.contactedUnknown();
            v[2][i] = x.accompanied();
            v[3][i] = x.handedOff();
        }
        boolean[][] h = new boolean[4][];
        for (int m = 0; m < 4; m++) {
            h[m] = Suppression.column(v[m], k, apply);
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            rows.add(List.of(label(ps.get(i).key()), f.count(v[0][i], h[0][i]), f.count(v[1][i], h[1][i]),
                    share(v[1][i], h[1][i], v[0][i], h[0][i]), f.count(v[2][i], h[2][i]), f.count(v[3][i], h[3][i])));
        }
        Funnel x = in.current();
        rows.add(List.of(label(tr("Programme (un jeune compté une fois)", "Programme (each young person once)")),
                f.count(x.contacted(), alone(x.contacted())), f.count(x.contactedUnknown(), alone(x.contactedUnknown())),
                share(x.contactedUnknown(), false, x.contacted(), false), f.count(x.accompanied(), alone(x.accompanied())),
                f.count(x.handedOff(), alone(x.handedOff()))));
        return new Table("projects", tr("Par projet", "By project"), header(tr("Projet", "Project"),
                tr("Entrés en contact", "Contacted"), tr("dont inconnus", "Previously unknown"),
                tr("Part d'inconnus", "Share unknown"), tr("Accompagnés", "Accompanied"), tr("Orientés", "Handed off")),
                rows, true, tr("Un jeune en contact avec deux projets compte dans chacun ; le total du programme le "
                        + "compte une fois.", "A young person in contact with two projects counts in each; the "
                                + "programme total counts them once."));
    }

    private Table creatives(Inputs in) {
        List<Creative> all = in.creatives();
        int shown = Math.min(TOP_CREATIVES, all.size());
        boolean byProject = req.project() == null;
        // Groups whose totals the report shows: each platform's row of the channel table and, for
        // the programme, each project's row of the project table. (Programme platform counts count
        // a youth once across projects, so they are at most the creatives' sum: still a group, to be
        // safe, since a platform used by one project gives its creatives' sum exactly.) Cells: the
        // listed creatives, then one remainder per group (the group's youth outside the listed
        // creatives), never displayed.
        List<String> groupKeys = new ArrayList<>();
        List<Funnel> groupTotals = new ArrayList<>();
        for (Keyed g : in.platforms()) {
            groupKeys.add("platform:" + g.key());
            groupTotals.add(g.f());
        }
        if (byProject) {
            for (Keyed g : in.projects()) {
                groupKeys.add("project:" + g.key());
                groupTotals.add(g.f());
            }
        }
        int n = shown + groupKeys.size();
        long[] contacted = new long[n];
        long[] unknown = new long[n];
        boolean[] displayed = new boolean[n];
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groupKeys.size(); g++) {
            members.add(new ArrayList<>());
        }
        long[] sumC = new long[groupKeys.size()];
        long[] sumU = new long[groupKeys.size()];
        for (int i = 0; i < shown; i++) {
            Creative c = all.get(i);
            contacted[i] = c.contacted();
            unknown[i] = c.unknown();
            displayed[i] = true;
            for (String key : List.of("platform:" + c.platform(), "project:" + c.project())) {
                int g = groupKeys.indexOf(key);
                if (g >= 0) {
                    members.get(g).add(i);
                    sumC[g] += c.contacted();
                    sumU[g] += c.unknown();
                }
            }
        }
        List<int[]> groups = new ArrayList<>();
        for (int g = 0; g < groupKeys.size(); g++) {
            contacted[shown + g] = Math.max(0, groupTotals.get(g).contacted() - sumC[g]);
            unknown[shown + g] = Math.max(0, groupTotals.get(g).contactedUnknown() - sumU[g]);
            members.get(g).add(shown + g);
            groups.add(members.get(g).stream().mapToInt(Integer::intValue).toArray());
        }
        boolean[] hc = apply ? Suppression.groups(contacted, displayed, groups, k) : new boolean[n];
        boolean[] hu = apply ? Suppression.groups(unknown, displayed, groups, k) : new boolean[n];
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            Creative c = all.get(i);
            List<Cell> r = new ArrayList<>();
            r.add(label(c.creative()));
            r.add(label(platform(c.platform())));
            if (byProject) {
                r.add(label(c.project()));
            }
            r.add(f.count(c.contacted(), hc[i]));
            r.add(f.count(c.unknown(), hu[i]));
            r.add(share(c.unknown(), hu[i], c.contacted(), hc[i]));
            r.add(f.eur(c.spend()));
            r.add(cost(c.spend(), c.unknown(), hu[i]));
            rows.add(r);
        }
        List<String> h = new ArrayList<>(List.of(tr("Création", "Creative"), tr("Canal", "Channel")));
        if (byProject) {
            h.add(tr("Projet", "Project"));
        }
        h.addAll(List.of(tr("Entrés en contact", "Contacted"), tr("dont inconnus", "Previously unknown"),
                tr("Part d'inconnus", "Share unknown"), tr("Dépenses", "Spend"), tr("Coût par inconnu",
                        "Cost per previously unknown")));
        return new Table("creatives", tr("Créations ayant amené le plus de jeunes inconnus du SPE",
                "Creatives that brought the most previously unknown young people"), h, rows, false,
                tr("Les " + TOP_CREATIVES + " premières créations (identifiant de la création).",
                        "The first " + TOP_CREATIVES + " creatives (creative id)."));
    }

    // ---- 5. costs --------------------------------------------------------------------------------

    private Section costs(Inputs in, Platforms pl) {
        Period p = req.period();
        String lang = req.lang();
        Funnel[] fs = {in.current(), in.previous(), in.yearBefore()};
        boolean[] cov = {true, covered(p.previous(), in), covered(p.yearBefore(), in)};
        String[] names = {tr("Dépenses média", "Media spend"), tr("par jeune entré en contact", "per young person contacted"),
            tr("par jeune inconnu du SPE", "per previously unknown young person"),
            tr("par jeune accompagné", "per young person accompanied"),
            tr("par jeune orienté", "per young person handed off"),
            tr("par orientation confirmée", "per confirmed hand-off")};
        List<List<Cell>> rows = new ArrayList<>();
        for (String n : names) {
            rows.add(new ArrayList<>(List.of(label(n))));
        }
        for (int i = 0; i < 3; i++) {
            Funnel x = fs[i];
            rows.get(0).add(cov[i] ? f.eur(x.spend()) : f.none());
            long[] outcomes = {x.contacted(), x.contactedUnknown(), x.accompanied(), x.handedOff(), x.confirmed()};
            for (int o = 0; o < outcomes.length; o++) {
                rows.get(o + 1).add(cov[i] ? cost(x.spend(), outcomes[o], false) : f.none());
            }
        }
        Table t = new Table("costs", tr("Coût par résultat", "Cost per outcome"), header(tr("Résultat", "Outcome"),
                p.shortLabel(lang), p.previous().shortLabel(lang), p.yearBefore().shortLabel(lang)), rows, false,
                tr("Dépenses média des plateformes (achats d'espace déclarés dans ad_delivery) divisées par le nombre de "
                        + "jeunes dont le premier contact tombe dans la période ; les autres coûts (personnel, "
                        + "événements) n'y sont pas.", "Platform media spend (as declared in ad_delivery) divided by the "
                        + "young people first contacted in the period; other costs (staff, events) are not included."));
        List<List<Cell>> byChannel = new ArrayList<>();
        for (int i = 0; i < pl.rows().size(); i++) {
            BigDecimal spend = pl.rows().get(i).f().spend();
            byChannel.add(List.of(label(platform(pl.rows().get(i).key())), f.eur(spend),
                    cost(spend, pl.values()[P_CONTACTED][i], pl.hidden()[P_CONTACTED][i]),
                    cost(spend, pl.values()[P_UNKNOWN][i], pl.hidden()[P_UNKNOWN][i]),
                    cost(spend, pl.values()[P_HANDED_OFF][i], pl.hidden()[P_HANDED_OFF][i])));
        }
        Funnel x = in.current();
        byChannel.add(List.of(label("Total"), f.eur(x.spend()), cost(x.spend(), x.contacted(), false),
                cost(x.spend(), x.contactedUnknown(), false), cost(x.spend(), x.handedOff(), false)));
        Table t2 = new Table("costs_by_channel", tr("Coût par résultat et par canal", "Cost per outcome by channel"),
                header(tr("Canal d'origine", "Source channel"), tr("Dépenses", "Spend"),
                        tr("par entré en contact", "per contacted"), tr("par inconnu du SPE", "per previously unknown"),
                        tr("par orienté", "per handed off")), byChannel, true, null);
        return new Section("costs", tr("Coûts", "Costs"), List.of(t, t2));
    }

    // ---- 6. hand-offs by partner type --------------------------------------------------------------

    String partner(String key) {
        if (key == null) {
            return tr("Non renseigné", "Not given");
        }
        return switch (key) {
            case "mission_locale" -> tr("Mission locale", "Mission locale (youth employment service)");
            case "france_travail" -> "France Travail";
            case "cio" -> "CIO";
            case "afpa" -> "AFPA";
            case "crij" -> "CRIJ";
            case "pij" -> "PIJ";
            case "epide" -> "EPIDE";
            case "e2c" -> tr("E2C (école de la 2e chance)", "E2C (second-chance school)");
            case "association" -> "Association";
            case "employer" -> tr("Employeur", "Employer");
            case "training" -> tr("Organisme de formation", "Training body");
            case "other" -> tr("Autre", "Other");
            default -> key;
        };
    }

    private Section partners(Inputs in) {
        List<Partner> ps = in.partners();
        long[] ho = ps.stream().mapToLong(Partner::handedOff).toArray();
        long[] co = ps.stream().mapToLong(Partner::confirmed).toArray();
        boolean[] hh = Suppression.column(ho, k, apply);
        boolean[] hc = Suppression.column(co, k, apply);
        List<List<Cell>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Cell> shown = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            String name = partner(ps.get(i).partnerType());
            names.add(name);
            Cell c = f.count(ho[i], hh[i]);
            shown.add(c);
            rows.add(List.of(label(name), c, f.count(co[i], hc[i]), share(co[i], hc[i], ho[i], hh[i])));
        }
        long th = Arrays.stream(ho).sum();
        long tc = Arrays.stream(co).sum();
        rows.add(List.of(label("Total"), f.count(th, alone(th)), f.count(tc, alone(tc)), share(tc, false, th, false)));
        Table t = new Table("partners", tr("Orientations par type de partenaire", "Hand-offs by partner type"),
                header(tr("Type de partenaire", "Partner type"), tr("Orientés", "Handed off"),
                        tr("Orientation confirmée", "Confirmed"), tr("Part confirmée", "Share confirmed")), rows, true,
                tr("Partenaire de la première orientation du jeune. Jeunes comptés au mois de leur premier contact.",
                        "Partner of the young person's first hand-off. Young people counted in the month of their "
                                + "first contact."));
        String title = tr("Jeunes orientés par type de partenaire", "Young people handed off by partner type");
        Chart chart = new Chart("partners_chart", title, Chart.Kind.BAR, chartLabels(names, hh), values(ho, hh),
                tr("jeunes", "young people"), alt(title, names, shown));
        return new Section("partners", tr("Orientations vers les partenaires", "Hand-offs to partners"),
                ps.isEmpty() ? List.of(t) : List.of(chart, t));
    }

    // ---- 7. reply times ----------------------------------------------------------------------------

    String channel(String key) {
        if (key == null) {
            return tr("Non renseigné", "Not given");
        }
        return switch (key) {
            case "whatsapp" -> "WhatsApp";
            case "messenger" -> "Messenger";
            case "instagram_dm" -> tr("Instagram (messages)", "Instagram (direct messages)");
            case "tiktok_dm" -> tr("TikTok (messages)", "TikTok (direct messages)");
            case "snapchat" -> "Snapchat";
            case "sms" -> "SMS";
            case "chatbot" -> "Chatbot";
            case "phone" -> tr("Téléphone", "Phone");
            case "email" -> "E-mail";
            case "discord" -> "Discord";
            case "twitch" -> "Twitch";
            case "in_person" -> tr("En personne", "In person");
            case "other" -> tr("Autre", "Other");
            default -> key;
        };
    }

    private Section replies(Inputs in) {
        List<Reply> rs = in.replies();
        long[] n = rs.stream().mapToLong(Reply::contacted).toArray();
        long[] a = rs.stream().mapToLong(Reply::answered).toArray();
        boolean[] hn = Suppression.column(n, k, apply);
        boolean[] ha = Suppression.column(a, k, apply);
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            rows.add(replyRow(channel(rs.get(i).channel()), rs.get(i), hn[i], ha[i]));
        }
        Reply t = in.repliesTotal();
        rows.add(replyRow("Total", t, alone(t.contacted()), alone(t.answered())));
        Table table = new Table("replies", tr("Délai de première réponse", "Time to first reply"),
                header(tr("Canal du premier contact", "First contact channel"), tr("Premiers contacts", "First contacts"),
                        tr("Avec réponse", "Answered"), tr("Délai médian (min)", "Median (min)"),
                        tr("9e décile (min)", "90th percentile (min)"), tr("Réponse en 30 min ou moins",
                                "Answered within 30 min")), rows, true,
                tr("Minutes entre le premier contact d'un jeune et la première réponse d'un médiateur. La part en 30 "
                        + "minutes compte les contacts sans réponse comme hors délai. Délais masqués quand le groupe "
                        + "est trop petit.", "Minutes from a young person's first contact to a mediator's first "
                        + "reply. The share within 30 minutes counts unanswered contacts as late. Delays hidden when "
                        + "the group is too small."));
        return new Section("replies", tr("Délais de réponse", "Reply times"), List.of(table));
    }

    private List<Cell> replyRow(String name, Reply r, boolean hiddenN, boolean hiddenA) {
        boolean statsHidden = small(r.contacted(), hiddenN) || small(r.answered(), hiddenA);
        Cell med = r.median() == null ? f.none() : statsHidden ? f.secret()
                : f.minutes(BigDecimal.valueOf(r.median()));
        Cell p90 = r.p90() == null ? f.none() : statsHidden ? f.secret() : f.minutes(BigDecimal.valueOf(r.p90()));
        Cell within = r.contacted() == 0 ? f.none()
                : small(r.within30(), false) || small(r.contacted(), hiddenN) ? f.secret()
                : f.percent(Fmt.pct(r.within30(), r.contacted()));
        return List.of(label(name), f.count(r.contacted(), hiddenN), f.count(r.answered(), hiddenA), med, p90, within);
    }

    // ---- 8. methodology --------------------------------------------------------------------------

    private Section method(Inputs in) {
        List<Block> b = new ArrayList<>();
        b.add(new Text(null, tr("Définitions du contrat de données (version 1, section 3). Le temps est celui de "
                + "Paris : un jour ou un mois est un jour ou un mois civil à Paris.",
                "Definitions of the data contract (version 1, section 3). Time is Europe/Paris: a day or a month is "
                        + "a calendar day or month in Paris.")));
        b.add(new Text(tr("Personnes touchées", "Seen (people reached)"), tr("personnes exposées, d'après les "
                + "plateformes : la portée quand elle est fournie, sinon les impressions (signalé comme tel), plus les "
                + "vues organiques. Une estimation, jamais une somme de portées journalières présentée comme un nombre "
                + "de personnes uniques.", "people exposed, from the platforms: reach where given, else impressions "
                + "(marked as such), plus organic views. An estimate, never a sum of daily reach presented as unique "
                + "people.")));
        b.add(new Text(tr("Entrés en contact", "Contacted"), tr("jeunes distincts ayant un premier contact "
                + "(ou, à défaut, leur premier message entrant) dans la période.", "distinct young people with a first "
                + "contact (or, where it is missing, their earliest inbound event) in the period.")));
        b.add(new Text(tr("Accompagnés", "Accompanied"), tr("jeunes entrés en contact avec un début "
                + "d'accompagnement.", "contacted young people with an accompaniment start.")));
        b.add(new Text(tr("Orientés, orientation confirmée", "Handed off, confirmed"), tr("jeunes entrés en contact "
                + "orientés vers un partenaire ; confirmée quand le partenaire a confirmé l'arrivée du jeune.",
                "contacted young people handed off to a partner; confirmed when the partner confirmed the young person "
                        + "arrived.")));
        b.add(new Text(tr("Inconnus du service public de l'emploi (SPE)", "Previously unknown"), tr("jeune entré en "
                + "contact sans inscription au registre (France Travail, mission locale) antérieure au jour de son "
                + "premier contact. Une inscription postérieure au contact (souvent l'orientation elle-même) ne le rend "
                + "pas connu.", "a contacted young person with no registry entry (France Travail, mission locale) "
                + "dated strictly before the day of their first contact. An entry made after the contact (often the "
                + "hand-off itself) does not make them known.")));
        b.add(new Text(tr("Canal d'origine", "Source"), tr("dernier point de contact avec une plateforme ou une "
                + "création dans les 30 jours avant le premier contact ; sinon le code de parrainage ; sinon la source "
                + "déclarée ; sinon « non attribué ». Les points de contact postérieurs au premier contact ne comptent "
                + "jamais.", "the last touchpoint with a platform or creative in the 30 days before first contact; "
                + "else the referral code; else the declared source; else unattributed. Touches after the first "
                + "contact never count.")));
        b.add(new Text(tr("Cohortes", "Cohorts"), tr("chaque jeune est compté au mois de son premier contact ; "
                + "« accompagnés » d'une période = entrés en contact dans la période et accompagnés depuis. Les chiffres "
                + "d'une période passée peuvent donc encore augmenter.", "each young person is counted in the month of "
                + "their first contact; a period's “accompanied” = first contacted in the period and accompanied "
                + "since. Past periods' figures can therefore still grow.")));
        b.add(new Text(tr("Plusieurs projets", "Several projects"), tr("un jeune en contact avec deux projets compte "
                + "une fois dans chacun, et une fois dans les totaux du programme (à son premier contact).",
                "a young person in contact with two projects counts once in each, and once in programme totals (at "
                        + "their earliest first contact).")));
        b.add(new Text(tr("Coûts", "Costs"), tr("dépenses média déclarées par les plateformes, divisées par le nombre "
                + "de jeunes de la période à chaque étape.", "media spend declared by the platforms, divided by the "
                + "young people of the period at each step.")));
        b.add(new Text(tr("Délais de réponse", "Reply times"), tr("minutes entre le premier contact et la première "
                + "réponse d'un médiateur ; médiane et 9e décile exacts.", "minutes from first contact to a "
                + "mediator's first reply; exact median and 90th percentile.")));
        b.add(new Text(tr("Petits effectifs", "Small counts"), req.internal()
                ? tr("rapport à usage interne du projet : les effectifs ne sont pas masqués. Ne pas le diffuser hors "
                        + "du projet ; la version transmise au financeur applique la règle des petits effectifs.",
                        "report for the project's internal use: counts are not suppressed. Do not share it outside the "
                                + "project; the version sent to the funder applies the small-cell rule.")
                : tr("tout effectif de jeunes entre 1 et " + (k - 1) + " est affiché « < " + k + " » (règle des "
                        + "centres d'accès sécurisés aux données) ; zéro peut être affiché. Là où un total est publié, "
                        + "une seconde case est masquée pour qu'aucune case masquée ne puisse être recalculée. Les "
                        + "parts, évolutions et coûts calculés à partir d'un effectif masqué ou inférieur à " + k
                        + " sont masqués (« " + Fmt.SECRET + " »).",
                        "every count of young people from 1 to " + (k - 1) + " is shown as “< " + k + "” (the rule "
                                + "of secure data centres); zero may be shown. Wherever a total is published, a second "
                                + "cell is hidden so that no hidden cell can be recomputed. Shares, changes and costs "
                                + "computed from a hidden count or one under " + k + " are hidden (“" + Fmt.SECRET
                                + "”).")));
        return new Section("method", tr("Méthode", "Methodology"), b);
    }

    // ---- 9. data quality ---------------------------------------------------------------------------

    private Section quality(Inputs in) {
        List<List<Cell>> rows = new ArrayList<>();
        long[] tot = new long[5];
        for (FileStats s : in.files()) {
            rows.add(List.of(label(s.key()), f.plain(s.files()), f.plain(s.refused()), f.plain(s.rowsRead()),
                    f.plain(s.rowsRejected()), f.plain(s.rowsKept())));
            tot[0] += s.files();
            tot[1] += s.refused();
            tot[2] += s.rowsRead();
            tot[3] += s.rowsRejected();
            tot[4] += s.rowsKept();
        }
        rows.add(List.of(label("Total"), f.plain(tot[0]), f.plain(tot[1]), f.plain(tot[2]), f.plain(tot[3]),
                f.plain(tot[4])));
        Table files = new Table("files", tr("Fichiers lus par l'exécution ", "Files read by run ") + in.runId(),
                header(req.project() == null ? tr("Projet", "Project") : tr("Jeu de données", "Dataset"),
                        tr("Fichiers", "Files"), tr("Refusés", "Refused"), tr("Lignes lues", "Rows read"),
                        tr("Lignes rejetées", "Rows rejected"), tr("Lignes gardées", "Rows kept")), rows, true,
                tr("Des lignes et des fichiers, pas des personnes : pas de masquage.",
                        "Rows and files, not people: not suppressed."));
        List<List<Cell>> rj = new ArrayList<>();
        for (RejectStats s : in.rejects()) {
            rj.add(List.of(label(s.reason()), label(s.dataset()), f.plain(s.rows()), f.plain(s.files())));
        }
        Table rejects = new Table("rejects", tr("Rejets par motif", "Rejections by reason"), header(tr("Motif", "Reason"),
                tr("Jeu de données", "Dataset"), tr("Lignes rejetées", "Rows rejected"),
                tr("Fichiers refusés", "Files refused")), rj, false,
                tr("Motifs stables du contrat (table rejects) ; aucune valeur rejetée n'est reproduite.",
                        "The contract's stable reason codes (rejects table); no rejected value is ever shown."));
        return new Section("quality", tr("Qualité des données", "Data quality"), List.of(files, rejects));
    }
}
