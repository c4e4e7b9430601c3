package org.maraude.jobs.ingest.connectors;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maraude.jobs.ingest.RowIssue;

/**
 * Collects what an ad-platform connector makes of a file: one {@code ad_delivery} row per native
 * row, in file order, then one {@code creatives} row per creative, in order of first appearance.
 *
 * <p>A creative's row: {@code label} is its first ad name, {@code theme}, {@code creator} and
 * {@code launched_on} are null (an export does not say them; the first day in a file is not a
 * launch date), {@code platform} is its only platform or, when it ran on several (a Meta ad on
 * Facebook and Instagram), the connector's default; {@code format} is the one the export states
 * when it does, else {@code video} when the ad had video views, else {@code other}.
 */
final class AdDeliveryRows {

    private final List<CanonicalRow> delivery = new ArrayList<>();
    private final Map<String, Creative> creatives = new LinkedHashMap<>();
    private final List<RowIssue> issues = new ArrayList<>();

    private static final class Creative {
        final long line;
        final String label;
        final Set<String> platforms = new LinkedHashSet<>();
        String format;
        boolean videoViews;

        Creative(long line, String label) {
            this.line = line;
            this.label = label;
        }
    }

    /** One delivery row. {@code format} is the format the export states, or null. */
    void add(long line, LocalDate date, String platform, String campaignId, String creativeId, String label,
            String format, long impressions, Long reach, long clicks, Long videoViews, BigDecimal spend) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(Canonical.DATE, date.toString());
        v.put(Canonical.PLATFORM, platform);
        v.put(Canonical.CAMPAIGN_ID, campaignId);
        v.put(Canonical.CREATIVE_ID, creativeId);
        v.put(Canonical.IMPRESSIONS, Long.toString(impressions));
        v.put(Canonical.REACH, reach == null ? null : reach.toString());
        v.put(Canonical.CLICKS, Long.toString(clicks));
        v.put(Canonical.VIDEO_VIEWS, videoViews == null ? null : videoViews.toString());
        v.put(Canonical.SPEND_EUR, spend.toPlainString());
        delivery.add(new CanonicalRow(Canonical.AD_DELIVERY, line, Collections.unmodifiableMap(v)));

        Creative c = creatives.computeIfAbsent(creativeId, k -> new Creative(line, label));
        c.platforms.add(platform);
        if (c.format == null && format != null) {
            c.format = format;
        }
        if (videoViews != null && videoViews > 0) {
            c.videoViews = true;
        }
    }

    void issue(RowIssue issue) {
        issues.add(issue);
    }

    NativeParse result(String tool, String platformWhenSeveral) {
        List<CanonicalRow> rows = new ArrayList<>(delivery);
        creatives.forEach((id, c) -> {
            Map<String, String> v = new LinkedHashMap<>();
            v.put(Canonical.CREATIVE_ID, id);
            v.put(Canonical.PLATFORM, c.platforms.size() == 1 ? c.platforms.iterator().next() : platformWhenSeveral);
            v.put(Canonical.FORMAT, c.format != null ? c.format : c.videoViews ? "video" : "other");
            v.put(Canonical.THEME, null);
            v.put(Canonical.CREATOR, null);
            v.put(Canonical.LABEL, c.label);
            v.put(Canonical.LAUNCHED_ON, null);
            rows.add(new CanonicalRow(Canonical.CREATIVES, c.line, Collections.unmodifiableMap(v)));
        });
        return new NativeParse(tool, Collections.unmodifiableList(rows), sortedByLine(issues));
    }

    /** Issues in file order (a connector may find some in a second pass). */
    static List<RowIssue> sortedByLine(List<RowIssue> issues) {
        List<RowIssue> sorted = new ArrayList<>(issues);
        sorted.sort(java.util.Comparator.comparingLong(RowIssue::line));
        return Collections.unmodifiableList(sorted);
    }

    /** A format the export states ({@code Video}, {@code Image}, {@code Carrousel}…), or null. */
    static String format(String stated) {
        if (stated == null) {
            return null;
        }
        String s = NativeValues.normaliseHeader(stated);
        if (s.contains("carousel") || s.contains("carrousel")) {
            return "carousel";
        }
        if (s.contains("story") || s.contains("stories")) {
            return "story";
        }
        if (s.contains("video")) {
            return "video";
        }
        if (s.contains("image") || s.contains("photo")) {
            return "image";
        }
        if (s.contains("live")) {
            return "live";
        }
        return null;
    }
}
