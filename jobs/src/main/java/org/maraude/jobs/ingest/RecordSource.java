package org.maraude.jobs.ingest;

import java.util.List;

/** Records of one input file, as text cells with the physical line (or row number) they start on. */
interface RecordSource {
    /** The header, or null when the file has none. */
    List<String> header();

    /** The next record, or null at the end. */
    CsvRecords.Record next();

    /** Problems the reader found on its own (native connectors), reported before the records. */
    default List<RowIssue> issues() {
        return List.of();
    }
}
