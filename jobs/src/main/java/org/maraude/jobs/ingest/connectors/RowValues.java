package org.maraude.jobs.ingest.connectors;

import java.math.BigDecimal;
import java.time.DateTimeException;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.connectors.NativeTable.NativeRow;

/**
 * Typed access to the cells of one native row, applying the shared rules: nulls ({@code --},
 * empty), masked values ({@code <5}), French or English numbers, negative values. Problems are
 * thrown as {@link RowProblem} naming the file's header, never the value.
 */
final class RowValues {

    /** What a missing metric means. */
    enum Need {
        /** Nullable in the contract: empty or masked gives null. */
        OPTIONAL,
        /** Not nullable, and platforms print nothing for zero: empty gives 0, masked is a problem. */
        ZERO_IF_EMPTY,
        /** Not nullable: empty or masked is a problem. */
        REQUIRED
    }

    private final NativeTable table;
    private final NativeRow row;
    private final boolean decimalComma;
    private final ParseStats stats;

    /** Counts kept over a file, for the log line that ends a parse. */
    static final class ParseStats {
        long maskedToNull;
    }

    RowValues(NativeTable table, NativeRow row, boolean decimalComma, ParseStats stats) {
        this.table = table;
        this.row = row;
        this.decimalComma = decimalComma;
        this.stats = stats;
    }

    /** The stripped cell, or null when the column is absent or the cell is a null spelling. */
    String text(int index) {
        String c = row.cell(index);
        return NativeValues.isNull(c) ? null : c;
    }

    /** A required text cell. */
    String requireText(int index) {
        String t = text(index);
        if (t == null) {
            throw new RowProblem(table.headerName(index), RejectReason.MISSING_VALUE, "required value is empty");
        }
        return t;
    }

    /** A whole number ≥ 0 (see {@link Need}); null only for OPTIONAL. */
    Long count(int index, Need need) {
        BigDecimal d = number(index, need);
        if (d == null) {
            return null;
        }
        try {
            return d.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new RowProblem(table.headerName(index), RejectReason.BAD_NUMBER, "value is not a whole number");
        }
    }

    /** A decimal ≥ 0 (see {@link Need}); null only for OPTIONAL. */
    BigDecimal amount(int index, Need need) {
        return number(index, need);
    }

    private BigDecimal number(int index, Need need) {
        String c = row.cell(index);
        String column = table.headerName(index);
        if (index < 0 || NativeValues.isNull(c)) {
            return switch (need) {
                case OPTIONAL -> null;
                case ZERO_IF_EMPTY -> BigDecimal.ZERO;
                case REQUIRED -> throw new RowProblem(column, RejectReason.MISSING_VALUE, "required value is empty");
            };
        }
        if (NativeValues.isMasked(c)) {
            if (need == Need.OPTIONAL) {
                stats.maskedToNull++;
                return null;
            }
            throw new RowProblem(column, RejectReason.MASKED_VALUE,
                    "value is masked by the platform (small count) where the contract needs a number");
        }
        BigDecimal d;
        try {
            d = NativeValues.parseNumber(c, decimalComma);
        } catch (NumberFormatException e) {
            throw new RowProblem(column, RejectReason.BAD_NUMBER, "value is not a number (" + e.getMessage() + ")");
        }
        if (d.signum() < 0) {
            throw new RowProblem(column, RejectReason.NEGATIVE_VALUE, "value is negative");
        }
        return d;
    }

    /** A required date cell. */
    NativeValues.PartialDate date(int index) {
        String c = requireText(index);
        try {
            return NativeValues.parseDate(c);
        } catch (DateTimeException e) {
            throw new RowProblem(table.headerName(index), RejectReason.BAD_DATE,
                    "value is not a date (YYYY-MM-DD, DD/MM/YYYY, Jan 8, 2025 or 12 avril 2025)");
        }
    }

    /** A required full date. */
    java.time.LocalDate fullDate(int index) {
        NativeValues.PartialDate d = date(index);
        if (d.year() == null) {
            throw new RowProblem(table.headerName(index), RejectReason.BAD_DATE, "date has no year");
        }
        return d.toLocalDate();
    }

    /**
     * An id from the id column when it has a value, else the slug of the name column; the problem
     * names the name column when both are empty. An id that Excel wrote in scientific notation
     * has lost digits and is refused.
     */
    String idOrSlug(int idIndex, int nameIndex) {
        String id = text(idIndex);
        if (id != null) {
            if (NativeValues.isScientificId(id)) {
                throw new RowProblem(table.headerName(idIndex), RejectReason.BAD_VALUE,
                        "id is in scientific notation (the file went through a spreadsheet): digits are lost");
            }
            return id;
        }
        String name = text(nameIndex);
        if (name == null) {
            throw new RowProblem(table.headerName(nameIndex >= 0 ? nameIndex : idIndex), RejectReason.MISSING_VALUE,
                    "required value is empty");
        }
        return NativeValues.slug(name);
    }

    /** The name when present, else the id. */
    String nameOrId(int nameIndex, int idIndex) {
        String name = text(nameIndex);
        return name != null ? name : text(idIndex);
    }

    NativeRow row() {
        return row;
    }

    /** The file's header for a column, for issues. */
    String column(int index) {
        return table.headerName(index);
    }
}
