package org.maraude.jobs.ingest;

/**
 * Stable reason codes of the {@code rejects} table. The code is what data staff filter on and
 * what alerts count; never rename one (add a new code instead). File-level reasons reject a whole
 * file, row-level reasons one row. Messages that go with a code never repeat an input value.
 */
public enum RejectReason {
    // whole file
    UNKNOWN_DATASET(true, "folder is not a dataset of the data contract"),
    BAD_PROJECT_ID(true, "project folder breaks the slug rule [a-z0-9][a-z0-9-]{1,39}"),
    UNSUPPORTED_FORMAT(true, "file is not .csv, .csv.gz or .parquet"),
    UNREADABLE(true, "file could not be read"),
    NOT_UTF8(true, "file is not valid UTF-8"),
    MOJIBAKE(true, "file looks like UTF-8 decoded as Latin-1 (mojibake)"),
    NOT_CSV(true, "file is not a CSV the contract can read"),
    EMPTY_FILE(true, "file has no header row"),
    MISSING_COLUMN(true, "a required column is missing"),
    DUPLICATE_COLUMN(true, "a column name appears twice in the header"),
    TOO_MANY_COLUMNS(true, "header has more columns than the limit"),
    GZIP_BOMB(true, "compressed file expands beyond the allowed ratio"),
    CORRUPT_COMPRESSION(true, "compressed file is truncated or corrupt"),
    NATIVE_UNMAPPED(true, "native export could not be mapped to a contract dataset"),
    SYMLINK_OUTSIDE(true, "symbolic link points outside the inbox (not followed)"),
    // one row
    MALFORMED_ROW(false, "row does not parse as CSV (quote or column count)"),
    MISSING_VALUE(false, "a required value is empty"),
    BAD_NUMBER(false, "value is not a number of the expected type"),
    NEGATIVE_VALUE(false, "value must be zero or more"),
    BAD_DATE(false, "value is not a date YYYY-MM-DD"),
    BAD_TIMESTAMP(false, "value is not an ISO-8601 timestamp with offset or Z"),
    DATE_OUT_OF_RANGE(false, "date is outside the plausible range"),
    BAD_ENUM(false, "value is not allowed for a strict enumeration"),
    BAD_KEY(false, "key is not a 64-character lowercase hex pseudonym"),
    BAD_VALUE(false, "value does not follow the contract's format"),
    VALUE_TOO_LONG(false, "value is longer than the limit"),
    PROJECT_MISMATCH(false, "project_id column disagrees with the project folder"),
    PERSONAL_DATA(false, "cell looks like personal data (value not shown)"),
    TOTAL_ROW(false, "totals row of a native export (not data)"),
    MASKED_VALUE(false, "value masked by the platform (e.g. <5) where the contract needs a number"),
    NOT_DAILY(false, "native row covers several days; export with a daily breakdown");

    private final boolean fileLevel;
    private final String description;

    RejectReason(boolean fileLevel, String description) {
        this.fileLevel = fileLevel;
        this.description = description;
    }

    /** The stable snake_case code stored in the warehouse. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean fileLevel() {
        return fileLevel;
    }

    public String description() {
        return description;
    }
}
