package dev.vigil.events.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Json;
import dev.vigil.events.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static final String DIGEST = Report.digest(new byte[] {7});

    private static final Instant AT = Instant.parse("2016-08-24T00:38:17Z");

    /** Doubles whose text is easy to get wrong: signs, zeros, exponents, extremes. */
    private static final double[] SPECIAL_DOUBLES = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.001,
        0.002,
        1e-3,
        1e-4,
        1e-7,
        -1e-7,
        9.999999e-4,
        1e7,
        9_999_999.0,
        1.0E20,
        -1.0E20,
        123456789.123,
        1.0E-300,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MIN_NORMAL,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Long.MAX_VALUE,
        (double) Integer.MIN_VALUE,
        2.0E-3,
        4.35,
        0.30000000000000004,
        1.0 / 3.0
    };

    /** Strings with characters JSON must escape, non-ASCII text and surrogate pairs. */
    private static final String[] SPECIAL_STRINGS = {
        "",
        "plain",
        "quote\"inside",
        "back\\slash",
        "slash/ok",
        "tab\tnew\nline\rcr",
        "\b\f",
        "\u0000\u0001\u001f\u007f",
        "中文 监测",
        "é ü ß",
        "emoji \uD83D\uDE00 pair",
        "\u2028\u2029",
        "<script>&amp;</script>",
        "\uFFFF\uFEFF",
        "=;,&"
    };

    private static final Instant[] SPECIAL_INSTANTS = {
        Instant.EPOCH,
        Instant.parse("2016-08-24T00:38:17Z"),
        Instant.parse("2016-08-24T00:38:17.100Z"),
        Instant.parse("2016-08-24T00:38:17.123456Z"),
        Instant.parse("2016-08-24T00:38:17.123456789Z"),
        Instant.parse("2016-08-24T00:38:17.000000001Z"),
        Instant.parse("1969-12-31T23:59:59.999Z"),
        Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999999Z"),
        Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.MIN,
        Instant.MAX
    };

    @Test
    void samplesGiveTheSameBytesAsDatabind() {
        assertSameBytes(Samples.fullReport());
        assertSameBytes(Samples.sparseReport());
    }

    @Test
    void everyOptionalComponentPresentOrAbsentGivesTheSameBytes() {
        // GIVEN every subset of the report's nullable components (qn, flag, dataTime, packets,
        // pollutants, fields, warnings), each with a pollutant per subset of its nullable ones
        int checked = 0;
        for (int reportMask = 0; reportMask < 1 << 7; reportMask++) {
            for (int pollutantMask = 0; pollutantMask < 1 << 14; pollutantMask += 37) {
                assertSameBytes(report(reportMask, List.of(pollutant(pollutantMask, 1.5))));
                checked++;
            }
        }
        for (int pollutantMask = 0; pollutantMask < 1 << 14; pollutantMask++) {
            assertSameBytes(report(0b111_1111, List.of(pollutant(pollutantMask, -2.25))));
            checked++;
        }
        assertThat(checked).isGreaterThan(70_000);
    }

    @Test
    void specialDoublesGiveTheSameBytes() {
        for (double value : SPECIAL_DOUBLES) {
            for (double v :
                    new double[] {value, -value, Math.nextUp(value), Math.nextDown(value)}) {
                if (Double.isFinite(v)) {
                    assertSameBytes(
                            report(
                                    0b111_1111,
                                    List.of(
                                            new Pollutant(
                                                    "a01012", v, v, v, v, v, v, v, v, v, "N", null,
                                                    null, null))));
                }
            }
        }
    }

    @Test
    void stringsThatNeedEscapingGiveTheSameBytes() {
        for (String s : SPECIAL_STRINGS) {
            Pollutant pollutant =
                    new Pollutant(
                            s,
                            1.0,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            s,
                            s,
                            null,
                            Map.of(s, s, s + "k", "v", "a" + s, s + s));
            assertSameBytes(
                    new Report(
                            s,
                            s,
                            s,
                            s,
                            s,
                            1,
                            AT,
                            AT,
                            List.of(pollutant),
                            Map.of(s, s, "z" + s, "", "A", s),
                            null,
                            null,
                            List.of(s, s + s),
                            DIGEST));
        }
    }

    @Test
    void instantsAndIntegersAtTheirLimitsGiveTheSameBytes() {
        int[] ints = {0, 1, -1, 5, 255, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (Instant instant : SPECIAL_INSTANTS) {
            for (int i : ints) {
                Pollutant pollutant =
                        new Pollutant(
                                "a21026", null, null, null, null, null, null, null, null, null,
                                null, null, instant, null);
                assertSameBytes(
                        new Report(
                                "MN",
                                "HJ212-2017",
                                "2011",
                                "22",
                                null,
                                i,
                                instant,
                                instant,
                                List.of(pollutant),
                                null,
                                i,
                                i,
                                null,
                                DIGEST));
            }
        }
    }

    @Test
    void largeMapsAreSortedLikeDatabind() {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            fields.put("K" + Integer.toString(i * 7919, 36), "v" + i);
            fields.put("k" + i, "");
            fields.put("É" + i, "x");
        }
        Pollutant pollutant =
                new Pollutant(
                        "SB1", null, null, null, null, null, null, null, null, null, null, null,
                        null, fields);
        assertSameBytes(
                new Report(
                        "MN",
                        "HJ212-2017",
                        "2011",
                        "22",
                        null,
                        null,
                        null,
                        AT,
                        List.of(pollutant),
                        fields,
                        null,
                        null,
                        null,
                        DIGEST));
    }

    @Test
    void seededRandomReportsGiveTheSameBytesAndReadBackEqual() {
        SplittableRandom random = new SplittableRandom(20160824L);
        for (int i = 0; i < 3_000; i++) {
            Report report = randomReport(random);
            byte[] streamed = assertSameBytes(report);
            assertThat(Json.fromBytes(streamed, Report.class)).isEqualTo(report);
        }
    }

    @Test
    void writtenReportsReadBackEqual() {
        for (Report report : List.of(Samples.fullReport(), Samples.sparseReport())) {
            assertThat(Json.fromBytes(ReportJson.toBytes(report), Report.class)).isEqualTo(report);
        }
    }

    @Test
    void loneSurrogatesFallBackToDatabind() {
        // GIVEN strings whose surrogates do not pair up, whose encoding is Jackson's to decide
        for (String s : new String[] {"\uD800", "a\uDC00b", "\uDBFF", "x\uD83D", "\uDE00\uD83D"}) {
            Report report =
                    new Report(
                            "MN" + s,
                            "HJ212-2017",
                            "2011",
                            "22",
                            null,
                            null,
                            null,
                            AT,
                            null,
                            Map.of(s, s),
                            null,
                            null,
                            List.of(s),
                            DIGEST);

            // THEN the hand-written path declines and the public one gives databind's bytes
            assertThat(ReportJson.write(report)).isNull();
            assertThat(ReportJson.toBytes(report)).isEqualTo(Json.toBytes(report));
        }
    }

    @Test
    void everyDoubleOfTheShortDecimalPathIsWrittenAsDoubleToStringWould() {
        // GIVEN every double m / 10^k with m < 10^7 and k <= 4, the only ones the path takes
        long checked = 0;
        for (int k = 0; k <= 4; k++) {
            double scale = Math.pow(10, k);
            for (long m = 1; m < 10_000_000L; m++) {
                if (k > 0 && m % 10 == 0) {
                    continue; // the same double as m / 10 at k - 1
                }
                double value = m / scale;
                long packed = ReportJson.shortDecimal(value);
                if (packed < 0) {
                    continue;
                }
                // THEN its digits are Double.toString's
                String text = Long.toString(packed >>> 3);
                int fraction = (int) (packed & 7);
                String expected = Double.toString(value);
                if (fraction == 0) {
                    text = text + ".0";
                } else {
                    text = "0".repeat(Math.max(0, fraction + 1 - text.length())) + text;
                    text =
                            text.substring(0, text.length() - fraction)
                                    + "."
                                    + text.substring(text.length() - fraction);
                }
                if (!text.equals(expected)) {
                    assertThat(text).as("m=%d k=%d", m, k).isEqualTo(expected);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(45_999_990L);
        // AND the writer's own sign, digits and padding, on a sample of them through reports
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            double v = random.nextLong(1, 10_000_000L) / Math.pow(10, random.nextInt(5));
            v = random.nextBoolean() ? v : -v;
            assertSameBytes(
                    report(
                            0,
                            List.of(
                                    new Pollutant(
                                            "a", v, v, null, null, null, null, null, null, null,
                                            null, null, null, null))));
        }
    }

    @Test
    void everyDayFrom1970To9999IsWrittenAsDatabindWould() {
        SplittableRandom random = new SplittableRandom(9);
        long lastDay = Instant.parse("9999-12-31T00:00:00Z").getEpochSecond() / 86_400;
        List<Pollutant> pollutants = new ArrayList<>();
        for (long day = 0; day <= lastDay; day++) {
            long second = day * 86_400 + random.nextInt(86_400);
            int nano =
                    switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    };
            pollutants.add(
                    new Pollutant(
                            "a",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            Instant.ofEpochSecond(second, nano),
                            null));
            if (pollutants.size() == 500 || day == lastDay) {
                assertSameBytes(report(0b10000, pollutants));
                pollutants.clear();
            }
        }
        assertSameBytes(
                report(
                        0b10100,
                        List.of(
                                new Pollutant(
                                        "a",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        Instant.parse("9999-12-31T23:59:59.999999999Z"),
                                        null))));
    }

    @Test
    void nullIsATombstoneLikeDatabind() {
        assertThat(ReportJson.toBytes(null)).isNull();
    }

    /** Asserts both the hand-written path alone and the public entry point equal databind. */
    static byte[] assertSameBytes(Report report) {
        byte[] databind = Json.toBytes(report);
        byte[] streamed = ReportJson.write(report);
        assertThat(streamed).as("fell back to databind for %s", report).isNotNull();
        if (!Arrays.equals(streamed, databind)) {
            assertThat(new String(streamed, StandardCharsets.UTF_8))
                    .as("streamed JSON of %s", report)
                    .isEqualTo(new String(databind, StandardCharsets.UTF_8));
            assertThat(streamed).as("streamed bytes of %s", report).isEqualTo(databind);
        }
        assertThat(ReportJson.toBytes(report)).isEqualTo(databind);
        return streamed;
    }

    /** A report whose bits 0..6 switch on qn, flag, dataTime, packets, fields and warnings. */
    private static Report report(int mask, List<Pollutant> pollutants) {
        boolean packets = (mask & 8) != 0;
        return new Report(
                "LD130133000015",
                "HJ212-2017",
                "2061",
                "32",
                (mask & 1) != 0 ? "20160801090000001" : null,
                (mask & 2) != 0 ? 5 : null,
                (mask & 4) != 0 ? AT : null,
                AT.plusMillis(250),
                (mask & 16) != 0 ? pollutants : null,
                (mask & 32) != 0 ? Map.of("BeginTime", "20160801080000", "AlarmType", "1") : null,
                packets ? 3 : null,
                packets ? 2 : null,
                (mask & 64) != 0 ? List.of("datatime-in-future", "second") : null,
                DIGEST);
    }

    /** A pollutant whose bits 0..13 switch on each nullable sub-field. */
    private static Pollutant pollutant(int mask, double value) {
        return new Pollutant(
                "w01018",
                (mask & 1) != 0 ? value : null,
                (mask & 2) != 0 ? value - 1 : null,
                (mask & 4) != 0 ? value * 2 : null,
                (mask & 8) != 0 ? value / 3 : null,
                (mask & 16) != 0 ? value : null,
                (mask & 32) != 0 ? -value : null,
                (mask & 64) != 0 ? value * 1e10 : null,
                (mask & 128) != 0 ? value * 1e-10 : null,
                (mask & 256) != 0 ? value + 0.1 : null,
                (mask & 512) != 0 ? "N" : null,
                (mask & 1024) != 0 ? "A01" : null,
                (mask & 2048) != 0 ? AT.minusSeconds(3600) : null,
                (mask & 4096) != 0
                        ? (mask & 8192) != 0
                                ? Map.of("Ala", "45.0", "UpValue", "50.0", "LowValue", "0.0")
                                : Map.of("RS", "1")
                        : null);
    }

    private static Report randomReport(SplittableRandom r) {
        List<Pollutant> pollutants = new ArrayList<>();
        int count = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 16);
        for (int i = 0; i < count; i++) {
            pollutants.add(
                    new Pollutant(
                            randomString(r, 1, 8),
                            randomDouble(r),
                            randomDouble(r),
                            randomDouble(r),
                            randomDouble(r),
                            randomDouble(r),
                            randomDouble(r),
                            randomDouble(r),
                            randomDouble(r),
                            randomDouble(r),
                            r.nextBoolean() ? null : randomString(r, 0, 2),
                            r.nextInt(4) == 0 ? randomString(r, 0, 4) : null,
                            r.nextInt(3) == 0 ? randomInstant(r) : null,
                            randomMap(r)));
        }
        boolean packets = r.nextInt(5) == 0;
        return new Report(
                randomString(r, 0, 24),
                r.nextBoolean() ? "HJ212-2017" : randomString(r, 0, 12),
                randomString(r, 0, 4),
                randomString(r, 0, 2),
                r.nextBoolean() ? randomString(r, 0, 20) : null,
                r.nextBoolean() ? r.nextInt() : null,
                r.nextBoolean() ? randomInstant(r) : null,
                randomInstant(r),
                r.nextInt(10) == 0 ? null : pollutants,
                r.nextInt(3) == 0 ? null : randomMap(r),
                packets ? r.nextInt() : null,
                packets ? r.nextInt() : null,
                r.nextInt(3) == 0
                        ? List.of(randomString(r, 0, 40))
                        : r.nextBoolean() ? List.of() : null,
                Report.digest(new byte[] {(byte) r.nextInt()}));
    }

    private static Double randomDouble(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> null;
            case 1 -> SPECIAL_DOUBLES[r.nextInt(SPECIAL_DOUBLES.length)];
            case 2 -> {
                // any finite bit pattern
                double d = Double.longBitsToDouble(r.nextLong());
                yield Double.isFinite(d) ? d : 0.0;
            }
            case 3 -> (double) r.nextInt(-100_000, 100_000);
            case 4 -> r.nextInt(-100_000, 100_000) / 1000.0;
            case 5 -> r.nextDouble() * Math.pow(10, r.nextInt(-12, 22));
            default -> Math.round(r.nextDouble() * 100_000) / 100.0;
        };
    }

    private static Instant randomInstant(SplittableRandom r) {
        if (r.nextInt(10) == 0) {
            return SPECIAL_INSTANTS[r.nextInt(SPECIAL_INSTANTS.length)];
        }
        long seconds = r.nextLong(-5_000_000_000L, 5_000_000_000L);
        int nanos =
                switch (r.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> r.nextInt(1000) * 1_000_000;
                    case 2 -> r.nextInt(1_000_000) * 1000;
                    default -> r.nextInt(1_000_000_000);
                };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static Map<String, String> randomMap(SplittableRandom r) {
        int size = r.nextInt(3) == 0 ? 0 : r.nextInt(1, 6);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(randomString(r, 0, 10), randomString(r, 0, 12));
        }
        return r.nextInt(8) == 0 ? null : map;
    }

    /** Mostly ASCII, with escapes, control characters, CJK text and valid surrogate pairs. */
    private static String randomString(SplittableRandom r, int min, int max) {
        int length = r.nextInt(min, max + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(10)) {
                case 0 -> s.append((char) r.nextInt(0, 0x20));
                case 1 -> s.append("\"\\/".charAt(r.nextInt(3)));
                case 2 -> s.append((char) r.nextInt(0x80, 0x800));
                case 3 -> s.append((char) r.nextInt(0x4E00, 0x9FA6));
                case 4 -> s.appendCodePoint(r.nextInt(0x10000, 0x110000));
                case 5 -> s.append((char) r.nextInt(0xE000, 0x10000));
                default -> s.append((char) r.nextInt(0x20, 0x7F));
            }
        }
        return s.toString();
    }
}
