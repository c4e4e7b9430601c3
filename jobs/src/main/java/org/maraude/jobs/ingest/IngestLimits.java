package org.maraude.jobs.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * Bounds and settings applied while reading untrusted files.
 *
 * @param maxCellChars a longer cell rejects its row (VALUE_TOO_LONG)
 * @param maxColumns a wider header rejects the file (TOO_MANY_COLUMNS)
 * @param minDate earliest plausible date or timestamp (DATE_OUT_OF_RANGE before it)
 * @param maxDate latest plausible date or timestamp
 * @param maxGzipRatio decompressed/compressed size beyond which a .gz is refused (GZIP_BOMB)
 * @param metaDefaultPlatform platform of Meta exports that have no platform column
 */
public record IngestLimits(int maxCellChars, int maxColumns, LocalDate minDate, LocalDate maxDate,
        int maxGzipRatio, String metaDefaultPlatform) implements Serializable {

    public static IngestLimits defaults() {
        return new IngestLimits(1000, 500, LocalDate.of(2000, 1, 1), LocalDate.of(2035, 12, 31), 200, "facebook");
    }
}
