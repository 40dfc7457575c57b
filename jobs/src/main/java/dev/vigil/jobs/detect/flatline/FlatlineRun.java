package dev.vigil.jobs.detect.flatline;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.jobs.detect.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The current run of identical valid values of one series; kept by {@link
 * dev.vigil.jobs.detect.SeriesDetector} in the series' state.
 *
 * <p>A new run starts with almost every reading of a live series, and few runs ever fire: the run
 * keeps the numbers of its latest readings ({@link Seen}) and its {@linkplain #evidence() evidence}
 * text is written only when an alert needs it.
 *
 * @param value the repeated value
 * @param count how many valid readings in a row had it
 * @param start data time of the first of them; part of the alert id
 * @param lastTime data time of the latest reading judged
 * @param firing whether the run was reported as a flatline
 * @param sourceId the device's source
 * @param outletId the device's outlet; nullable
 * @param mn the device
 * @param pollutantCode the pollutant
 * @param trail the latest readings of the run, oldest first
 */
public record FlatlineRun(
        double value,
        int count,
        Instant start,
        Instant lastTime,
        boolean firing,
        String sourceId,
        String outletId,
        String mn,
        String pollutantCode,
        List<Seen> trail) {

    /**
     * One reading of the run, as much of it as its evidence needs; the series (MN, pollutant) is
     * the run's.
     *
     * @param ref the frame's raw digest
     * @param time the reading's data time
     * @param value its value
     * @param kind its kind
     * @param flag its data flag as sent
     */
    public record Seen(String ref, Instant time, double value, DataKind kind, String flag) {

        static Seen of(Reading reading) {
            return new Seen(
                    reading.ref(),
                    reading.dataTime(),
                    reading.value(),
                    reading.kind(),
                    reading.flag());
        }

        /** This reading as evidence, as {@link Reading#evidence()} gives it. */
        Evidence evidence(String pollutantCode, String mn) {
            return new Evidence(
                    Evidence.Kind.READING,
                    ref,
                    time,
                    value,
                    Reading.describe(pollutantCode, kind, value, flag, mn));
        }
    }

    static FlatlineRun start(Reading reading) {
        return new FlatlineRun(
                reading.value(),
                1,
                reading.dataTime(),
                reading.dataTime(),
                false,
                reading.sourceId(),
                reading.outletId(),
                reading.mn(),
                reading.pollutantCode(),
                List.of(Seen.of(reading)));
    }

    FlatlineRun repeated(Reading reading, int evidenceLimit) {
        return new FlatlineRun(
                value,
                count + 1,
                start,
                reading.dataTime(),
                firing,
                sourceId,
                outletId,
                mn,
                pollutantCode,
                append(trail, Seen.of(reading), evidenceLimit));
    }

    /** The latest readings of the run as evidence, oldest first. */
    public List<Evidence> evidence() {
        List<Evidence> evidence = new ArrayList<>(trail.size());
        for (Seen seen : trail) {
            evidence.add(seen.evidence(pollutantCode, mn));
        }
        return List.copyOf(evidence);
    }

    /**
     * The trail with one more entry, keeping the latest {@code limit}, as {@code EvidenceTrail}.
     */
    private static List<Seen> append(List<Seen> trail, Seen entry, int limit) {
        int skip = Math.max(0, trail.size() + 1 - limit);
        List<Seen> next = new ArrayList<>(trail.size() + 1 - skip);
        for (int i = skip; i < trail.size(); i++) {
            next.add(trail.get(i));
        }
        next.add(entry);
        return List.copyOf(next);
    }

    FlatlineRun reported() {
        return new FlatlineRun(
                value, count, start, lastTime, true, sourceId, outletId, mn, pollutantCode, trail);
    }

    /** The same for its FIRING and RESOLVED records, and after a restart. */
    public String alertId() {
        return Alert.idFor(
                Alert.Type.FLATLINE.name(),
                sourceId,
                outletId,
                pollutantCode,
                mn,
                start.toString());
    }
}
