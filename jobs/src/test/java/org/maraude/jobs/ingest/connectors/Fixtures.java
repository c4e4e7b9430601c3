package org.maraude.jobs.ingest.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maraude.jobs.ingest.TextDecoding;

/** Test helpers: fixture files and expected canonical rows written out in full. */
final class Fixtures {
    private Fixtures() {}

    /** A fixture under {@code src/test/resources/native/}, decoded as the pipeline would. */
    static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/native/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return TextDecoding.decode(in.readAllBytes()).text();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> values(List<String> columns, Object... values) {
        if (columns.size() != values.length) {
            throw new IllegalArgumentException("expected " + columns.size() + " values");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(columns.get(i), values[i] == null ? null : values[i].toString());
        }
        return m;
    }

    /** date, platform, campaign_id, creative_id, impressions, reach, clicks, video_views, spend_eur. */
    static CanonicalRow delivery(long line, Object... values) {
        return new CanonicalRow(Canonical.AD_DELIVERY, line, values(Canonical.AD_DELIVERY_COLUMNS, values));
    }

    /** creative_id, platform, format, label (theme, creator, launched_on are null). */
    static CanonicalRow creative(long line, String id, String platform, String format, String label) {
        return new CanonicalRow(Canonical.CREATIVES, line,
                values(Canonical.CREATIVES_COLUMNS, id, platform, format, null, null, label, null));
    }

    /** date, platform, post_id, creative_id, views, reach, likes, comments, shares, link_clicks, followers_gained. */
    static CanonicalRow post(long line, Object... values) {
        return new CanonicalRow(Canonical.SOCIAL_POSTS, line, values(Canonical.SOCIAL_POSTS_COLUMNS, values));
    }

    static List<CanonicalRow> rows(CanonicalRow... rows) {
        return new ArrayList<>(List.of(rows));
    }
}
