package org.maraude.jobs.ingest;

import java.util.Locale;

/** Things kept but reported (the {@code ingest_warnings} table): the row is counted. */
public enum IngestWarning {
    UNKNOWN_ENUM_VALUE("value is not in the contract's list; kept as 'other'"),
    UNKNOWN_COLUMN("column is not in the contract; ignored"),
    INVALID_DEPT("département code is not an INSEE code; kept as null");

    private final String description;

    IngestWarning(String description) {
        this.description = description;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}
