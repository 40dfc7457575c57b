package dev.vigil.events.delivery;

import dev.vigil.events.StableId;
import java.time.Instant;
import java.util.Objects;

/**
 * One step in delivering an incident event to one agency over one channel (queued, attempt, retry,
 * failure, receipt), published to {@code vigil.deliveries} under the incident id so that every
 * delivery can be traced and counted against on-time rates.
 *
 * @param deliveryId {@link #idFor} of what is delivered to whom and how; the same on every retry,
 *     and sent to the receiver so it can drop repeats
 * @param incidentId the incident, the Kafka key
 * @param incidentEventId the incident event being delivered
 * @param agencyId the receiving agency
 * @param channel how it is delivered
 * @param attempt 1 for the first attempt, increasing with each retry; 0 before the first
 * @param outcome what happened
 * @param at when it happened
 * @param httpStatus the receiver's HTTP status; nullable
 * @param error what went wrong, in operators' words; nullable
 * @param nextAttemptAt when the next attempt is due ({@link Outcome#RETRYING}); nullable
 */
public record Delivery(
        String deliveryId,
        String incidentId,
        String incidentEventId,
        String agencyId,
        Channel channel,
        int attempt,
        Outcome outcome,
        Instant at,
        Integer httpStatus,
        String error,
        Instant nextAttemptAt) {

    /** How an agency is reached. */
    public enum Channel {
        /** Signed JSON over HTTP. */
        WEBHOOK,
        /** OASIS CAP 1.2 XML over HTTP. */
        CAP,
        SMS,
        EMAIL
    }

    /** What became of a delivery. */
    public enum Outcome {
        /** Queued, not attempted yet. */
        PENDING,
        /** The receiver accepted it. */
        DELIVERED,
        /** An attempt failed; another is scheduled at {@code nextAttemptAt}. */
        RETRYING,
        /** An attempt failed and will not be retried (e.g. a 4xx other than 408/429). */
        FAILED,
        /** The retry budget is spent; the delivery went to the dead-letter topic. */
        DEAD_LETTERED,
        /** The agency confirmed having read it. */
        RECEIPT
    }

    public Delivery {
        Objects.requireNonNull(deliveryId, "deliveryId is required");
        Objects.requireNonNull(incidentId, "incidentId is required");
        Objects.requireNonNull(incidentEventId, "incidentEventId is required");
        Objects.requireNonNull(agencyId, "agencyId is required");
        Objects.requireNonNull(channel, "channel is required");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt: must be >= 0, was " + attempt);
        }
        Objects.requireNonNull(outcome, "outcome is required");
        Objects.requireNonNull(at, "at is required");
    }

    /** The delivery id of this incident event to this agency over this channel. */
    public static String idFor(String incidentEventId, String agencyId, Channel channel) {
        return StableId.of(incidentEventId, agencyId, channel.name());
    }
}
