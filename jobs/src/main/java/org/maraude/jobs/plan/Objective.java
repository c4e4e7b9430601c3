package org.maraude.jobs.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a plan maximises: young people first contacted in the week (contract §3), and among them
 * those previously unknown, accompanied or handed off. Accompaniment and hand-off come weeks after
 * the first contact, so their share is measured on contacts at least {@link #maturityWeeks} old.
 */
public enum Objective {
    CONTACTED("contacted", 0),
    CONTACTED_UNKNOWN("contacted_unknown", 0),
    ACCOMPANIED("accompanied", 13),
    HANDED_OFF("handed_off", 13);

    public static final Objective DEFAULT = CONTACTED_UNKNOWN;

    private final String code;
    private final int maturityWeeks;

    Objective(String code, int maturityWeeks) {
        this.code = code;
        this.maturityWeeks = maturityWeeks;
    }

    public String code() {
        return code;
    }

    public int maturityWeeks() {
        return maturityWeeks;
    }

    public static Objective parse(String s) {
        for (Objective o : values()) {
            if (o.code.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + s + "' (one of "
                + Arrays.stream(values()).map(Objective::code).collect(Collectors.joining(", ")) + ")");
    }
}
