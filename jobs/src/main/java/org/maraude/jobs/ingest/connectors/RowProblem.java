package org.maraude.jobs.ingest.connectors;

import org.maraude.jobs.ingest.RejectReason;
import org.maraude.jobs.ingest.RowIssue;

/** Thrown while mapping one row; becomes that row's {@link RowIssue}. Carries no cell value. */
final class RowProblem extends RuntimeException {
    private final String column;
    private final RejectReason reason;

    RowProblem(String column, RejectReason reason, String message) {
        super(message, null, false, false);
        this.column = column;
        this.reason = reason;
    }

    RowIssue toIssue(long line) {
        return new RowIssue(line, column, reason, getMessage());
    }
}
