package dev.vigil.jobs.detect.hourly;

import dev.vigil.jobs.influx.LineProtocol;
import dev.vigil.jobs.influx.Point;
import java.util.Locale;
import java.util.Optional;

/**
 * Hourly results as InfluxDB points of measurement {@value #MEASUREMENT} at the hour's start: tags
 * {@code source}, {@code outlet} (when known), {@code mn} and {@code pollutant}; fields {@code
 * value} (when the hour has one), {@code computed}, {@code official}, {@code basis}, {@code valid}
 * (whether the hour has a value), {@code valid_count}, {@code total_count}, {@code expected_count}
 * and {@code revised}. A revision is the same point, so it overwrites the live result.
 */
public final class HourlyPoints {

    public static final String MEASUREMENT = "hourly";

    private HourlyPoints() {}

    /** The hour's point; empty when a tag cannot be written in line protocol. */
    public static Optional<Point> of(HourlyResult hour) {
        for (String tag :
                new String[] {hour.sourceId(), hour.mn(), hour.pollutantCode(), hour.outletId()}) {
            if (tag != null && !LineProtocol.isWritableName(tag)) {
                return Optional.empty();
            }
        }
        Point.Builder point =
                Point.builder(MEASUREMENT)
                        .tag("source", hour.sourceId())
                        .tag("mn", hour.mn())
                        .tag("pollutant", hour.pollutantCode())
                        .field("value", hour.value())
                        .field("computed", hour.computed())
                        .field("official", hour.official())
                        .field("basis", hour.basis().name().toLowerCase(Locale.ROOT))
                        .field("valid", hour.value() != null)
                        .field("valid_count", (long) hour.validCount())
                        .field("total_count", (long) hour.totalCount())
                        .field("expected_count", (long) hour.expectedCount())
                        .field("revised", hour.revised());
        if (hour.outletId() != null) {
            point.tag("outlet", hour.outletId());
        }
        return Optional.of(point.at(hour.hourStart().toEpochMilli()));
    }
}
