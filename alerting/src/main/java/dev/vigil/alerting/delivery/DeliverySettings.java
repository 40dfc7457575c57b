package dev.vigil.alerting.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The dispatch side's settings (to become {@code alerting.*} keys of vigil.yaml).
 *
 * @param agencyFile the JSON file of agencies and routing rules
 * @param retry the retry budget of every delivery
 * @param coalesceWindow how long updates to one agency are gathered before one is sent
 * @param httpTimeout connect and request timeout of one attempt
 * @param capSender the CAP {@code sender}
 * @param capRadiusKm the radius of the CAP area circle around the source
 * @param zone the time zone for time-of-day rules
 * @param senders how many deliveries are attempted at once
 * @param inboundPath the path prefix of the agencies' API
 */
public record DeliverySettings(
        Path agencyFile,
        RetryPolicy retry,
        Duration coalesceWindow,
        Duration httpTimeout,
        String capSender,
        double capRadiusKm,
        ZoneId zone,
        int senders,
        String inboundPath) {
    public DeliverySettings {
        Objects.requireNonNull(retry, "retry is required");
        Objects.requireNonNull(coalesceWindow, "coalesceWindow is required");
        Objects.requireNonNull(httpTimeout, "httpTimeout is required");
        Objects.requireNonNull(capSender, "capSender is required");
        Objects.requireNonNull(zone, "zone is required");
        if (senders < 1) {
            throw new IllegalArgumentException("senders: must be >= 1, was " + senders);
        }
    }

    /** Defaults, with the given agency file. */
    public static DeliverySettings defaults(Path agencyFile) {
        return new DeliverySettings(
                agencyFile,
                RetryPolicy.DEFAULT,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                "vigil@command-center",
                0.5,
                ZoneId.systemDefault(),
                4,
                "/agency/v1");
    }
}
