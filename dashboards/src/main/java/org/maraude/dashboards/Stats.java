package org.maraude.dashboards;

/** Small statistics the pages need. */
public final class Stats {
    private Stats() {}

    /** 97.5th percentile of the standard normal distribution: a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    /** A proportion's interval. */
    public record Interval(double low, double high) {}

    /**
     * Wilson score interval at 95 % for {@code successes} out of {@code n} (better than the normal
     * approximation for small n and shares near 0 or 1); null when n is 0.
     */
    public static Interval wilson(long successes, long n) {
        if (n <= 0) {
            return null;
        }
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
