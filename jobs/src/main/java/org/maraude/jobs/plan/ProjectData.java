package org.maraude.jobs.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What planning needs of one project, for one objective: the weekly spend history of each paid
 * channel (weeks aligned from {@code firstWeek}; {@code days} = days of each week inside the data),
 * the channel curves (fitted or refused) with their draws, and the school-calendar term indices.
 * Built the same way from the nightly run's rows and from the published warehouse.
 */
public record ProjectData(String projectId, Objective objective, LocalDate firstWeek, int[] days, double[] season,
        Map<String, double[]> spend, Map<String, PlanTables.Curve> curves, Map<String, List<ResponseCurve>> draws) {

    public int n() {
        return days.length;
    }

    public LocalDate dataEnd() {
        return firstWeek.plusWeeks(n() - 1).plusDays(Math.max(1, days[n() - 1]) - 1L);
    }

    /** The Monday after the week holding the last day of data. */
    public LocalDate nextWeek() {
        return firstWeek.plusWeeks(n());
    }

    /** The project's channel-level rows (theme null) of the three tables; null if the project has none. */
    public static ProjectData of(String projectId, Objective objective, List<PlanTables.Curve> curves,
            List<PlanTables.Draw> draws, List<PlanTables.Week> weeks) {
        List<PlanTables.Week> w = weeks.stream().filter(r -> r.projectId().equals(projectId) && r.theme() == null)
                .toList();
        if (w.isEmpty()) {
            return null;
        }
        LocalDate first = w.stream().map(PlanTables.Week::weekStart).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = w.stream().map(PlanTables.Week::weekStart).max(LocalDate::compareTo).orElseThrow();
        int n = (int) ChronoUnit.WEEKS.between(first, last) + 1;
        int[] days = new int[n];
        Map<String, double[]> spend = new TreeMap<>();
        for (PlanTables.Week r : w) {
            int i = (int) ChronoUnit.WEEKS.between(first, r.weekStart());
            days[i] = Math.max(days[i], r.days());
            spend.computeIfAbsent(r.channel(), c -> new double[n])[i] += r.spendEur();
        }
        Map<String, PlanTables.Curve> cs = new TreeMap<>();
        double[] season = SchoolSeasons.flat();
        for (PlanTables.Curve c : curves) {
            if (c.projectId().equals(projectId) && c.theme() == null && c.objective().equals(objective.code())) {
                cs.put(c.channel(), c);
                season = c.season();
            }
        }
        Map<String, List<ResponseCurve>> ds = new TreeMap<>();
        List<PlanTables.Draw> sorted = new ArrayList<>(draws.stream().filter(d -> d.projectId().equals(projectId)
                && d.theme() == null && d.objective().equals(objective.code())).toList());
        sorted.sort(java.util.Comparator.comparingInt(PlanTables.Draw::draw));
        for (PlanTables.Draw d : sorted) {
            ds.computeIfAbsent(d.channel(), c -> new ArrayList<>()).add(d.curve());
        }
        return new ProjectData(projectId, objective, first, days, season, spend, cs, ds);
    }
}
