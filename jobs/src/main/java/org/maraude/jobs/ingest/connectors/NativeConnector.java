package org.maraude.jobs.ingest.connectors;

import java.util.List;

/**
 * Translates one kind of platform download (Meta Ads Manager, TikTok Ads Manager, ...) into
 * contract datasets, by header name, never by position. Implementations are stateless.
 */
public interface NativeConnector {
    /** Folder name under {@code <inbox>/<project>/native/<tool>/}, e.g. {@code meta}. */
    String tool();

    /** True when a decoded header row (cells trimmed, BOM removed) is this tool's. */
    boolean detects(List<String> headerCells);

    /**
     * Reads a whole decoded file. Throws {@link org.maraude.jobs.ingest.FileRejectedException}
     * with {@code NATIVE_UNMAPPED} naming the missing columns when it cannot map the file.
     */
    NativeParse read(String decodedText, String fileName, ConnectorOptions options);
}
