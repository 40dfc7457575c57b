package dev.vigil.events.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading or event that caused an alert, so operators see why it fired and auditors can trace
 * it back to the input.
 *
 * @param kind what {@code ref} points to
 * @param ref its id: a report's {@code rawDigest} for readings, else the event, complaint or alert
 *     id
 * @param time when it happened (a reading's data time, an event's time)
 * @param value the reading's value; nullable for non-readings
 * @param detail in operators' words, e.g. "w01018 avg 63.2 mg/L, flag N"; nullable
 */
public record Evidence(Kind kind, String ref, Instant time, Double value, String detail) {

    /** What a piece of evidence is. */
    public enum Kind {
        READING,
        VIDEO_EVENT,
        COMPLAINT,
        ALERT
    }

    public Evidence {
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(ref, "ref is required");
        Objects.requireNonNull(time, "time is required");
    }
}
