package dev.vigil.jobs.detect;

import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.influx.LineProtocol;
import dev.vigil.jobs.influx.Point;
import java.util.Locale;
import java.util.Optional;

/**
 * Alerts as InfluxDB points of measurement {@value #MEASUREMENT} at their event time, for charts
 * beside the readings: tags {@code type}, {@code state}, {@code source} and, where known, {@code
 * outlet}, {@code pollutant}, {@code mn} and {@code rule}; fields {@code alert_id}, {@code
 * severity}, {@code value}, {@code limit}, {@code rule_version}, {@code revised}, {@code
 * suppressed} and {@code message}.
 *
 * <p>The alert id is a field, not a tag, to keep series cardinality bounded; the tags still tell
 * apart every record of one alert (state, time), and a repeated or revised record of the same alert
 * overwrites its point, so rewrites are idempotent.
 */
public final class AlertPoints {

    public static final String MEASUREMENT = "alert";

    private AlertPoints() {}

    /** The alert's point; empty when a tag cannot be written in line protocol. */
    public static Optional<Point> of(Alert alert) {
        Point.Builder point =
                Point.builder(MEASUREMENT)
                        .field("alert_id", alert.alertId())
                        .field("severity", alert.severity().name())
                        .field("value", alert.value())
                        .field("limit", alert.limit())
                        .field("rule_version", alert.ruleVersion())
                        .field("revised", alert.revised())
                        .field("suppressed", alert.suppressed())
                        .field("message", alert.message());
        if (!tag(point, "type", alert.type().name().toLowerCase(Locale.ROOT))
                || !tag(point, "state", alert.state().name().toLowerCase(Locale.ROOT))
                || !tag(point, "source", alert.sourceId())
                || !tag(point, "outlet", alert.outletId())
                || !tag(point, "pollutant", alert.pollutantCode())
                || !tag(point, "mn", alert.deviceMn())
                || !tag(point, "rule", alert.ruleId())) {
            return Optional.empty();
        }
        long time = alert.eventTime().toEpochMilli();
        return LineProtocol.isWritableTime(time) ? Optional.of(point.at(time)) : Optional.empty();
    }

    /** Adds a tag if it has a value; false when the value cannot be written. */
    static boolean tag(Point.Builder point, String key, String value) {
        if (value == null) {
            return true;
        }
        if (!LineProtocol.isWritableName(value)) {
            return false;
        }
        point.tag(key, value);
        return true;
    }
}
