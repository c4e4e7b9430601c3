package org.maraude.jobs.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * A planning question: split {@code budgetEur} (null: what the project spent in the last
 * {@code weeks} complete weeks) over {@code weeks} weeks starting {@code start} (null: the Monday
 * after the project's data ends), maximising {@code objective}, with optional per-channel
 * minimum and maximum totals (€ over the whole period).
 */
public record PlanRequest(String projectId, String scenario, Objective objective, BigDecimal budgetEur, int weeks,
        LocalDate start, Map<String, BigDecimal> minEur, Map<String, BigDecimal> maxEur) {
    public static final String DEFAULT_SCENARIO = "default";
    public static final int DEFAULT_WEEKS = 12;

    public PlanRequest {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("a project is required");
        }
        scenario = scenario == null || scenario.isBlank() ? DEFAULT_SCENARIO : scenario;
        objective = objective == null ? Objective.DEFAULT : objective;
        if (weeks < 1 || weeks > 104) {
            throw new IllegalArgumentException("weeks must be between 1 and 104: " + weeks);
        }
        if (budgetEur != null && budgetEur.signum() <= 0) {
            throw new IllegalArgumentException("the budget must be positive: " + budgetEur.toPlainString());
        }
        if (budgetEur != null && budgetEur.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("the budget has more than two decimals: " + budgetEur.toPlainString());
        }
        minEur = new TreeMap<>(minEur == null ? Map.of() : minEur);
        maxEur = new TreeMap<>(maxEur == null ? Map.of() : maxEur);
        for (Map<String, BigDecimal> m : java.util.List.of(minEur, maxEur)) {
            m.forEach((ch, v) -> {
                if (v.signum() < 0 || v.stripTrailingZeros().scale() > 2) {
                    throw new IllegalArgumentException("bound for " + ch + " must be a non-negative amount in euros "
                            + "with at most two decimals: " + v.toPlainString());
                }
            });
        }
    }

    /** The nightly default plan of a project: its recent spend over the next 12 weeks, for contacted_unknown. */
    public static PlanRequest defaults(String projectId) {
        return new PlanRequest(projectId, DEFAULT_SCENARIO, Objective.DEFAULT, null, DEFAULT_WEEKS, null, Map.of(),
                Map.of());
    }
}
