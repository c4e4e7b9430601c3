package org.maraude.jobs.ingest.connectors;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The native connectors, by tool name ({@code <inbox>/<project>/native/<tool>/}) or by header.
 *
 * <table>
 *   <caption>Tools</caption>
 *   <tr><th>tool</th><th>export</th><th>datasets</th></tr>
 *   <tr><td>{@code meta}</td><td>Meta Ads Manager report</td><td>ad_delivery, creatives</td></tr>
 *   <tr><td>{@code tiktok-ads}</td><td>TikTok Ads Manager report</td><td>ad_delivery, creatives</td></tr>
 *   <tr><td>{@code snapchat}</td><td>Snapchat Ads Manager report</td><td>ad_delivery, creatives</td></tr>
 *   <tr><td>{@code google-ads}</td><td>Google Ads "Campaign report"</td><td>ad_delivery, creatives</td></tr>
 *   <tr><td>{@code youtube-studio}</td><td>YouTube Studio {@code Table data.csv}</td><td>social_posts</td></tr>
 *   <tr><td>{@code tiktok-analytics}</td><td>TikTok analytics {@code Overview.csv}</td><td>social_posts</td></tr>
 * </table>
 */
public final class NativeConnectors {

    /** In detection order: the most specific headers first. */
    private static final List<NativeConnector> ALL = List.of(
            new YouTubeStudioConnector(),
            new TikTokOverviewConnector(),
            new GoogleAdsConnector(),
            new SnapchatAdsConnector(),
            new MetaAdsConnector(),
            new TikTokAdsConnector());

    private NativeConnectors() {}

    /** Every connector, in detection order. */
    public static List<NativeConnector> all() {
        return ALL;
    }

    /** The connector of a tool folder name (case-insensitive), if there is one. */
    public static Optional<NativeConnector> forTool(String tool) {
        if (tool == null) {
            return Optional.empty();
        }
        String t = tool.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(c -> c.tool().equals(t)).findFirst();
    }

    /** The connector whose header this is (cells as read; BOM and spacing do not matter), if any. */
    public static Optional<NativeConnector> detect(List<String> header) {
        return ALL.stream().filter(c -> c.detects(header)).findFirst();
    }

    /**
     * The connector of a whole decoded file, looking past preamble lines (Google Ads' report
     * title and date range) for a header any connector recognises, under {@code ,} {@code ;} or
     * tab.
     */
    public static Optional<NativeConnector> detectText(String decodedText) {
        List<String> header = NativeTable.findHeader(decodedText, h -> detect(h).isPresent());
        return header.isEmpty() ? Optional.empty() : detect(header);
    }
}
