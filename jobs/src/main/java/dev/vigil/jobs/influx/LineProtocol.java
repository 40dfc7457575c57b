package dev.vigil.jobs.influx;

import java.util.Objects;

/**
 * The escaping rules of InfluxDB line protocol, in one place so that no name or value can break a
 * line or land in the wrong element.
 *
 * <p>Measurements escape commas and spaces; tag keys, tag values and field keys escape commas,
 * equals signs and spaces; string field values are quoted and escape double quotes and backslashes.
 * Backslashes in names are written as they are, because InfluxDB 1.x keeps {@code \\} in a tag as
 * two characters. That leaves names line protocol cannot carry at all: empty ones, ones with a line
 * break, and ones where a backslash ends the name or stands right before a character that must be
 * escaped (InfluxDB would read the pair as an escape); {@link #isWritableName} tells them apart and
 * the escaping methods reject them.
 */
public final class LineProtocol {

    /** The earliest time InfluxDB stores, in milliseconds (1677-09-21, nanoseconds in a long). */
    public static final long MIN_TIMESTAMP_MILLIS = -9_223_372_036_854L;

    /** The latest time InfluxDB stores, in milliseconds (2262-04-11). */
    public static final long MAX_TIMESTAMP_MILLIS = 9_223_372_036_854L;

    private static final String MEASUREMENT_SPECIALS = ", ";
    private static final String KEY_SPECIALS = ",= ";

    private LineProtocol() {}

    /** The measurement name escaped for the start of a line. */
    public static String measurement(String name) {
        requireWritable(name, MEASUREMENT_SPECIALS, "measurement");
        if (name.charAt(0) == '#') {
            // A line starting with '#' is a comment: the point would vanish without an error.
            throw new IllegalArgumentException("measurement must not start with '#': " + name);
        }
        return escape(name, MEASUREMENT_SPECIALS);
    }

    /** A tag key, tag value or field key, escaped. */
    public static String key(String name) {
        requireWritable(name, KEY_SPECIALS, "tag or field name");
        return escape(name, KEY_SPECIALS);
    }

    /** A string field value, quoted and escaped; any text is allowed. */
    public static String stringValue(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /**
     * Whether a string can be a tag key, tag value or field key exactly as it is; see the class
     * comment for what cannot.
     */
    public static boolean isWritableName(String name) {
        return problem(name, KEY_SPECIALS) == null;
    }

    /**
     * Whether InfluxDB can store a point at this time; it rejects the whole request for one point
     * outside its range.
     */
    public static boolean isWritableTime(long timestampMillis) {
        return timestampMillis >= MIN_TIMESTAMP_MILLIS && timestampMillis <= MAX_TIMESTAMP_MILLIS;
    }

    private static void requireWritable(String name, String specials, String what) {
        String problem = problem(name, specials);
        if (problem != null) {
            throw new IllegalArgumentException(
                    what + " cannot be written in line protocol (" + problem + "): " + name);
        }
    }

    private static String problem(String name, String specials) {
        if (name == null || name.isEmpty()) {
            return "empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\n' || c == '\r') {
                return "line break";
            }
            if (c == '\\') {
                if (i == name.length() - 1) {
                    return "ends with a backslash";
                }
                if (specials.indexOf(name.charAt(i + 1)) >= 0) {
                    return "backslash before '" + name.charAt(i + 1) + "'";
                }
            }
        }
        return null;
    }

    private static String escape(String name, String specials) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (specials.indexOf(c) >= 0) {
                if (out == null) {
                    out = new StringBuilder(name.length() + 8).append(name, 0, i);
                }
                out.append('\\');
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? name : out.toString();
    }
}
