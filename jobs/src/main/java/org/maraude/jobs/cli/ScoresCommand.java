package org.maraude.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.maraude.jobs.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maraude scores --project P}: the ranked creatives and channels of a project from the
 * published warehouse ({@code <out>/warehouse.duckdb}, read-only; no Spark). {@code --project '*'}
 * shows channels across projects. Methodology of the columns: {@code docs/metrics.md}.
 */
@Command(name = "scores", mixinStandardHelpOptions = true,
        description = "Show a project's ranked creatives and channels from the published warehouse.")
final class ScoresCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--project", required = true, paramLabel = "P", description = "project id, or '*' for channels across projects")
    String project;

    @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "creatives shown (default ${DEFAULT-VALUE})")
    int top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        PrintWriter out = spec.commandLine().getOut();
        Path db = Path.of(options.load().out()).resolve(Warehouse.DB_FILE);
        if (!Files.exists(db)) {
            out.println("no published warehouse at " + db);
            out.flush();
            return Maraude.FAILED;
        }
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), ro)) {
            List<List<String>> channels = query(c, "SELECT coalesce(CAST(rank AS VARCHAR), '-'), platform, contacted, "
                    + "contacted_unknown, unknown_share, unknown_share_lo, unknown_share_hi, cost_eur, cost_per_unknown, "
                    + "cost_per_unknown_lo, cost_per_unknown_hi, prob_best, enough_evidence, trend "
                    + "FROM channel_scores WHERE project_id = ? ORDER BY rank NULLS LAST, platform", project, Integer.MAX_VALUE);
            List<List<String>> creatives = query(c, "SELECT CAST(rank AS VARCHAR), creative_id, platform, label, contacted, "
                    + "contacted_unknown, unknown_share, unknown_share_lo, unknown_share_hi, cost_eur, cost_per_unknown, "
                    + "cost_per_unknown_lo, cost_per_unknown_hi, prob_best, enough_evidence, trend "
                    + "FROM creative_scores WHERE project_id = ? ORDER BY rank NULLS LAST, creative_id", project, top);
            if (channels.isEmpty() && creatives.isEmpty()) {
                out.println("no scores for project '" + clean(project, 40) + "'; projects: " + String.join(", ",
                        query(c, "SELECT DISTINCT project_id FROM channel_scores WHERE project_id <> ? ORDER BY 1", "*",
                                Integer.MAX_VALUE).stream().map(r -> r.get(0)).toList()));
                out.flush();
                return Maraude.USAGE;
            }
            String run = query(c, "SELECT max(run_id) FROM creative_scores", null, 1).get(0).get(0);
            out.println("Scores of " + (project.equals("*") ? "all projects" : clean(project, 40)) + " (run " + run
                    + "). Share unknown: previously unknown among contacts, 95% interval; cost: spend + allocated costs.");
            if (!creatives.isEmpty()) {
                out.println();
                out.println("Creatives (first " + top + ", best first; * = at least the minimum evidence)");
                print(out, List.of("#", "creative", "platform", "label", "contacts", "unknown", "share unknown",
                        "cost €", "€ per unknown", "P(best)", "trend"), creatives.stream().map(r -> List.of(r.get(0),
                        clean(r.get(1), 24) + ("true".equals(r.get(14)) ? " *" : ""), nz(r.get(2)), clean(r.get(3), 28),
                        r.get(4), r.get(5), share(r.get(6), r.get(7), r.get(8)), money(r.get(9)),
                        interval(r.get(10), r.get(11), r.get(12)), pct(r.get(13)), nz(r.get(15)))).toList());
            }
            if (!channels.isEmpty()) {
                out.println();
                out.println("Channels (best first)");
                print(out, List.of("#", "channel", "contacts", "unknown", "share unknown", "cost €", "€ per unknown",
                        "P(best)", "trend"), channels.stream().map(r -> List.of(r.get(0),
                        nz(r.get(1)) + ("true".equals(r.get(12)) ? " *" : ""), r.get(2), r.get(3),
                        share(r.get(4), r.get(5), r.get(6)), money(r.get(7)), interval(r.get(8), r.get(9), r.get(10)),
                        pct(r.get(11)), nz(r.get(13)))).toList());
            }
            out.flush();
        }
        return Maraude.OK;
    }

    private static List<List<String>> query(Connection c, String sql, String param, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (param != null) {
                s.setString(1, param);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next() && rows.size() < limit) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(r.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Text from the projects' files, made safe for a terminal (no control characters) and cut to a width. */
    static String clean(String s, int width) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) || cp == 0x7f ? '?' : cp));
        String t = b.toString().strip();
        return t.codePointCount(0, t.length()) <= width ? t
                : t.substring(0, t.offsetByCodePoints(0, width - 1)) + "…";
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    private static String pct(String v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * Double.parseDouble(v));
    }

    private static String share(String p, String lo, String hi) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.0f%% [%.0f–%.0f]", 100 * Double.parseDouble(p),
                100 * Double.parseDouble(lo), 100 * Double.parseDouble(hi));
    }

    private static String money(String v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,.0f", Double.parseDouble(v)).replace(',', ' ');
    }

    private static String interval(String p, String lo, String hi) {
        if (p == null) {
            return lo == null ? "-" : "≥ " + money(lo);
        }
        return money(p) + " [" + money(lo) + "–" + (hi == null ? "∞" : money(hi)) + "]";
    }

    /** A plain text table: left-aligned text, right-aligned numbers. */
    static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (int k = 0; k < all.size(); k++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                String v = all.get(k).get(i);
                String pad = " ".repeat(w[i] - v.codePointCount(0, v.length()));
                boolean numeric = k > 0 && !v.isEmpty() && (Character.isDigit(v.charAt(0)) || v.equals("-")
                        || v.startsWith("≥")) && !Character.isLetter(v.charAt(v.length() - 1));
                b.append(i == 0 ? "" : "  ").append(numeric ? pad + v : v + pad);
            }
            out.println(b.toString().stripTrailing());
            if (k == 0) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < w.length; i++) {
                    line.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
                }
                out.println(line);
            }
        }
    }
}
