package org.maraude.jobs.contract;

/** How a contract column is parsed from canonical CSV text and stored. */
public enum ColumnType {
    /** free text (ids, labels); PII-checked like every cell */
    STRING,
    /** 64-char lowercase hex pseudonym (HMAC-SHA256) */
    KEY,
    /** YYYY-MM-DD */
    DATE,
    /** YYYY-MM */
    MONTH,
    /** ISO-8601 with offset or Z, stored as an instant */
    TIMESTAMP,
    /** whole number, at least zero */
    COUNT,
    /** decimal number, at least zero (euros) */
    AMOUNT,
    /** true/false (also 1/0, yes/no, oui/non) */
    BOOLEAN,
    /** lowercase enumeration; unknown values become {@code other} unless the column is strict */
    ENUM,
    /** département code 01..95, 2A, 2B, 971..976 */
    DEPT
}
