package dev.vigil.jobs.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.events.Json;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code vigil.reports} values token by token instead of through Jackson's data binding,
 * which the detect benchmark's profile showed as most of the source's cost (property buffers,
 * reflective constructors, {@code DateTimeFormatter} for every instant).
 *
 * <p>It reads only the shape the contract's producers write: known fields of the right JSON types,
 * instants as {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, no duplicate fields. Anything else (unknown
 * fields excepted, which are skipped, as {@link Json} ignores them) and any error is handed to
 * {@link Json#fromBytes}, so every value, and every failure with its message, is exactly what data
 * binding gives.
 */
public final class ReportJsonReader implements ValueReader<Report> {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    @Override
    public Report read(byte[] json) {
        if (json == null) {
            return null;
        }
        Report report;
        try {
            report = readCanonical(json);
        } catch (RuntimeException | IOException e) {
            report = null; // data binding reads it again and reports the error its way
        }
        return report != null ? report : Json.fromBytes(json, Report.class);
    }

    /** The report, or null when the JSON is not in the canonical shape. */
    static Report readCanonical(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Report report = report(p);
            // Trailing tokens fail data binding (FAIL_ON_TRAILING_TOKENS): let it say so.
            return report != null && p.nextToken() == null ? report : null;
        }
    }

    private static Report report(JsonParser p) throws IOException {
        String mn = null;
        String protocol = null;
        String cn = null;
        String st = null;
        String qn = null;
        Integer flag = null;
        Instant dataTime = null;
        Instant receivedAt = null;
        List<Pollutant> pollutants = null;
        Map<String, String> fields = null;
        Integer packetCount = null;
        Integer packetNumber = null;
        List<String> warnings = null;
        String rawDigest = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            int bit = reportField(name);
            if (bit == 0) {
                p.nextToken();
                p.skipChildren();
                continue;
            }
            if ((seen & bit) != 0) {
                return null; // a duplicate: data binding decides which one counts
            }
            seen |= bit;
            JsonToken t = p.nextToken();
            switch (name) {
                case "mn" -> mn = string(p, t);
                case "protocol" -> protocol = string(p, t);
                case "cn" -> cn = string(p, t);
                case "st" -> st = string(p, t);
                case "qn" -> qn = string(p, t);
                case "flag" -> flag = integer(p, t);
                case "dataTime" -> dataTime = instant(p, t);
                case "receivedAt" -> receivedAt = instant(p, t);
                case "pollutants" -> pollutants = pollutants(p, t);
                case "fields" -> fields = map(p, t);
                case "packetCount" -> packetCount = integer(p, t);
                case "packetNumber" -> packetNumber = integer(p, t);
                case "warnings" -> warnings = strings(p, t);
                case "rawDigest" -> rawDigest = string(p, t);
                default -> throw new IllegalStateException(name);
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return null;
        }
        return new Report(
                mn,
                protocol,
                cn,
                st,
                qn,
                flag,
                dataTime,
                receivedAt,
                pollutants,
                fields,
                packetCount,
                packetNumber,
                warnings,
                rawDigest);
    }

    private static int reportField(String name) {
        return switch (name) {
            case "mn" -> 1;
            case "protocol" -> 1 << 1;
            case "cn" -> 1 << 2;
            case "st" -> 1 << 3;
            case "qn" -> 1 << 4;
            case "flag" -> 1 << 5;
            case "dataTime" -> 1 << 6;
            case "receivedAt" -> 1 << 7;
            case "pollutants" -> 1 << 8;
            case "fields" -> 1 << 9;
            case "packetCount" -> 1 << 10;
            case "packetNumber" -> 1 << 11;
            case "warnings" -> 1 << 12;
            case "rawDigest" -> 1 << 13;
            default -> 0;
        };
    }

    private static List<Pollutant> pollutants(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.START_ARRAY);
        List<Pollutant> list = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(t, JsonToken.START_OBJECT);
            list.add(pollutant(p));
        }
        return list;
    }

    private static Pollutant pollutant(JsonParser p) throws IOException {
        String code = null;
        Double rtd = null;
        Double min = null;
        Double avg = null;
        Double max = null;
        Double zsRtd = null;
        Double zsMin = null;
        Double zsAvg = null;
        Double zsMax = null;
        Double cou = null;
        String flag = null;
        String eflag = null;
        Instant sampleTime = null;
        Map<String, String> extra = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            int bit = pollutantField(name);
            if (bit == 0) {
                p.nextToken();
                p.skipChildren();
                continue;
            }
            if ((seen & bit) != 0) {
                throw new IllegalStateException("duplicate " + name);
            }
            seen |= bit;
            JsonToken t = p.nextToken();
            switch (name) {
                case "code" -> code = string(p, t);
                case "rtd" -> rtd = number(p, t);
                case "min" -> min = number(p, t);
                case "avg" -> avg = number(p, t);
                case "max" -> max = number(p, t);
                case "zsRtd" -> zsRtd = number(p, t);
                case "zsMin" -> zsMin = number(p, t);
                case "zsAvg" -> zsAvg = number(p, t);
                case "zsMax" -> zsMax = number(p, t);
                case "cou" -> cou = number(p, t);
                case "flag" -> flag = string(p, t);
                case "eflag" -> eflag = string(p, t);
                case "sampleTime" -> sampleTime = instant(p, t);
                case "extra" -> extra = map(p, t);
                default -> throw new IllegalStateException(name);
            }
        }
        expect(p.currentToken(), JsonToken.END_OBJECT);
        return new Pollutant(
                code,
                rtd,
                min,
                avg,
                max,
                zsRtd,
                zsMin,
                zsAvg,
                zsMax,
                cou,
                flag,
                eflag,
                sampleTime,
                extra);
    }

    private static int pollutantField(String name) {
        return switch (name) {
            case "code" -> 1;
            case "rtd" -> 1 << 1;
            case "min" -> 1 << 2;
            case "avg" -> 1 << 3;
            case "max" -> 1 << 4;
            case "zsRtd" -> 1 << 5;
            case "zsMin" -> 1 << 6;
            case "zsAvg" -> 1 << 7;
            case "zsMax" -> 1 << 8;
            case "cou" -> 1 << 9;
            case "flag" -> 1 << 10;
            case "eflag" -> 1 << 11;
            case "sampleTime" -> 1 << 12;
            case "extra" -> 1 << 13;
            default -> 0;
        };
    }

    private static String string(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static Double number(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalStateException("not a number: " + t);
        }
        return p.getDoubleValue();
    }

    private static Integer integer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_NUMBER_INT);
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw new IllegalStateException("not an int");
        }
        return p.getIntValue();
    }

    private static List<String> strings(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.START_ARRAY);
        List<String> list = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(t, JsonToken.VALUE_STRING);
            list.add(p.getText());
        }
        return list;
    }

    private static Map<String, String> map(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.START_OBJECT);
        Map<String, String> map = new HashMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            expect(p.nextToken(), JsonToken.VALUE_STRING);
            if (map.put(key, p.getText()) != null) {
                throw new IllegalStateException("duplicate key " + key);
            }
        }
        expect(p.currentToken(), JsonToken.END_OBJECT);
        return map;
    }

    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return isoInstant(p.getText());
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, as {@link
     * java.time.format.DateTimeFormatter#ISO_INSTANT} reads it; any other form (leap second,
     * offset, six-digit year, blanks) is refused.
     */
    static Instant isoInstant(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(n - 1) != 'Z') {
            throw new IllegalArgumentException("not a canonical instant");
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                throw new IllegalArgumentException("not a canonical instant");
            }
            nanos = digits(s, 20, n - 1);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException("not a canonical instant");
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(
                epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + ", was " + actual);
        }
    }
}
