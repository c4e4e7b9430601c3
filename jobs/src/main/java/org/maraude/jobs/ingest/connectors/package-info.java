/**
 * Native connectors: platform downloads (Meta, TikTok, Snapchat, Google Ads, YouTube Studio,
 * TikTok analytics) translated into contract datasets, by header name, never by position. Pure
 * Java; the Spark ingest framework calls {@link org.maraude.jobs.ingest.connectors.NativeConnectors}
 * after {@link org.maraude.jobs.ingest.TextDecoding} has turned the bytes into text.
 *
 * <h2>Rules shared by every connector</h2>
 *
 * <ul>
 *   <li><b>Header search</b>: the header is the first of the first 50 records holding the
 *       connector's anchor columns, under {@code ,}, {@code ;} or tab; lines before it (report
 *       title, date range, Excel's {@code sep=;}) are preamble. Header spellings are compared
 *       without accents, case or extra spaces; money headers may carry a currency ({@code Amount
 *       spent (EUR)}): any currency but EUR rejects the file. Headers with commas are quoted and
 *       read as such.
 *   <li><b>Missing columns</b>: {@code FileRejectedException(NATIVE_UNMAPPED, "missing columns: X,
 *       Y")} naming every missing column (English / French names).
 *   <li><b>Numbers</b>: French ({@code 1 234,56} with space, U+00A0 or U+202F) or English
 *       ({@code "25,881"}, {@code 1,234.56}); the decimal mark is voted by the file's own number
 *       cells, else {@code ;} or French headers mean comma. Percentages are not numbers (their
 *       columns are not mapped).
 *   <li><b>Nulls and masks</b>: empty, {@code --}, {@code  --} are null. For columns the contract
 *       makes nullable (reach, video_views, every social_posts metric) null stays null and a
 *       masked {@code <5} becomes null too (counted in the log). For columns it does not
 *       (impressions, clicks, spend_eur): null clicks and spend are 0 (Meta prints nothing for
 *       zero link clicks; TikTok and Google print {@code --}); null impressions is {@code
 *       MISSING_VALUE}; a masked value is {@code MASKED_VALUE}: the row is refused rather than
 *       given a guessed number.
 *   <li><b>Row issues</b>, at most one per row, in file order, with the physical line (preamble
 *       lines count; a quoted cell spanning lines moves the next rows down) and the file's header
 *       as column: {@code TOTAL_ROW} (closing {@code Total…} rows, Meta's summary row), {@code
 *       NEGATIVE_VALUE}, {@code BAD_NUMBER}, {@code BAD_DATE}, {@code MISSING_VALUE}, {@code
 *       MASKED_VALUE}, {@code NOT_DAILY} (a row over several days: reach cannot be split into
 *       days), {@code BAD_VALUE} (a per-row currency other than EUR; an id Excel wrote as {@code
 *       1.2E+17}), {@code MALFORMED_ROW} (fewer cells than the header). Messages never repeat
 *       values.
 *   <li><b>Ids</b>: campaign_id and creative_id are the platform's ids when exported, else a slug
 *       of the name ({@code "Vidéo #1 – Été"} → {@code video-1-ete}). Two ads with the same name
 *       and no id column share a creative_id (and their rows a key): export the ad id to keep
 *       them apart. One native row gives one canonical row; nothing is summed.
 *   <li><b>Creatives</b> from ad exports: label = ad name, theme/creator/launched_on null, format
 *       as stated by the export, else video when the ad had video views, else other.
 * </ul>
 */
package org.maraude.jobs.ingest.connectors;
