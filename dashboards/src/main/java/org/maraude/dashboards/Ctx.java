package org.maraude.dashboards;

import java.nio.file.Path;
import java.time.Instant;
import org.maraude.dashboards.SmallCells.Mask;

/**
 * What every page of one rendering shares: the warehouse, the output folder, the language, the
 * small-cell threshold and the run being shown; and the cells built from them.
 */
final class Ctx {
    /** The run whose tables are shown. */
    record Run(String id, Instant startedAt, String outcome, int contractVersion) {}

    final Db db;
    final Path outDir;
    final boolean fr;
    final int k;
    final int lowEvidence;
    final boolean projectPages;
    final Format fmt;
    final Run run;

    Ctx(Db db, Path outDir, Dashboards.Options o, Run run) {
        this.db = db;
        this.outDir = outDir;
        this.fr = !"en".equalsIgnoreCase(o.lang());
        this.k = o.k();
        this.lowEvidence = o.lowEvidence();
        this.projectPages = o.projectPages();
        this.fmt = Format.of(fr);
        this.run = run;
    }

    String t(String french, String english) {
        return fr ? french : english;
    }

    String lang() {
        return fr ? "fr" : "en";
    }

    /** The source line under every chart. */
    String source() {
        return t("Source : entrepôt maraude, exécution ", "Source: maraude warehouse, run ") + run.id();
    }

    /** The text of a hidden figure. */
    String hiddenText(long n, Mask m) {
        return m == Mask.SMALL ? "< " + k : "s";
    }

    /** A count as shown: exact, or masked by the small-cell rule. */
    Cell count(long n, Mask m) {
        return m == null || m == Mask.SHOWN ? Cell.number(fmt.count(n), Long.toString(n), n) : Cell.hidden(hiddenText(n, m));
    }

    Cell count(long n) {
        return count(n, Mask.SHOWN);
    }

    /** A count's label on a chart (a hidden bar is drawn at 0 with this label). */
    String chartLabel(long n, Mask m) {
        return m == null || m == Mask.SHOWN ? fmt.count(n) : hiddenText(n, m);
    }

    static boolean hidden(Mask m) {
        return m != null && m != Mask.SHOWN;
    }

    /** part / whole as a percentage; hidden ("s") when either count is hidden, "—" when whole is 0. */
    Cell share(long part, long whole, boolean hidden) {
        if (hidden) {
            return Cell.hidden("s");
        }
        if (whole == 0) {
            return Cell.empty();
        }
        double s = (double) part / whole;
        return Cell.number(fmt.percent(s), Double.toString(round(s, 6)), s);
    }

    /** A share (0..1) already computed. */
    Cell percent(double share) {
        return Cell.number(fmt.percent(share), Double.toString(round(share, 6)), share);
    }

    Cell euros(double v) {
        return Cell.number(fmt.euros(v), Double.toString(round(v, 2)), v);
    }

    /** Spend per outcome; hidden when the count is; "—" when no outcome or no spend recorded. */
    Cell costPer(double spend, long n, boolean hidden) {
        if (hidden) {
            return Cell.hidden("s");
        }
        if (n == 0 || spend <= 0) {
            return Cell.empty();
        }
        return euros(spend / n);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** The legend of masked figures, under every funder-facing table that may contain them. */
    String maskLegend() {
        return t("« < " + k + " » : entre 1 et " + (k - 1) + " jeunes, non affiché (règle des petits effectifs). "
                        + "« s » : masqué pour qu'un total ne permette pas de retrouver un chiffre caché "
                        + "(secret secondaire) ; les parts et coûts qui en dépendent sont masqués aussi. "
                        + "Sur les graphiques, une valeur masquée est tracée à 0 avec son étiquette.",
                "“< " + k + "”: between 1 and " + (k - 1) + " young people, not shown (small-cell rule). "
                        + "“s”: hidden so that a total cannot reveal a hidden figure (secondary suppression); "
                        + "shares and costs that depend on it are hidden too. "
                        + "On charts, a hidden value is drawn at 0 with its label.");
    }
}
