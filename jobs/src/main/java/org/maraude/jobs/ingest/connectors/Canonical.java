package org.maraude.jobs.ingest.connectors;

import java.util.List;

/** Contract dataset and column names the connectors write (data contract §1). */
public final class Canonical {
    private Canonical() {}

    public static final String AD_DELIVERY = "ad_delivery";
    public static final String CREATIVES = "creatives";
    public static final String SOCIAL_POSTS = "social_posts";

    public static final String DATE = "date";
    public static final String PLATFORM = "platform";
    public static final String CAMPAIGN_ID = "campaign_id";
    public static final String CREATIVE_ID = "creative_id";
    public static final String IMPRESSIONS = "impressions";
    public static final String REACH = "reach";
    public static final String CLICKS = "clicks";
    public static final String VIDEO_VIEWS = "video_views";
    public static final String SPEND_EUR = "spend_eur";

    public static final String FORMAT = "format";
    public static final String THEME = "theme";
    public static final String CREATOR = "creator";
    public static final String LABEL = "label";
    public static final String LAUNCHED_ON = "launched_on";

    public static final String POST_ID = "post_id";
    public static final String VIEWS = "views";
    public static final String LIKES = "likes";
    public static final String COMMENTS = "comments";
    public static final String SHARES = "shares";
    public static final String LINK_CLICKS = "link_clicks";
    public static final String FOLLOWERS_GAINED = "followers_gained";

    public static final List<String> AD_DELIVERY_COLUMNS =
            List.of(DATE, PLATFORM, CAMPAIGN_ID, CREATIVE_ID, IMPRESSIONS, REACH, CLICKS, VIDEO_VIEWS, SPEND_EUR);
    public static final List<String> CREATIVES_COLUMNS =
            List.of(CREATIVE_ID, PLATFORM, FORMAT, THEME, CREATOR, LABEL, LAUNCHED_ON);
    public static final List<String> SOCIAL_POSTS_COLUMNS = List.of(DATE, PLATFORM, POST_ID, CREATIVE_ID, VIEWS, REACH,
            LIKES, COMMENTS, SHARES, LINK_CLICKS, FOLLOWERS_GAINED);
}
