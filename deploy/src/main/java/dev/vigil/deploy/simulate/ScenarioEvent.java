package dev.vigil.deploy.simulate;

import java.time.Duration;
import java.util.Objects;

/**
 * Something scripted to happen to a source's data loggers at a time after the scenario starts: an
 * exceedance, a flag change, an offline period, a flatline, or injected garbage or bad-CRC frames.
 *
 * @param type what happens
 * @param at when it starts, after the scenario's start in simulated time
 * @param duration how long it lasts; zero for injections
 * @param sourceId the source it happens to
 * @param outletId the outlet whose logger it happens to, or null for every logger of the source
 * @param pollutant the pollutant it changes, or null for all (flag changes) or none
 * @param value the value of an exceedance or flatline; null for a flatline at the base value
 * @param flag the data flag of a flag change ({@code M}, {@code C}, {@code D}, ...)
 * @param count how many garbage runs or bad-CRC frames to inject
 */
public record ScenarioEvent(
        Type type,
        Duration at,
        Duration duration,
        String sourceId,
        String outletId,
        String pollutant,
        Double value,
        String flag,
        int count) {

    /** What a scripted event does. */
    public enum Type {
        /** A pollutant reads {@code value} for {@code duration}. */
        EXCEEDANCE,
        /** Values carry {@code flag} for {@code duration}. */
        FLAG,
        /** The logger disconnects for {@code duration}, then uploads its backlog. */
        OFFLINE,
        /** A pollutant reads one constant value for {@code duration}. */
        FLATLINE,
        /** {@code count} runs of bytes that are no frame. */
        GARBAGE,
        /** {@code count} frames whose CRC is wrong. */
        BAD_CRC
    }

    public ScenarioEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(sourceId, "sourceId");
    }

    /** Whether it happens to this logger. */
    boolean appliesTo(DeviceSpec device) {
        return sourceId.equals(device.sourceId())
                && (outletId == null || outletId.equals(device.outletId()));
    }

    /** Whether it changes this pollutant (flag changes without a pollutant change all). */
    boolean concerns(String code) {
        return pollutant == null ? type == Type.FLAG : pollutant.equals(code);
    }

    /** When it ends, after the scenario's start. */
    Duration end() {
        return at.plus(duration);
    }

    /** Whether it is going on {@code elapsed} after the scenario's start. */
    boolean activeAt(Duration elapsed) {
        return elapsed.compareTo(at) >= 0 && elapsed.compareTo(end()) < 0;
    }

    /** Whether it is an injection of bad input rather than a change of state. */
    boolean injection() {
        return type == Type.GARBAGE || type == Type.BAD_CRC;
    }
}
