package dev.vigil.jobs.detect.hourly;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.StableId;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.jobs.detect.AlertBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The DATA_MISMATCH alert of an hour whose device-reported hourly value disagrees with the device's
 * own real-time values (suspected data manipulation): one per hour, resolved only by a revision
 * that removes the disagreement.
 */
public final class HourlyMismatch {

    private HourlyMismatch() {}

    /** The id of the hour's mismatch alert. */
    public static String alertId(HourlyResult hour) {
        return Alert.idFor(
                Alert.Type.DATA_MISMATCH.name(),
                hour.sourceId(),
                hour.outletId(),
                hour.pollutantCode(),
                hour.mn(),
                hour.hourStart().toString());
    }

    /** FIRING when the hour's values disagree, RESOLVED when a revision made them agree. */
    public static Alert alert(HourlyResult hour, Alert.State state, Instant now) {
        List<Evidence> evidence = new ArrayList<>(2);
        if (hour.official() != null) {
            evidence.add(
                    new Evidence(
                            Evidence.Kind.READING,
                            hour.ref(),
                            hour.hourStart(),
                            hour.official(),
                            hour.pollutantCode() + " hourly value sent by device " + hour.mn()));
        }
        if (hour.computed() != null) {
            evidence.add(
                    new Evidence(
                            Evidence.Kind.READING,
                            StableId.of(
                                    "hourly",
                                    hour.mn(),
                                    hour.pollutantCode(),
                                    Long.toString(hour.hourStart().toEpochMilli())),
                            hour.hourStart(),
                            hour.computed(),
                            hour.pollutantCode()
                                    + " average of "
                                    + hour.validCount()
                                    + " valid real-time values"));
        }
        String message =
                state == Alert.State.FIRING
                        ? "Device "
                                + hour.mn()
                                + " reported "
                                + hour.pollutantCode()
                                + " hourly "
                                + hour.official()
                                + " for "
                                + hour.hourStart()
                                + ", but its own real-time values average "
                                + hour.computed()
                                + ": data manipulation suspected"
                        : "Device "
                                + hour.mn()
                                + " hourly "
                                + hour.pollutantCode()
                                + " for "
                                + hour.hourStart()
                                + " agrees with its real-time values after revision";
        return AlertBuilder.alert(alertId(hour), Alert.Type.DATA_MISMATCH, state)
                .severity(Severity.ALARM)
                .about(hour.sourceId(), hour.outletId(), hour.pollutantCode(), hour.mn())
                .value(hour.official(), hour.computed())
                .dataKind(DataKind.HOURLY)
                .evidence(evidence)
                .at(hour.hourStart(), now)
                .revised(hour.revised())
                .message(message)
                .build();
    }
}
