package org.maraude.jobs.ingest;

import java.io.Serializable;

/**
 * One inbox file to parse, as the executors see it.
 *
 * @param uri Hadoop path of the file
 * @param relPath path relative to the inbox, as shown in rejects and runs
 * @param project project folder (null for the shared registry)
 * @param dataset target contract dataset
 * @param tool native export tool folder ({@code meta}, {@code tiktok}, ...) or null for canonical CSV
 * @param fileId stable id of this version of the file (path, size, modification time)
 */
public record FileTask(String uri, String relPath, String project, String dataset, String tool, String fileId,
        long size, long modifiedMillis) implements Serializable {}
