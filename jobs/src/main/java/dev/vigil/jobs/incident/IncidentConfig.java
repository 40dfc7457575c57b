package dev.vigil.jobs.incident;

import dev.vigil.events.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the incident job: how alerts are grouped and how long each party has before Vigil
 * escalates, so a deployment (and a test) can tighten them without touching the logic.
 *
 * @param correlationWindow an alert joins its source's open incident when it happened at most this
 *     long after the incident's latest alert
 * @param acknowledgeWithin how long an incident may stay unacknowledged, per its severity
 * @param agencyWithin how long a dispatched agency has to acknowledge, and then to report back
 *     (arrival or feedback), before its SLA is breached
 * @param retention how long a closed or merged incident is kept in state (late commands, replays)
 */
public record IncidentConfig(
        Duration correlationWindow,
        Map<Severity, Duration> acknowledgeWithin,
        Duration agencyWithin,
        Duration retention)
        implements Serializable {

    /** 30 min window; acknowledge SEVERE 5 min, ALARM 15, WARNING 60, INFO 240; agency 30 min. */
    public static final IncidentConfig DEFAULTS =
            new IncidentConfig(
                    Duration.ofMinutes(30),
                    Map.of(
                            Severity.SEVERE, Duration.ofMinutes(5),
                            Severity.ALARM, Duration.ofMinutes(15),
                            Severity.WARNING, Duration.ofMinutes(60),
                            Severity.INFO, Duration.ofMinutes(240)),
                    Duration.ofMinutes(30),
                    Duration.ofHours(1));

    public IncidentConfig {
        positive("correlationWindow", correlationWindow);
        positive("agencyWithin", agencyWithin);
        positive("retention", retention);
        Objects.requireNonNull(acknowledgeWithin, "acknowledgeWithin is required");
        EnumMap<Severity, Duration> copy = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            Duration d = acknowledgeWithin.get(severity);
            positive("acknowledgeWithin." + severity, d);
            copy.put(severity, d);
        }
        acknowledgeWithin = Map.copyOf(copy);
    }

    /** The acknowledgement deadline after opening an incident of this severity. */
    public Duration acknowledgeWithin(Severity severity) {
        return acknowledgeWithin.get(severity);
    }

    /** These settings with every acknowledgement deadline set to {@code d}. */
    public IncidentConfig withAcknowledgeWithin(Duration d) {
        Map<Severity, Duration> all = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            all.put(severity, d);
        }
        return new IncidentConfig(correlationWindow, all, agencyWithin, retention);
    }

    /** These settings with the agency deadline set to {@code d}. */
    public IncidentConfig withAgencyWithin(Duration d) {
        return new IncidentConfig(correlationWindow, acknowledgeWithin, d, retention);
    }

    /** These settings with the retention set to {@code d}. */
    public IncidentConfig withRetention(Duration d) {
        return new IncidentConfig(correlationWindow, acknowledgeWithin, agencyWithin, d);
    }

    private static void positive(String key, Duration d) {
        if (d == null) {
            throw new IllegalArgumentException(key + ": is required");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be longer than zero, was " + d);
        }
    }
}
