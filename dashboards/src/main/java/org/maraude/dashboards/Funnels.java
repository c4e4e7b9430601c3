package org.maraude.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The funnel counts (contract §3) read from {@code funnel_monthly} (per project) and
 * {@code funnel_monthly_programme} (a youth counts once across projects), summed over a scope:
 * the whole programme, a project, a month, a source platform or a creative.
 */
final class Funnels {
    private Funnels() {}

    /** Stages after contact, in funnel order (column names of the funnel tables). */
    static final String[] STAGES = {"contacted", "accompanied", "handed_off", "handoff_confirmed"};
    static final int CONTACTED = 0;
    static final int ACCOMPANIED = 1;
    static final int HANDED_OFF = 2;
    static final int CONFIRMED = 3;

    /** One scope's figures; {@code stage[i]} and {@code unknown[i]} follow {@link #STAGES}. */
    record Counts(String key, long seen, Set<String> seenBasis, long clicks, double spend, long[] stage, long[] unknown) {
        long contacted() {
            return stage[CONTACTED];
        }
    }

    static String[] stageNames(Ctx ctx) {
        return ctx.fr ? new String[] {"Entrés en contact", "Accompagnés", "Orientés", "Orientation confirmée"}
                : new String[] {"Contacted", "Accompanied", "Handed off", "Hand-off confirmed"};
    }

    static String unknownName(Ctx ctx) {
        return ctx.t("dont inconnus du SPE", "of whom previously unknown");
    }

    /** Sums by {@code groupBy} (a column of the table, or null for one row) with an optional project filter. */
    static List<Counts> query(Ctx ctx, String table, String groupBy, String project) {
        if (!ctx.db.hasTable(table)) {
            return List.of();
        }
        Set<String> cols = ctx.db.columns(table);
        StringBuilder sql = new StringBuilder("SELECT ").append(groupBy == null ? "NULL" : groupBy).append(" AS k, ")
                .append("coalesce(sum(seen), 0) AS seen, string_agg(DISTINCT seen_basis, '+') AS basis, ")
                .append("coalesce(sum(clicks), 0) AS clicks, coalesce(sum(spend_eur), 0) AS spend");
        for (String s : STAGES) {
            sql.append(", coalesce(sum(").append(s).append("), 0) AS ").append(s);
            String u = s.equals("contacted") ? "contacted_unknown" : s + "_unknown";
            sql.append(", ").append(cols.contains(u) ? "coalesce(sum(" + u + "), 0)" : "0").append(" AS u_").append(s);
        }
        sql.append(" FROM ").append(table);
        List<Object> params = new ArrayList<>();
        if (project != null) {
            sql.append(" WHERE project_id = ?");
            params.add(project);
        }
        if (groupBy != null) {
            sql.append(" GROUP BY 1 ORDER BY 1 NULLS LAST");
        }
        List<Counts> out = new ArrayList<>();
        for (Db.Row r : ctx.db.query(sql.toString(), params.toArray())) {
            long[] st = new long[STAGES.length];
            long[] un = new long[STAGES.length];
            for (int i = 0; i < STAGES.length; i++) {
                st[i] = r.lng(STAGES[i]);
                un[i] = r.lng("u_" + STAGES[i]);
            }
            Set<String> basis = new LinkedHashSet<>();
            String b = r.str("basis");
            if (b != null) {
                for (String part : b.split("\\+")) {
                    basis.add(part);
                }
            }
            out.add(new Counts(r.str("k"), r.lng("seen"), basis, r.lng("clicks"), r.dbl("spend"), st, un));
        }
        return out;
    }

    /** The whole programme (one row, zero when the table is empty). */
    static Counts programme(Ctx ctx) {
        List<Counts> l = query(ctx, "funnel_monthly_programme", null, null);
        return l.isEmpty() ? empty(null) : l.get(0);
    }

    static Counts project(Ctx ctx, String project) {
        List<Counts> l = query(ctx, "funnel_monthly", null, project);
        return l.isEmpty() ? empty(project) : l.get(0);
    }

    static Counts empty(String key) {
        return new Counts(key, 0, Set.of(), 0, 0, new long[STAGES.length], new long[STAGES.length]);
    }

    static Map<String, Counts> byKey(List<Counts> l) {
        Map<String, Counts> m = new LinkedHashMap<>();
        l.forEach(c -> m.put(c.key(), c));
        return m;
    }

    /** Rows × stages matrices of a list of scopes, for the small-cell rule. */
    static long[][] totals(List<Counts> l) {
        return l.stream().map(Counts::stage).toArray(long[][]::new);
    }

    static long[][] unknowns(List<Counts> l) {
        return l.stream().map(Counts::unknown).toArray(long[][]::new);
    }

    /** The seen basis as words: an estimate, never a sum of daily reach presented as unique people. */
    static String basisNote(Ctx ctx, Set<String> basis) {
        if (basis.isEmpty()) {
            return ctx.t("aucune diffusion déclarée", "no delivery reported");
        }
        List<String> words = new ArrayList<>();
        for (String b : basis) {
            words.add(switch (b) {
                case "reach" -> ctx.t("portée", "reach");
                case "impressions" -> ctx.t("impressions (portée non fournie)", "impressions (reach not given)");
                case "views" -> ctx.t("vues organiques", "organic views");
                default -> b;
            });
        }
        return ctx.t("estimation à partir de : ", "estimate from: ") + String.join(", ", words);
    }
}
