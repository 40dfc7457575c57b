package dev.vigil.alerting.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The dispatch side's settings; the {@code alerting.*} keys of vigil.yaml (see deploy's {@code
 * Settings}) fill them in the embedded stack.
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
 * @param inboundPort the port of the agencies' API when it listens apart from the health check (0
 *     for any free port); null serves it on the health check's port
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
        String inboundPath,
        Integer inboundPort) {
    public DeliverySettings {
        Objects.requireNonNull(retry, "retry is required");
        Objects.requireNonNull(coalesceWindow, "coalesceWindow is required");
        Objects.requireNonNull(httpTimeout, "httpTimeout is required");
        Objects.requireNonNull(capSender, "capSender is required");
        Objects.requireNonNull(zone, "zone is required");
        if (senders < 1) {
            throw new IllegalArgumentException("senders: must be >= 1, was " + senders);
        }
        Objects.requireNonNull(inboundPath, "inboundPath is required");
        if (!inboundPath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "inboundPath: must start with /, was " + inboundPath);
        }
    }

    /** Settings whose agencies' API shares the health check's port. */
    public DeliverySettings(
            Path agencyFile,
            RetryPolicy retry,
            Duration coalesceWindow,
            Duration httpTimeout,
            String capSender,
            double capRadiusKm,
            ZoneId zone,
            int senders,
            String inboundPath) {
        this(
                agencyFile,
                retry,
                coalesceWindow,
                httpTimeout,
                capSender,
                capRadiusKm,
                zone,
                senders,
                inboundPath,
                null);
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
