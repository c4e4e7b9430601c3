package org.maraude.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maraude.jobs.contract.DatasetSpec;
import org.maraude.jobs.ingest.connectors.CanonicalRow;
import org.maraude.jobs.ingest.connectors.ConnectorOptions;
import org.maraude.jobs.ingest.connectors.NativeConnector;
import org.maraude.jobs.ingest.connectors.NativeConnectors;
import org.maraude.jobs.ingest.connectors.NativeParse;

/**
 * A native platform download ({@code <project>/native/<tool>/...}) read through its connector
 * into the canonical rows of one contract dataset, which then go through the same validation as
 * canonical CSV. The connector is chosen by the tool folder, else by the file's header. The
 * connector's own row issues are reported once, with the first dataset the file feeds; totals
 * rows are warnings, not rejected data.
 */
final class NativeRecords implements RecordSource {
    /** Native files are downloads of reports: read whole, up to this size. */
    static final int MAX_BYTES = 64 << 20;
    static final Set<String> SOCIAL_TOOLS = Set.of("youtube-studio", "tiktok-analytics");

    private final DatasetSpec spec;
    private final Iterator<CanonicalRow> rows;
    private final List<RowIssue> issues;
    private final List<String> header;

    private NativeRecords(DatasetSpec spec, List<CanonicalRow> rows, List<RowIssue> issues) {
        this.spec = spec;
        this.rows = rows.iterator();
        this.issues = issues;
        this.header = spec.columns().stream().map(c -> c.name()).toList();
    }

    /** Datasets a native file feeds, in order; the first one carries the connector's issues. */
    static List<String> datasets(NativeConnector connector) {
        return SOCIAL_TOOLS.contains(connector.tool()) ? List.of("social_posts") : List.of("ad_delivery", "creatives");
    }

    /** The connector for a file: by its tool folder, else by its content. */
    static NativeConnector connector(String tool, String text) {
        return NativeConnectors.forTool(tool).or(() -> NativeConnectors.detectText(text)).orElseThrow(() ->
                new FileRejectedException(RejectReason.NATIVE_UNMAPPED, "no connector for tool folder '"
                        + tool.replaceAll("[^a-z0-9_-]", "?") + "' and no known export header (known tools: "
                        + String.join(", ", NativeConnectors.all().stream().map(NativeConnector::tool).toList()) + ")"));
    }

    static String decode(InputStream in) {
        try (in) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new FileRejectedException(RejectReason.NOT_CSV, "native export larger than " + (MAX_BYTES >> 20) + " MB");
            }
            return TextDecoding.decode(b).text();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NativeRecords open(InputStream in, FileTask task, DatasetSpec spec, ConnectorOptions options) {
        String text = decode(in);
        NativeConnector connector = connector(task.tool(), text);
        String name = task.relPath().substring(task.relPath().lastIndexOf('/') + 1);
        NativeParse parse = connector.read(text, name, options);
        List<CanonicalRow> mine = parse.rows().stream().filter(r -> r.dataset().equals(spec.name())).toList();
        boolean first = datasets(connector).get(0).equals(spec.name());
        return new NativeRecords(spec, mine, first ? parse.issues() : List.of());
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public List<RowIssue> issues() {
        return issues;
    }

    @Override
    public CsvRecords.Record next() {
        if (!rows.hasNext()) {
            return null;
        }
        CanonicalRow r = rows.next();
        Map<String, String> v = r.values();
        List<String> cells = new ArrayList<>(header.size());
        for (String h : header) {
            String x = v.get(h);
            cells.add(x == null ? "" : x);
        }
        return new CsvRecords.Record(r.line(), cells, false);
    }
}
