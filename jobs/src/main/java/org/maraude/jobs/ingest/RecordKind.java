package org.maraude.jobs.ingest;

/** What a staged record is: a contract row, a rejected row, a warning, or a file's summary. */
public enum RecordKind {
    ROW, REJECT, WARNING, FILE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
