package dev.vigil.jobs.influx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One InfluxDB point (measurement, tags, fields, millisecond timestamp) that renders itself as one
 * line of line protocol; the same point always renders the same line, tags sorted by key as
 * InfluxDB prefers.
 *
 * <p>Field values are {@link Double} (finite, written as floats), {@link Long} (integers), {@link
 * Boolean} or {@link String}. InfluxDB identifies a point by measurement, tag set and timestamp, so
 * writing an equal point again overwrites it instead of adding one.
 *
 * @param measurement the measurement name
 * @param tags tag keys to values, sorted by key; values must not be empty
 * @param fields field keys to values, in insertion order; at least one
 * @param timestampMillis the point's time in milliseconds since the epoch (write with {@code
 *     precision=ms})
 */
public record Point(
        String measurement,
        SortedMap<String, String> tags,
        Map<String, Object> fields,
        long timestampMillis) {

    public Point {
        LineProtocol.measurement(measurement);
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        tags.forEach(
                (key, value) -> {
                    LineProtocol.key(key);
                    LineProtocol.key(value);
                });
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one field: " + measurement);
        }
        fields.forEach(Point::requireFieldValue);
        if (!LineProtocol.isWritableTime(timestampMillis)) {
            throw new IllegalArgumentException(
                    "timestamp outside InfluxDB's range: " + timestampMillis + " ms");
        }
    }

    /** Starts a point of this measurement. */
    public static Builder builder(String measurement) {
        return new Builder(measurement);
    }

    /** This point as one line of line protocol, without the line break. */
    public String toLineProtocol() {
        StringBuilder line = new StringBuilder(128).append(LineProtocol.measurement(measurement));
        tags.forEach(
                (key, value) ->
                        line.append(',')
                                .append(LineProtocol.key(key))
                                .append('=')
                                .append(LineProtocol.key(value)));
        char separator = ' ';
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            line.append(separator).append(LineProtocol.key(field.getKey())).append('=');
            appendValue(line, field.getValue());
            separator = ',';
        }
        return line.append(' ').append(timestampMillis).toString();
    }

    private static void appendValue(StringBuilder line, Object value) {
        if (value instanceof Double d) {
            // Double.toString always has a '.' or an exponent, so InfluxDB reads a float,
            // never an integer that would conflict with the field's type.
            line.append(d);
        } else if (value instanceof Long l) {
            line.append(l).append('i');
        } else if (value instanceof Boolean b) {
            line.append(b);
        } else {
            line.append(LineProtocol.stringValue((String) value));
        }
    }

    private static void requireFieldValue(String key, Object value) {
        LineProtocol.key(key);
        Objects.requireNonNull(value, () -> "field " + key + " has no value");
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("field " + key + " is not finite: " + d);
            }
        } else if (!(value instanceof Long
                || value instanceof Boolean
                || value instanceof String)) {
            throw new IllegalArgumentException(
                    "field "
                            + key
                            + " must be a Double, Long, Boolean or String, was "
                            + value.getClass().getName());
        }
    }

    /** Collects the tags and fields of a {@link Point}. */
    public static final class Builder {
        private final String measurement;
        private final SortedMap<String, String> tags = new TreeMap<>();
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String measurement) {
            this.measurement = Objects.requireNonNull(measurement, "measurement");
        }

        /** Adds or replaces a tag. */
        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** Adds or replaces a field; a {@code null} value leaves the field out. */
        public Builder field(String key, Object value) {
            if (value != null) {
                fields.put(key, value);
            }
            return this;
        }

        /** Whether at least one field was added. */
        public boolean hasFields() {
            return !fields.isEmpty();
        }

        /** The point at this time. */
        public Point at(long timestampMillis) {
            return new Point(measurement, tags, fields, timestampMillis);
        }
    }
}
