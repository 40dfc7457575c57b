package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import dev.vigil.jobs.readings.ReadingPoints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a report of a registered device into the {@link Reading}s detectors judge: the real-time
 * value ({@code -Rtd}) of CN 2011, the average ({@code -Avg}) of CN 2051, 2061 and 2031, one per
 * pollutant that has it, each marked as backlog when it arrived long after its interval ended.
 */
public final class ReportReadings {

    private ReportReadings() {}

    /**
     * Whether the report's DataTime lies further ahead of its receive time than any device clock
     * may: such a time is absurd, and judging it would open windows that close decades from now.
     */
    public static boolean aheadOfReceipt(Report report, Duration maxClockAhead) {
        return report.dataTime() != null
                && report.dataTime().isAfter(report.receivedAt().plus(maxClockAhead));
    }

    /** The readings of a report; none for frames without data values or without a DataTime. */
    public static List<Reading> of(
            Report report, DeviceRegistration device, Duration backlogAfter) {
        Optional<DataKind> kind = report.dataKind();
        if (kind.isEmpty() || report.dataTime() == null) {
            return List.of();
        }
        Instant end = intervalEnd(kind.get(), report.dataTime(), device);
        boolean backlog = report.receivedAt().isAfter(end.plus(backlogAfter));
        List<Reading> readings = new ArrayList<>(report.pollutants().size());
        for (Pollutant pollutant : report.pollutants()) {
            Double value = kind.get() == DataKind.REALTIME ? pollutant.rtd() : pollutant.avg();
            if (value == null) {
                continue;
            }
            readings.add(
                    new Reading(
                            report.mn(),
                            device.sourceId(),
                            device.outletId(),
                            pollutant.code(),
                            kind.get(),
                            value,
                            ReadingPoints.flag(pollutant),
                            report.dataTime(),
                            report.receivedAt(),
                            report.rawDigest(),
                            backlog,
                            device.realtimeIntervalMillis(),
                            device.water()));
        }
        return List.copyOf(readings);
    }

    /** When the interval a value describes ended; a real-time value describes its instant. */
    static Instant intervalEnd(DataKind kind, Instant dataTime, DeviceRegistration device) {
        return switch (kind) {
            case REALTIME -> dataTime;
            case MINUTE -> dataTime.plusMillis(device.minuteIntervalMillis());
            case HOURLY -> dataTime.plus(Duration.ofHours(1));
            case DAILY -> dataTime.plus(Duration.ofDays(1));
        };
    }
}
