package org.maraude.jobs.contract;

import java.util.Set;

/**
 * One column of a contract dataset.
 *
 * @param values allowed values of an ENUM column (empty otherwise)
 * @param strict for ENUM: an unknown value rejects the row instead of becoming {@code other}
 */
public record Column(String name, ColumnType type, boolean required, Set<String> values, boolean strict) {

    public static Column req(String name, ColumnType type) {
        return new Column(name, type, true, Set.of(), false);
    }

    public static Column opt(String name, ColumnType type) {
        return new Column(name, type, false, Set.of(), false);
    }

    public static Column reqEnum(String name, Set<String> values) {
        return new Column(name, ColumnType.ENUM, true, values, false);
    }

    public static Column optEnum(String name, Set<String> values) {
        return new Column(name, ColumnType.ENUM, false, values, false);
    }

    public static Column strictEnum(String name, Set<String> values) {
        return new Column(name, ColumnType.ENUM, true, values, true);
    }
}
