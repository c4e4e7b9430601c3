package org.maraude.jobs.ingest;

/** A whole input file is refused. The message names the rule, never a cell value. */
public class FileRejectedException extends RuntimeException {
    private final RejectReason reason;

    public FileRejectedException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
