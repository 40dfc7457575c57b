package dev.vigil.events.alert;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.StableId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A detection result about one source, FIRING when something needs attention and RESOLVED when it
 * is over, published to {@code vigil.alerts} under the source id with an id derived from its cause
 * so that repeats deduplicate and the resolution finds its firing.
 *
 * @param alertId from {@link #idFor(String...)} over the cause (e.g. type, rule, source, outlet,
 *     pollutant, window start); the same for the FIRING and the RESOLVED record
 * @param type what was detected
 * @param severity how serious it is
 * @param state firing or resolved
 * @param sourceId the source it concerns, the Kafka key
 * @param outletId nullable
 * @param pollutantCode nullable
 * @param deviceMn the data logger concerned; nullable
 * @param value the value that breached; nullable
 * @param limit the threshold or permit limit it breached, in the same unit; nullable
 * @param ruleId the rule that fired; nullable for detections without rules
 * @param ruleVersion the version of that rule; nullable
 * @param dataKind the kind of value judged; nullable
 * @param evidence the readings and events that caused it
 * @param eventTime when the cause happened (for an hourly value, the start of the hour)
 * @param detectedAt when Vigil detected it
 * @param revised whether this replaces an earlier result because late data arrived
 * @param suppressed whether it was detected while silenced (e.g. during maintenance), kept for the
 *     record but not to be dispatched
 * @param message in operators' words
 */
public record Alert(
        String alertId,
        Type type,
        Severity severity,
        State state,
        String sourceId,
        String outletId,
        String pollutantCode,
        String deviceMn,
        Double value,
        Double limit,
        String ruleId,
        Long ruleVersion,
        DataKind dataKind,
        List<Evidence> evidence,
        Instant eventTime,
        Instant detectedAt,
        boolean revised,
        boolean suppressed,
        String message) {

    /** What an alert detected. */
    public enum Type {
        /** A threshold rule fired. */
        THRESHOLD,
        /** An hourly average exceeded the permit limit. */
        HOURLY_EXCEEDANCE,
        /** A device or source stopped reporting. */
        OFFLINE,
        /** The same value repeated, suspected falsification or a stuck instrument. */
        FLATLINE,
        /** A value that cannot be real (e.g. negative concentration). */
        IMPOSSIBLE_VALUE,
        /** Data flagged as instrument fault, stopped or power fault. */
        DEVICE_FAULT,
        /** Data flagged as instrument-to-logger communication fault. */
        COMMUNICATION_FAULT,
        /** A device's hourly value disagrees with its own real-time values. */
        DATA_MISMATCH,
        /** A video event. */
        VIDEO,
        /** A citizen complaint. */
        COMPLAINT,
        /** A source under maintenance. */
        MAINTENANCE
    }

    /** Whether an alert is going on or over. */
    public enum State {
        FIRING,
        RESOLVED
    }

    public Alert {
        Objects.requireNonNull(alertId, "alertId is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(severity, "severity is required");
        Objects.requireNonNull(state, "state is required");
        Objects.requireNonNull(sourceId, "sourceId is required");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        Objects.requireNonNull(eventTime, "eventTime is required");
        Objects.requireNonNull(detectedAt, "detectedAt is required");
        Objects.requireNonNull(message, "message is required");
    }

    /**
     * The alert id for these cause parts: the first 16 bytes of a SHA-256 over them (each
     * length-prefixed, {@code null} allowed), as 32 lowercase hex characters; see {@link
     * StableId#of(String...)}. Pass the parts in a fixed order, starting with the type.
     */
    public static String idFor(String... parts) {
        return StableId.of(parts);
    }
}
