package dev.vigil.jobs.detect.flatline;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.EvidenceTrail;
import dev.vigil.jobs.detect.AlertBuilder;
import dev.vigil.jobs.detect.Reading;
import java.io.Serializable;
import java.time.Instant;

/**
 * Spots a stuck instrument or copied data: the same value in {@code readings} valid real-time
 * readings in a row fires a FLATLINE alert, the first different valid value resolves it. Readings
 * with an invalid flag are skipped (they neither extend nor break a run); readings not newer than
 * the last one judged change nothing, so a repeated frame is not counted twice.
 */
public final class FlatlineTracker implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int readings;
    private final int evidenceLimit;

    public FlatlineTracker(int readings, int evidenceLimit) {
        this.readings = readings;
        this.evidenceLimit = evidenceLimit;
    }

    /** The run after a reading and the alert it caused, if any. */
    public Step next(FlatlineRun run, Reading reading, Instant now) {
        if (!reading.flagValid() || (run != null && !reading.dataTime().isAfter(run.lastTime()))) {
            return new Step(run, null);
        }
        if (run != null && Double.compare(run.value(), reading.value()) == 0) {
            FlatlineRun longer = run.repeated(reading, evidenceLimit);
            if (!longer.firing() && longer.count() >= readings) {
                FlatlineRun reported = longer.reported();
                return new Step(reported, alert(reported, Alert.State.FIRING, reading, now));
            }
            return new Step(longer, null);
        }
        Alert resolved =
                run != null && run.firing() ? alert(run, Alert.State.RESOLVED, reading, now) : null;
        return new Step(FlatlineRun.start(reading), resolved);
    }

    private Alert alert(FlatlineRun run, Alert.State state, Reading reading, Instant now) {
        String message =
                state == Alert.State.FIRING
                        ? run.pollutantCode()
                                + " of device "
                                + run.mn()
                                + " repeated "
                                + run.value()
                                + " in "
                                + run.count()
                                + " valid readings since "
                                + run.start()
                                + ": stuck instrument or falsified data suspected"
                        : run.pollutantCode()
                                + " of device "
                                + run.mn()
                                + " changes again ("
                                + reading.value()
                                + ")";
        return AlertBuilder.alert(run.alertId(), Alert.Type.FLATLINE, state)
                .severity(Severity.WARNING)
                .about(run.sourceId(), run.outletId(), run.pollutantCode(), run.mn())
                .value(reading.value(), null)
                .dataKind(DataKind.REALTIME)
                .evidence(
                        state == Alert.State.FIRING
                                ? run.evidence()
                                : EvidenceTrail.append(
                                        run.evidence(), reading.evidence(), evidenceLimit))
                .at(reading.dataTime(), now)
                .message(message)
                .build();
    }

    /**
     * The run after one reading and what to emit.
     *
     * @param run the current run; {@code null} only before the first valid reading
     * @param alert the FIRING or RESOLVED record; {@code null} for none
     */
    public record Step(FlatlineRun run, Alert alert) {}
}
