package org.maraude.jobs.ingest.connectors;

import java.util.function.Consumer;
import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.RowIssue;
import org.maraude.jobs.ingest.connectors.NativeTable.NativeRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The row loop every connector shares: blank rows, totals rows, ragged rows, row problems. */
final class Rows {
    private static final Logger LOG = LoggerFactory.getLogger(Rows.class);

    private Rows() {}

    /** Maps one row; throws {@link RowProblem} to refuse it. */
    interface Mapper {
        void map(RowValues values);
    }

    /**
     * Runs {@code mapper} on each data row. Blank rows are skipped silently; totals rows become a
     * {@code TOTAL_ROW} issue (they are not data, and say so in the rejects); a row with fewer
     * cells than the header, or more non-blank cells, is {@code MALFORMED_ROW}; at most one issue
     * per row.
     */
    static RowValues.ParseStats forEach(NativeTable table, boolean decimalComma, Consumer<RowIssue> issues,
            Mapper mapper) {
        RowValues.ParseStats stats = new RowValues.ParseStats();
        int width = table.header().size();
        for (NativeRow row : table.rows()) {
            if (row.isBlank()) {
                continue;
            }
            if (NativeValues.isTotalsRow(row.cells())) {
                issues.accept(new RowIssue(row.line(), null, RejectReason.TOTAL_ROW, "totals row of the export, not data"));
                continue;
            }
            if (row.cells().size() < width || hasExtraCells(row, width)) {
                issues.accept(new RowIssue(row.line(), null, RejectReason.MALFORMED_ROW,
                        "row has " + row.cells().size() + " cells, the header " + width));
                continue;
            }
            try {
                mapper.map(new RowValues(table, row, decimalComma, stats));
            } catch (RowProblem p) {
                issues.accept(p.toIssue(row.line()));
            }
        }
        return stats;
    }

    private static boolean hasExtraCells(NativeRow row, int width) {
        for (int i = width; i < row.cells().size(); i++) {
            if (!row.cells().get(i).isBlank()) {
                return true;
            }
        }
        return false;
    }

    static void logStats(String tool, String fileName, RowValues.ParseStats stats) {
        if (stats.maskedToNull > 0) {
            LOG.info("{} export {}: {} masked values (<n) read as null in nullable columns", tool, fileName,
                    stats.maskedToNull);
        }
    }
}
