package org.maraude.jobs.ingest.connectors;

import java.util.List;
import org.maraude.jobs.ingest.RowIssue;

/** What a connector made of one native file: canonical rows, and the rows it had to refuse. */
public record NativeParse(String tool, List<CanonicalRow> rows, List<RowIssue> issues) {}
