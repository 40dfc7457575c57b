package dev.vigil.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vigil.events.Json;
import dev.vigil.events.JsonException;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token-by-token reader of reports gives exactly what the contract's data binding gives, for
 * the canonical shape it reads itself and for everything it hands over.
 */
class ReportJsonReaderTest {

    private static final String DIGEST = "ab".repeat(32);
    private final ReportJsonReader reader = new ReportJsonReader();

    @Test
    void aCanonicalReportIsReadWithoutDataBindingAndEqualsIt() throws Exception {
        Report report = fullReport();
        byte[] json = Json.toBytes(report);

        assertThat(ReportJsonReader.readCanonical(json)).isEqualTo(report);
        assertThat(reader.read(json))
                .isEqualTo(report)
                .isEqualTo(Json.fromBytes(json, Report.class));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // unknown fields, nested or not, are skipped as data binding ignores them
                "{\"mn\":\"M\",\"later\":{\"a\":[1,{\"b\":2}]},\"protocol\":\"HJ212-2017\","
                        + "\"cn\":\"2011\",\"st\":\"22\",\"receivedAt\":\"2024-03-01T00:00:00Z\","
                        + "\"pollutants\":[{\"code\":\"a\",\"rtd\":1,\"new\":true}],"
                        + "\"rawDigest\":\"DIGEST\"}",
                // explicit nulls and empty containers
                "{\"mn\":\"M\",\"protocol\":\"p\",\"cn\":\"2011\",\"st\":\"22\",\"qn\":null,"
                        + "\"flag\":null,\"dataTime\":null,"
                        + "\"receivedAt\":\"2024-03-01T00:00:00.1Z\",\"pollutants\":null,"
                        + "\"fields\":{},\"warnings\":[],\"rawDigest\":\"DIGEST\"}",
            })
    void readsWhatDataBindingReads(String template) throws Exception {
        byte[] json = template.replace("DIGEST", DIGEST).getBytes(StandardCharsets.UTF_8);

        assertThat(ReportJsonReader.readCanonical(json)).isNotNull();
        assertThat(reader.read(json)).isEqualTo(Json.fromBytes(json, Report.class));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // coercions data binding makes: a number as a string and the other way round
                "{\"mn\":\"M\",\"protocol\":\"p\",\"cn\":2011,\"st\":\"22\",\"flag\":\"5\","
                        + "\"receivedAt\":\"2024-03-01T00:00:00Z\",\"rawDigest\":\"DIGEST\"}",
                // a pollutant value as a string, an instant as epoch seconds, an offset
                "{\"mn\":\"M\",\"protocol\":\"p\",\"cn\":\"2011\",\"st\":\"22\","
                        + "\"dataTime\":1709251200,\"receivedAt\":\"2024-03-01T08:00:00+08:00\","
                        + "\"pollutants\":[{\"code\":\"a\",\"rtd\":\"1.5\"}],"
                        + "\"rawDigest\":\"DIGEST\"}",
                // a duplicate field: data binding decides which counts
                "{\"mn\":\"M\",\"mn\":\"N\",\"protocol\":\"p\",\"cn\":\"2011\",\"st\":\"22\","
                        + "\"receivedAt\":\"2024-03-01T00:00:00Z\",\"rawDigest\":\"DIGEST\"}",
                // a leap second
                "{\"mn\":\"M\",\"protocol\":\"p\",\"cn\":\"2011\",\"st\":\"22\","
                        + "\"receivedAt\":\"2016-12-31T23:59:60Z\",\"rawDigest\":\"DIGEST\"}",
                "null",
            })
    void handsWhatItDoesNotReadItselfToDataBinding(String template) throws Exception {
        byte[] json = template.replace("DIGEST", DIGEST).getBytes(StandardCharsets.UTF_8);

        assertThat(readsItself(json)).isFalse();
        Throwable expected = catchThrowable(() -> Json.fromBytes(json, Report.class));
        if (expected == null) {
            assertThat(reader.read(json)).isEqualTo(Json.fromBytes(json, Report.class));
        } else {
            assertThatThrownBy(() -> reader.read(json))
                    .isInstanceOf(JsonException.class)
                    .hasMessage(expected.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"mn\":\"M\",\"protocol\":\"p\",\"cn\":\"2011\",\"st\":\"22\","
                        + "\"receivedAt\":\"2024-03-01T00:00:00Z\",\"rawDigest\":\"not-hex\"}",
                "{\"mn\":\"M\",\"protocol\":\"p\",\"cn\":\"2011\",\"st\":\"22\","
                        + "\"receivedAt\":\"2024-02-30T00:00:00Z\",\"rawDigest\":\"DIGEST\"}",
                "{\"protocol\":\"p\",\"cn\":\"2011\",\"st\":\"22\","
                        + "\"receivedAt\":\"2024-03-01T00:00:00Z\",\"rawDigest\":\"DIGEST\"}",
                "{\"mn\":\"M\",\"protocol\":\"p\",\"cn\":\"2011\",\"st\":\"22\","
                        + "\"receivedAt\":\"2024-03-01T00:00:00Z\",\"rawDigest\":\"DIGEST\"} {}",
                "{\"mn\":\"M\",\"fields\":{\"a\":null}}",
                "{\"mn\":",
            })
    void failsExactlyAsDataBindingFails(String template) {
        byte[] json = template.replace("DIGEST", DIGEST).getBytes(StandardCharsets.UTF_8);
        Throwable expected = catchThrowable(() -> Json.fromBytes(json, Report.class));

        assertThat(expected).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> reader.read(json))
                .isInstanceOf(JsonException.class)
                .hasMessage(expected.getMessage());
    }

    @Test
    void canonicalInstantsAreReadAsIsoInstantReadsThem() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(
                            random.nextLong(-62_135_596_800L, 253_402_300_799L),
                            i % 4 == 0 ? 0 : random.nextInt(1_000_000_000));
            if (i % 4 == 1) {
                instant = instant.minusNanos(instant.getNano() % 1_000_000);
            }
            String text = instant.toString();
            assertThat(ReportJsonReader.isoInstant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        assertThat(ReportJsonReader.isoInstant("2024-03-01T00:00:00.5Z"))
                .isEqualTo(Instant.parse("2024-03-01T00:00:00.5Z"));
        assertThat(ReportJsonReader.isoInstant("2024-03-01T00:00:00.123456789Z"))
                .isEqualTo(Instant.parse("2024-03-01T00:00:00.123456789Z"));
    }

    private static boolean readsItself(byte[] json) {
        try {
            return ReportJsonReader.readCanonical(json) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static Report fullReport() {
        Pollutant full =
                new Pollutant(
                        "a21026",
                        1.5,
                        -2.0,
                        3.25,
                        4e-7,
                        5.0,
                        6.0,
                        7.0,
                        8.0,
                        1e12,
                        "N",
                        "E1",
                        Instant.parse("2024-03-01T00:00:00.300Z"),
                        Map.of("Ala", "1", "Info", "x\"y\u00e9"));
        Pollutant sparse =
                new Pollutant(
                        "w01018", 63.2, null, null, null, null, null, null, null, null, null, null,
                        null, null);
        return new Report(
                "MN0000000000001",
                "HJ212-2017",
                "2011",
                "32",
                "20240301000000000",
                5,
                Instant.parse("2024-03-01T00:00:00Z"),
                Instant.parse("2024-03-01T00:00:02.123456Z"),
                List.of(full, sparse),
                Map.of("RestartTime", "20240301000000"),
                2,
                1,
                List.of("datatime-in-future"),
                DIGEST);
    }
}
