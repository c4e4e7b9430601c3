package org.maraude.jobs.ingest;

import java.util.List;

/** Records of one input file, as text cells with the physical line (or row number) they start on. */
interface RecordSource {
    /** The header, or null when the file has none. */
    List<String> header();

    /** The next record, or null at the end. */
    CsvRecords.Record next();
}
