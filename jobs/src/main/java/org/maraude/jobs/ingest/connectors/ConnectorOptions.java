package org.maraude.jobs.ingest.connectors;

/**
 * Settings a connector cannot read from the file itself.
 *
 * @param defaultPlatform platform for Meta exports without a Platform breakdown column
 *     (facebook or instagram), from the config
 * @param year year for exports whose dates have none (TikTok analytics), or null to take it from
 *     the file name
 */
public record ConnectorOptions(String defaultPlatform, Integer year) {
    public static ConnectorOptions defaults() {
        return new ConnectorOptions("facebook", null);
    }
}
