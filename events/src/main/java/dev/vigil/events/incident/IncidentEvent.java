package dev.vigil.events.incident;

import dev.vigil.events.Severity;
import dev.vigil.events.StableId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step in an incident's history (opened, alert attached, state changed, dispatched, SLA
 * breached, closed, ...), published to {@code vigil.incidents} under the incident id and kept
 * forever; each event carries the incident's resulting state, so the latest event alone shows the
 * incident as it stands.
 *
 * @param eventId {@link #idFor(String, long)} of incident id and sequence, so a replayed event
 *     deduplicates
 * @param incidentId the incident, the Kafka key; derived from its first alert
 * @param sequence 1 for the opening event, then increasing by one per event of the incident
 * @param type what happened
 * @param state the incident's state after it
 * @param priority higher is more urgent; rises when sensors, video and complaints agree
 * @param severity the most serious severity among its alerts
 * @param category what the incident is about, from its alerts (see {@link Category}); {@link
 *     Category#OTHER} when nothing more specific is known, also for events written before
 *     categories existed
 * @param sourceId the source it is about
 * @param alertIds all alerts attached so far
 * @param agencyIds all agencies dispatched so far
 * @param actor who caused it; nullable when it came from an alert
 * @param commandId the command that caused it; nullable
 * @param at when it happened
 * @param deadline when the current step is due (acknowledgement, agency feedback); nullable when
 *     none is running
 * @param detail in operators' words: the note, the feedback, why a command was rejected or a
 *     delivery failed; nullable
 */
public record IncidentEvent(
        String eventId,
        String incidentId,
        long sequence,
        Type type,
        State state,
        int priority,
        Severity severity,
        Category category,
        String sourceId,
        List<String> alertIds,
        List<String> agencyIds,
        Actor actor,
        String commandId,
        Instant at,
        Instant deadline,
        String detail) {

    /** What happened to an incident. */
    public enum Type {
        OPENED,
        ALERT_ATTACHED,
        STATE_CHANGED,
        DISPATCHED,
        NOTE_ADDED,
        AGENCY_ACKNOWLEDGED,
        AGENCY_ARRIVED,
        FEEDBACK,
        ESCALATED,
        SLA_BREACHED,
        MERGED,
        REOPENED,
        SILENCED,
        COMMAND_REJECTED,
        DELIVERY_FAILED,
        CLOSED
    }

    /**
     * What an incident is about, in the words agencies are dispatched by. The first alert decides
     * it; when further (unsilenced) evidence of another category joins, the category listed earlier
     * here wins: danger to life first, then pollution seen by instruments or cameras, pollution
     * reported by citizens, doubtful data, and device health last.
     */
    public enum Category {
        /** A camera saw fire. */
        FIRE,
        /** A camera saw smoke. */
        SMOKE,
        /** A camera saw an illegal discharge. */
        ILLEGAL_DISCHARGE,
        /** A threshold or the permit limit was exceeded (real-time or hourly values). */
        EXCEEDANCE,
        /** A citizen complained. */
        COMPLAINT,
        /** Data that looks falsified or wrong: flatline, impossible values, hourly mismatch. */
        SUSPECT_DATA,
        /** A camera was tampered with, covered or lost its picture. */
        CAMERA_TAMPER,
        /** An instrument or its link to the data logger reported a fault. */
        DEVICE_FAULT,
        /** A device or source stopped reporting. */
        OFFLINE,
        /** A camera saw activity on site: intrusion, vehicles, other events. */
        SITE_ACTIVITY,
        /** A source under maintenance or calibration. */
        MAINTENANCE,
        /** Nothing more specific is known. */
        OTHER;

        /** Whether this category decides over {@code other} when both are in evidence. */
        public boolean outranks(Category other) {
            return other == null || ordinal() < other.ordinal();
        }
    }

    /**
     * Where an incident stands: {@code OPEN → ACKNOWLEDGED → DISPATCHED → ON_SCENE → RESOLVED →
     * CLOSED}, or MERGED into another.
     */
    public enum State {
        OPEN,
        ACKNOWLEDGED,
        DISPATCHED,
        ON_SCENE,
        RESOLVED,
        CLOSED,
        MERGED
    }

    public IncidentEvent {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(incidentId, "incidentId is required");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence: must be >= 1, was " + sequence);
        }
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(state, "state is required");
        Objects.requireNonNull(severity, "severity is required");
        category = category == null ? Category.OTHER : category;
        Objects.requireNonNull(sourceId, "sourceId is required");
        alertIds = alertIds == null ? List.of() : List.copyOf(alertIds);
        agencyIds = agencyIds == null ? List.of() : List.copyOf(agencyIds);
        Objects.requireNonNull(at, "at is required");
    }

    /** The event id for this incident's event number {@code sequence}. */
    public static String idFor(String incidentId, long sequence) {
        return StableId.of(incidentId, Long.toString(sequence));
    }
}
