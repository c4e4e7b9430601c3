package org.maraude.jobs.ingest.connectors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maraude.jobs.ingest.RowIssue;

/** Collects {@code social_posts} rows and issues for an organic-analytics connector. */
final class SocialPostRows {
    private final List<CanonicalRow> rows = new ArrayList<>();
    private final List<RowIssue> issues = new ArrayList<>();

    /** One post-day; null metrics are what the platform does not give. */
    void add(long line, LocalDate date, String platform, String postId, String creativeId, Long views, Long reach,
            Long likes, Long comments, Long shares, Long linkClicks, Long followersGained) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(Canonical.DATE, date.toString());
        v.put(Canonical.PLATFORM, platform);
        v.put(Canonical.POST_ID, postId);
        v.put(Canonical.CREATIVE_ID, creativeId);
        v.put(Canonical.VIEWS, str(views));
        v.put(Canonical.REACH, str(reach));
        v.put(Canonical.LIKES, str(likes));
        v.put(Canonical.COMMENTS, str(comments));
        v.put(Canonical.SHARES, str(shares));
        v.put(Canonical.LINK_CLICKS, str(linkClicks));
        v.put(Canonical.FOLLOWERS_GAINED, str(followersGained));
        rows.add(new CanonicalRow(Canonical.SOCIAL_POSTS, line, Collections.unmodifiableMap(v)));
    }

    private static String str(Long n) {
        return n == null ? null : n.toString();
    }

    void issue(RowIssue issue) {
        issues.add(issue);
    }

    NativeParse result(String tool) {
        return new NativeParse(tool, Collections.unmodifiableList(new ArrayList<>(rows)), AdDeliveryRows.sortedByLine(issues));
    }
}
