package dev.vigil.jobs.detect.validity;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.Reading;

/**
 * What a real-time value says about its instrument, from its data flag (PROTOCOLS.md) and whether
 * the value can be real at all.
 */
public enum Condition {
    /** Flag N or T with a possible value: the instrument works; ends any condition. */
    NORMAL(null, null, "normal"),
    /** Flag S (set manually) or unknown: not valid, but says nothing about the instrument. */
    UNDECIDED(null, null, "undecided"),
    /** Flag D, F or P: instrument fault, stopped or without power. */
    DEVICE_FAULT(Alert.Type.DEVICE_FAULT, Severity.WARNING, "instrument fault"),
    /** Flag B: the instrument cannot talk to its data logger. */
    COMMUNICATION_FAULT(Alert.Type.COMMUNICATION_FAULT, Severity.WARNING, "communication fault"),
    /** Flag M or C: maintenance or calibration; values do not count for exceedance meanwhile. */
    MAINTENANCE(Alert.Type.MAINTENANCE, Severity.INFO, "maintenance or calibration"),
    /** A valid flag on a value that cannot be real (see {@link ImpossibleValues}). */
    IMPOSSIBLE_VALUE(Alert.Type.IMPOSSIBLE_VALUE, Severity.WARNING, "impossible value");

    private final Alert.Type alertType;
    private final Severity severity;
    private final String description;

    Condition(Alert.Type alertType, Severity severity, String description) {
        this.alertType = alertType;
        this.severity = severity;
        this.description = description;
    }

    /** The condition a reading shows. */
    public static Condition of(Reading reading) {
        return switch (reading.dataFlag()) {
            case N, T ->
                    ImpossibleValues.isImpossible(reading.pollutantCode(), reading.value())
                            ? IMPOSSIBLE_VALUE
                            : NORMAL;
            case D, F, P -> DEVICE_FAULT;
            case B -> COMMUNICATION_FAULT;
            case M, C -> MAINTENANCE;
            case S, UNKNOWN -> UNDECIDED;
        };
    }

    /** Whether it raises an alert while it lasts. */
    public boolean alerting() {
        return alertType != null;
    }

    /** The alert type it raises; {@code null} for NORMAL and UNDECIDED. */
    public Alert.Type alertType() {
        return alertType;
    }

    /** The severity of its alert; {@code null} for NORMAL and UNDECIDED. */
    public Severity severity() {
        return severity;
    }

    public String description() {
        return description;
    }
}
