package dev.vigil.deploy.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Value parsers for settings; each throws with a short reason the loader puts next to the key. */
final class Parsers {
    private Parsers() {}

    static final Function<String, String> TEXT = s -> s;

    static final Function<String, Integer> PORT =
            s -> {
                int port = integer(s);
                if (port < 0 || port > 65_535) {
                    throw new IllegalArgumentException("a port is 0..65535");
                }
                return port;
            };

    static final Function<String, Integer> POSITIVE =
            s -> {
                int n = integer(s);
                if (n < 1) {
                    throw new IllegalArgumentException("must be at least 1");
                }
                return n;
            };

    /** A port, or empty for "none of its own" (the setting's description says what then). */
    static final Function<String, Optional<Integer>> OPTIONAL_PORT =
            s -> s.isEmpty() ? Optional.empty() : Optional.of(PORT.apply(s));

    /** A decimal number above zero, such as {@code 0.5}. */
    static final Function<String, Double> POSITIVE_DECIMAL =
            s -> {
                double d = decimal(s);
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("must be a number above zero");
                }
                return d;
            };

    /** A share within 0..1, such as {@code 0.25}. */
    static final Function<String, Double> FRACTION =
            s -> {
                double d = decimal(s);
                if (!(d >= 0 && d <= 1)) {
                    throw new IllegalArgumentException("must be within 0..1");
                }
                return d;
            };

    /** A time zone id such as {@code Asia/Shanghai}, or empty for the machine's own. */
    static final Function<String, ZoneId> ZONE =
            s -> {
                if (s.isEmpty()) {
                    return ZoneId.systemDefault();
                }
                try {
                    return ZoneId.of(s);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException(
                            "expected a time zone such as Asia/Shanghai or UTC");
                }
            };

    /** A URL path starting with {@code /}, without a trailing one. */
    static final Function<String, String> PATH =
            s -> {
                if (!s.startsWith("/") || s.length() < 2) {
                    throw new IllegalArgumentException("expected a path such as /agency/v1");
                }
                return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
            };

    static final Function<String, Boolean> BOOLEAN =
            s ->
                    switch (s.toLowerCase(Locale.ROOT)) {
                        case "true", "yes", "on" -> true;
                        case "false", "no", "off" -> false;
                        default -> throw new IllegalArgumentException("expected true or false");
                    };

    /**
     * Durations as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601
     * ({@code PT10S}).
     */
    static final Function<String, Duration> DURATION = Parsers::duration;

    /** An http(s) URL, or empty to mean "start the embedded one". */
    static final Function<String, String> OPTIONAL_URL =
            s -> {
                if (s.isEmpty()) {
                    return s;
                }
                URI uri = URI.create(s);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("expected an http:// or https:// URL");
                }
                return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
            };

    /** Sizes in bytes as {@code 512KiB}, {@code 16MiB}, {@code 1GiB} or a plain number of bytes. */
    static final Function<String, Long> SIZE = Parsers::size;

    private static long size(String s) {
        int split = 0;
        while (split < s.length() && Character.isDigit(s.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("expected a size such as 512KiB, 16MiB or 1048576");
        }
        long amount = Long.parseLong(s.substring(0, split));
        long unit =
                switch (s.substring(split).trim()) {
                    case "", "B" -> 1L;
                    case "KiB" -> 1L << 10;
                    case "MiB" -> 1L << 20;
                    case "GiB" -> 1L << 30;
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown unit '" + s.substring(split) + "' (B, KiB, MiB, GiB)");
                };
        if (amount < 1) {
            throw new IllegalArgumentException("must be at least 1 byte");
        }
        return Math.multiplyExact(amount, unit);
    }

    private static double decimal(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number");
        }
    }

    private static int integer(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
    }

    private static Duration duration(String s) {
        if (s.startsWith("P") || s.startsWith("p")) {
            return Duration.parse(s);
        }
        int split = 0;
        while (split < s.length() && Character.isDigit(s.charAt(split))) {
            split++;
        }
        if (split == 0 || split == s.length()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 10s, 5m, 2h");
        }
        long amount = Long.parseLong(s.substring(0, split));
        Duration d =
                switch (s.substring(split)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown unit '" + s.substring(split) + "' (ms, s, m, h, d)");
                };
        if (d.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return d;
    }
}
