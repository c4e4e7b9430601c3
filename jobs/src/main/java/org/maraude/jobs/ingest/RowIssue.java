package org.maraude.jobs.ingest;

/**
 * One problem found in one row: the physical line of the file (1-based, the header is line 1),
 * the column concerned (may be null), the reason and a message that never repeats the value.
 */
public record RowIssue(long line, String column, RejectReason reason, String message) {}
