package dev.vigil.ingest.auth;

/**
 * A token bucket's shape: {@code burst} requests at once, refilled at {@code perSecond}.
 *
 * @param perSecond sustained requests per second
 * @param burst requests allowed at once after a quiet period
 */
public record RateLimit(double perSecond, int burst) {

    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond: must be positive, was " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst: must be >= 1, was " + burst);
        }
    }
}
