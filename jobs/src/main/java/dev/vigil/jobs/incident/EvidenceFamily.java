package dev.vigil.jobs.incident;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import java.util.Set;

/**
 * The kinds of evidence that corroborate each other: monitoring data, video and citizens; an
 * incident's priority rises with each further family that agrees, since independent evidence makes
 * a real pollution event more likely. Device health is its own family and corroborates nothing.
 */
public enum EvidenceFamily {
    SENSOR,
    VIDEO,
    COMPLAINT,
    DEVICE;

    /** The family of an alert type. */
    public static EvidenceFamily of(Alert.Type type) {
        return switch (type) {
            case THRESHOLD, HOURLY_EXCEEDANCE, FLATLINE, IMPOSSIBLE_VALUE, DATA_MISMATCH -> SENSOR;
            case VIDEO -> VIDEO;
            case COMPLAINT -> COMPLAINT;
            case OFFLINE, DEVICE_FAULT, COMMUNICATION_FAULT, MAINTENANCE -> DEVICE;
        };
    }

    /**
     * Priority: 1 (INFO) to 4 (SEVERE) from the highest severity, plus one for each corroborating
     * family beyond the first (sensor + video + complaint = +2), plus one per escalation.
     */
    public static int priority(Severity severity, Set<EvidenceFamily> families, int escalations) {
        long corroborating = families.stream().filter(f -> f != DEVICE).count();
        return severity.ordinal() + 1 + (int) Math.max(0, corroborating - 1) + escalations;
    }
}
