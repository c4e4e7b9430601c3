package org.maraude.jobs.ingest.connectors;

import java.util.Map;

/**
 * A row translated by a connector into a contract dataset, as canonical text: contract column
 * name to value in the canonical CSV format (dates YYYY-MM-DD, '.' decimal point, null for empty).
 * {@code line} is the physical line in the native file, for rejects.
 */
public record CanonicalRow(String dataset, long line, Map<String, String> values) {}
