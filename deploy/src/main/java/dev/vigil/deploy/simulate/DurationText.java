package dev.vigil.deploy.simulate;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations as people type them in options and scenario files: {@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 2d}, or ISO-8601 such as {@code PT30S}.
 */
final class DurationText {

    private static final Pattern FORM = Pattern.compile("((\\d+)(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationText() {}

    /** Parses a duration; the exception message says what form is expected. */
    static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(expected(text));
            }
        }
        if (!FORM.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(expected(text));
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total =
                        total.plus(
                                switch (part.group(2)) {
                                    case "ms" -> Duration.ofMillis(amount);
                                    case "s" -> Duration.ofSeconds(amount);
                                    case "m" -> Duration.ofMinutes(amount);
                                    case "h" -> Duration.ofHours(amount);
                                    default -> Duration.ofDays(amount);
                                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too long");
        }
        return total;
    }

    /** Formats a duration the way {@link #parse} reads it, e.g. {@code 1h30m}, {@code 500ms}. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        int hours = duration.toHoursPart();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        append(text, days, "d");
        append(text, hours, "h");
        append(text, minutes, "m");
        append(text, seconds, "s");
        append(text, millis, "ms");
        return text.length() == 0 ? duration.toString() : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    private static String expected(String text) {
        return "expected a duration such as 500ms, 30s, 10m, 1h30m or PT30S, got '" + text + "'";
    }
}
