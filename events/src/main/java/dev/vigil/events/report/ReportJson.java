package dev.vigil.events.report;

import dev.vigil.events.CivilDate;
import dev.vigil.events.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} as the very bytes {@link Json#toBytes(Object)} gives, straight into a
 * UTF-8 buffer instead of through databind, because databind's walk over each report was the
 * largest single item (18.6 %) of the gateway's CPU profile at steady state (issue #8).
 *
 * <p>It repeats the rules of Vigil's mapper: record components in declaration order, {@code null}
 * components left out, empty lists and maps kept, map entries sorted by key, instants as {@link
 * java.time.format.DateTimeFormatter#ISO_INSTANT} strings, doubles as {@link Double#toString}, and
 * Jackson's string escapes. Where matching is not cheap it does not try: a string with a lone
 * surrogate sends the whole report to databind, and doubles or instants outside the fast paths are
 * written with {@code Double.toString} and {@code Instant.toString} themselves. {@code
 * ReportJsonTest} proves the equality over every double of the fast path and real, edge-case and
 * random reports. Reading stays with databind. Thread-safe: each thread has its own buffer.
 */
public final class ReportJson {

    /** Powers of ten for the short-decimal path of {@link Out#number(double)}. */
    private static final double[] POW10 = {1, 10, 100, 1_000, 10_000};

    private static final long[] POW10_LONG = {1, 10, 100, 1_000, 10_000};

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** The largest buffer a thread keeps between reports; a bigger report gets its own. */
    private static final int KEPT_BUFFER = 64 * 1024;

    private static final ThreadLocal<Out> OUT = ThreadLocal.withInitial(Out::new);

    private ReportJson() {}

    /** The report as UTF-8 JSON, byte for byte what {@link Json#toBytes(Object)} writes. */
    public static byte[] toBytes(Report report) {
        if (report == null) {
            return null;
        }
        byte[] json = write(report);
        // Databind either writes the same report or throws the error callers already expect.
        return json != null ? json : Json.toBytes(report);
    }

    /** The hand-written path alone; {@code null} when the report needs databind. */
    static byte[] write(Report report) {
        Out out = OUT.get();
        out.pos = 0;
        try {
            return out.report(report) ? Arrays.copyOf(out.buf, out.pos) : null;
        } finally {
            if (out.buf.length > KEPT_BUFFER) {
                out.buf = new byte[1024];
            }
        }
    }

    /**
     * The shortest decimal of a double with at most seven significant digits and at most four
     * fraction digits, in {@code [0.001, 10^7)}, as {@code m / 10^k}; {@code -1} for any other.
     * Packed as {@code m * 8 + k}. {@code ReportJsonTest} checks every such double against {@code
     * Double.toString}, which writes exactly these digits for them.
     */
    static long shortDecimal(double abs) {
        if (!(abs >= 1e-3 && abs < 1e7)) {
            return -1;
        }
        for (int k = 0; k < POW10.length; k++) {
            double scaled = abs * POW10[k];
            if (scaled >= 1e7) {
                return -1;
            }
            long m = Math.round(scaled);
            // m / 10^k divides two exact doubles, so it is the double nearest that decimal.
            if (m / POW10[k] == abs) {
                return k == 4 && m < 10 ? -1 : m * 8 + k;
            }
        }
        return -1;
    }

    /** A growable UTF-8 buffer with the few JSON writes a report needs. */
    private static final class Out {
        byte[] buf = new byte[1024];
        int pos;

        /** Writes the report; {@code false} when a string holds a lone surrogate. */
        boolean report(Report r) {
            raw("{\"mn\":");
            if (!string(r.mn())) {
                return false;
            }
            raw(",\"protocol\":");
            if (!string(r.protocol())) {
                return false;
            }
            raw(",\"cn\":");
            if (!string(r.cn())) {
                return false;
            }
            raw(",\"st\":");
            if (!string(r.st())) {
                return false;
            }
            if (r.qn() != null) {
                raw(",\"qn\":");
                if (!string(r.qn())) {
                    return false;
                }
            }
            if (r.flag() != null) {
                raw(",\"flag\":");
                integer(r.flag());
            }
            if (r.dataTime() != null) {
                raw(",\"dataTime\":");
                instant(r.dataTime());
            }
            raw(",\"receivedAt\":");
            instant(r.receivedAt());
            raw(",\"pollutants\":[");
            List<Pollutant> pollutants = r.pollutants();
            for (int i = 0, n = pollutants.size(); i < n; i++) {
                if (i > 0) {
                    put(',');
                }
                if (!pollutant(pollutants.get(i))) {
                    return false;
                }
            }
            raw("],\"fields\":");
            if (!map(r.fields())) {
                return false;
            }
            if (r.packetCount() != null) {
                raw(",\"packetCount\":");
                integer(r.packetCount());
            }
            if (r.packetNumber() != null) {
                raw(",\"packetNumber\":");
                integer(r.packetNumber());
            }
            raw(",\"warnings\":[");
            List<String> warnings = r.warnings();
            for (int i = 0, n = warnings.size(); i < n; i++) {
                if (i > 0) {
                    put(',');
                }
                if (!string(warnings.get(i))) {
                    return false;
                }
            }
            raw("],\"rawDigest\":");
            if (!string(r.rawDigest())) {
                return false;
            }
            put('}');
            return true;
        }

        private boolean pollutant(Pollutant p) {
            raw("{\"code\":");
            if (!string(p.code())) {
                return false;
            }
            numberField(",\"rtd\":", p.rtd());
            numberField(",\"min\":", p.min());
            numberField(",\"avg\":", p.avg());
            numberField(",\"max\":", p.max());
            numberField(",\"zsRtd\":", p.zsRtd());
            numberField(",\"zsMin\":", p.zsMin());
            numberField(",\"zsAvg\":", p.zsAvg());
            numberField(",\"zsMax\":", p.zsMax());
            numberField(",\"cou\":", p.cou());
            if (p.flag() != null) {
                raw(",\"flag\":");
                if (!string(p.flag())) {
                    return false;
                }
            }
            if (p.eflag() != null) {
                raw(",\"eflag\":");
                if (!string(p.eflag())) {
                    return false;
                }
            }
            if (p.sampleTime() != null) {
                raw(",\"sampleTime\":");
                instant(p.sampleTime());
            }
            raw(",\"extra\":");
            if (!map(p.extra())) {
                return false;
            }
            put('}');
            return true;
        }

        private void numberField(String nameWithComma, Double value) {
            if (value != null) {
                raw(nameWithComma);
                number(value.doubleValue());
            }
        }

        /** The map sorted by key, as the mapper's ORDER_MAP_ENTRIES_BY_KEYS; no nulls inside. */
        private boolean map(Map<String, String> map) {
            put('{');
            int size = map.size();
            if (size == 1) {
                Map.Entry<String, String> only = map.entrySet().iterator().next();
                if (!entry(only.getKey(), only.getValue())) {
                    return false;
                }
            } else if (size > 1) {
                String[] keys = map.keySet().toArray(new String[size]);
                Arrays.sort(keys);
                for (int i = 0; i < size; i++) {
                    if (i > 0) {
                        put(',');
                    }
                    if (!entry(keys[i], map.get(keys[i]))) {
                        return false;
                    }
                }
            }
            put('}');
            return true;
        }

        private boolean entry(String key, String value) {
            if (!string(key)) {
                return false;
            }
            put(':');
            return string(value);
        }

        /**
         * A JSON string as Jackson's UTF-8 generator writes it: {@code "} and {@code \} escaped,
         * control characters as {@code \b \t \n \f \r} or a six-character escape, a surrogate pair
         * as two such escapes, everything else as UTF-8; {@code false} for a lone surrogate, whose
         * handling is Jackson's to decide.
         */
        private boolean string(String s) {
            int length = s.length();
            // At most 6 bytes per char (an escape), 2 quotes.
            ensure(6 * length + 2);
            byte[] b = buf;
            int p = pos;
            b[p++] = '"';
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        b[p++] = (byte) c;
                    } else {
                        b[p++] = '\\';
                        switch (c) {
                            case '"' -> b[p++] = '"';
                            case '\\' -> b[p++] = '\\';
                            case '\b' -> b[p++] = 'b';
                            case '\t' -> b[p++] = 't';
                            case '\n' -> b[p++] = 'n';
                            case '\f' -> b[p++] = 'f';
                            case '\r' -> b[p++] = 'r';
                            default -> {
                                p--;
                                p = escape(b, p, c);
                            }
                        }
                    }
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else if (!Character.isSurrogate(c)) {
                    b[p++] = (byte) (0xE0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    if (!Character.isHighSurrogate(c)
                            || i + 1 == length
                            || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return false;
                    }
                    // Jackson escapes a pair as two escapes rather than one 4-byte UTF-8 sequence.
                    p = escape(b, p, c);
                    p = escape(b, p, s.charAt(++i));
                }
            }
            b[p++] = '"';
            pos = p;
            return true;
        }

        /** The six-character escape of a char, upper-case hex as Jackson writes it. */
        private static int escape(byte[] b, int p, char c) {
            b[p++] = '\\';
            b[p++] = 'u';
            b[p++] = HEX[c >> 12];
            b[p++] = HEX[(c >> 8) & 0xF];
            b[p++] = HEX[(c >> 4) & 0xF];
            b[p++] = HEX[c & 0xF];
            return p;
        }

        /**
         * An instant as ISO_INSTANT writes it (fraction in groups of three digits, none when zero);
         * years outside 1970..9999 go through {@code Instant.toString}.
         */
        private void instant(Instant value) {
            long seconds = value.getEpochSecond();
            if (seconds < 0 || seconds > 253_402_300_799L) {
                put('"');
                ascii(value.toString());
                put('"');
                return;
            }
            ensure(32);
            long day = seconds / 86_400;
            int secondOfDay = (int) (seconds - day * 86_400);
            int date = CivilDate.yyyymmdd(day);
            put('"');
            digits(date / 10_000, 4);
            put('-');
            digits(date / 100 % 100, 2);
            put('-');
            digits(date % 100, 2);
            put('T');
            digits(secondOfDay / 3_600, 2);
            put(':');
            digits(secondOfDay / 60 % 60, 2);
            put(':');
            digits(secondOfDay % 60, 2);
            int nano = value.getNano();
            if (nano != 0) {
                put('.');
                if (nano % 1_000_000 == 0) {
                    digits(nano / 1_000_000, 3);
                } else if (nano % 1_000 == 0) {
                    digits(nano / 1_000, 6);
                } else {
                    digits(nano, 9);
                }
            }
            put('Z');
            put('"');
        }

        /** A double as {@link Double#toString}: short decimals by hand, the rest by the JDK. */
        private void number(double value) {
            long bits = Double.doubleToRawLongBits(value);
            if (bits == 0L) {
                raw("0.0");
                return;
            }
            if (bits == Long.MIN_VALUE) {
                raw("-0.0");
                return;
            }
            long packed = shortDecimal(Math.abs(value));
            if (packed < 0) {
                ascii(Double.toString(value));
                return;
            }
            ensure(24);
            if (value < 0) {
                put('-');
            }
            int k = (int) (packed & 7);
            long m = packed >>> 3;
            long whole = m / POW10_LONG[k];
            integer(whole);
            put('.');
            if (k == 0) {
                put('0');
            } else {
                digits((int) (m - whole * POW10_LONG[k]), k);
            }
        }

        private void integer(long value) {
            ensure(20);
            if (value < 0) {
                if (value == Long.MIN_VALUE) {
                    ascii(Long.toString(value));
                    return;
                }
                put('-');
                value = -value;
            }
            int width = 1;
            for (long rest = value / 10; rest != 0; rest /= 10) {
                width++;
            }
            for (int i = pos + width - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            pos += width;
        }

        /** A non-negative value in exactly {@code width} digits, zero-padded. */
        private void digits(int value, int width) {
            ensure(width);
            for (int i = pos + width - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            pos += width;
        }

        /** Text known to be ASCII without characters to escape (names, numbers, instants). */
        private void ascii(String text) {
            int length = text.length();
            ensure(length);
            byte[] b = buf;
            int p = pos;
            for (int i = 0; i < length; i++) {
                b[p++] = (byte) text.charAt(i);
            }
            pos = p;
        }

        /** A constant piece of the JSON: punctuation and field names. */
        private void raw(String text) {
            ascii(text);
        }

        private void put(char c) {
            ensure(1);
            buf[pos++] = (byte) c;
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }
    }
}
