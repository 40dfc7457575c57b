package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.ThresholdRule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    static Stream<Record> full() {
        return Samples.full().stream();
    }

    static Stream<Record> sparse() {
        return Samples.sparse().stream();
    }

    @ParameterizedTest
    @MethodSource({"full", "sparse"})
    void roundTripGivesAnEqualRecord(Record sample) {
        byte[] json = Json.toBytes(sample);

        assertThat(Json.fromBytes(json, sample.getClass())).isEqualTo(sample);
    }

    @Test
    void fullSamplesSetEveryComponentSoTheShapeCheckSeesEveryField() {
        Map<Class<?>, Set<String>> set = new HashMap<>();
        Samples.full().forEach(sample -> collectSetComponents(sample, set));

        assertThat(set).isNotEmpty();
        set.forEach(
                (type, names) ->
                        assertThat(names)
                                .as(type.getSimpleName() + " components set in some full sample")
                                .containsExactlyInAnyOrder(
                                        Arrays.stream(type.getRecordComponents())
                                                .map(RecordComponent::getName)
                                                .toArray(String[]::new)));
    }

    @ParameterizedTest
    @MethodSource({"full", "sparse"})
    void jsonFieldsAreTheRecordComponentsAndTimesAreIsoStrings(Record sample) throws Exception {
        JsonNode tree = Json.mapper().readTree(Json.toBytes(sample));

        assertShape(tree, sample, sample.getClass().getSimpleName());
    }

    @ParameterizedTest
    @MethodSource("full")
    void sameRecordGivesSameBytes(Record sample) {
        assertThat(Json.toBytes(sample)).isEqualTo(Json.toBytes(sample));
    }

    @Test
    void instantsAndDurationsAreIsoStrings() throws Exception {
        JsonNode report = Json.mapper().readTree(Json.toBytes(Samples.fullReport()));
        JsonNode rule = Json.mapper().readTree(Json.toBytes(Samples.fullRule()));

        assertThat(report.get("dataTime").asText()).isEqualTo("2016-08-01T00:00:00Z");
        assertThat(report.get("receivedAt").asText()).isEqualTo("2016-08-01T01:00:00.123Z");
        assertThat(rule.at("/persistence/duration").asText()).isEqualTo("PT5M");
    }

    @Test
    void nullComponentsAreLeftOut() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.toBytes(Samples.sparseReport()));

        assertThat(json.has("qn")).isFalse();
        assertThat(json.has("dataTime")).isFalse();
        assertThat(json.get("pollutants").isArray()).isTrue();
    }

    @Test
    void unknownPropertiesFromNewerProducersAreIgnored() throws Exception {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Json.toBytes(Samples.fullReport()));
        json.put("addedInAFutureVersion", "x");
        json.withObject("/pollutants/0").put("alsoNew", 1);

        Report read = Json.fromBytes(Json.mapper().writeValueAsBytes(json), Report.class);

        assertThat(read).isEqualTo(Samples.fullReport());
    }

    @Test
    void missingCollectionsReadAsEmpty() {
        String json =
                "{\"mn\":\"M1\",\"protocol\":\"HJ212-2017\",\"cn\":\"2011\",\"st\":\"32\","
                        + "\"receivedAt\":\"2016-08-01T01:00:00Z\",\"rawDigest\":\""
                        + Samples.JPEG_HASH
                        + "\"}";

        Report read = Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), Report.class);

        assertThat(read.pollutants()).isEmpty();
        assertThat(read.fields()).isEmpty();
        assertThat(read.warnings()).isEmpty();
    }

    @Test
    void anIncidentEventWrittenBeforeCategoriesExistedReadsAsOther() throws Exception {
        var json = Json.mapper().valueToTree(Samples.fullIncidentEvent());
        ((ObjectNode) json).remove("category");

        IncidentEvent read =
                Json.fromBytes(Json.mapper().writeValueAsBytes(json), IncidentEvent.class);

        assertThat(read.category()).isEqualTo(IncidentEvent.Category.OTHER);
        assertThat(Json.mapper().valueToTree(Samples.fullIncidentEvent()).get("category").asText())
                .isEqualTo("SMOKE");
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(Json.toBytes(null)).isNull();
        assertThat(Json.fromBytes(null, Report.class)).isNull();
    }

    @Test
    void brokenInvariantNamesTypeProblemAndPath() {
        String json =
                "{\"mn\":\"M1\",\"protocol\":\"HJ212-2017\",\"cn\":\"2011\",\"st\":\"32\","
                        + "\"receivedAt\":\"2016-08-01T01:00:00Z\",\"rawDigest\":\""
                        + Samples.JPEG_HASH
                        + "\",\"pollutants\":[{\"rtd\":1.0}]}";

        assertThatThrownBy(
                        () -> Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), Report.class))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("cannot read Report")
                .hasMessageContaining("code is required")
                .hasMessageContaining("$.pollutants[0]");
    }

    @Test
    void malformedTimeNamesTheField() {
        String json = "{\"mn\":\"M1\",\"receivedAt\":\"yesterday\"}";

        assertThatThrownBy(
                        () -> Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), Report.class))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("Report")
                .hasMessageContaining("$.receivedAt");
    }

    @Test
    void notJsonAtAllIsAJsonException() {
        assertThatThrownBy(
                        () ->
                                Json.fromBytes(
                                        "##0101QN=2016".getBytes(StandardCharsets.US_ASCII),
                                        ThresholdRule.class))
                .isInstanceOf(JsonException.class)
                .hasMessageStartingWith("cannot read ThresholdRule from 13 bytes of JSON: ");
    }

    @Test
    void mapperIsACopyThatCallersCannotBreakForOthers() {
        Json.mapper().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        assertThat(new String(Json.toBytes(Samples.fullReport()), StandardCharsets.UTF_8))
                .contains("\"receivedAt\":\"2016-08-01T01:00:00.123Z\"");
    }

    /** Walks the JSON alongside the record: same field names, ISO times, Base64 bytes. */
    private static void assertShape(JsonNode json, Object value, String path) throws Exception {
        if (value instanceof Record record) {
            assertThat(json.isObject()).as(path).isTrue();
            List<String> expected = new ArrayList<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object componentValue = valueOf(record, component);
                if (componentValue != null) {
                    expected.add(component.getName());
                    assertShape(
                            json.get(component.getName()),
                            componentValue,
                            path + "." + component.getName());
                }
            }
            List<String> actual = new ArrayList<>();
            json.fieldNames().forEachRemaining(actual::add);
            assertThat(actual).as(path).containsExactlyElementsOf(expected);
        } else if (value instanceof List<?> list) {
            assertThat(json.isArray()).as(path).isTrue();
            assertThat(json.size()).as(path).isEqualTo(list.size());
            for (int i = 0; i < list.size(); i++) {
                assertShape(json.get(i), list.get(i), path + "[" + i + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            assertThat(json.isObject()).as(path).isTrue();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                assertShape(
                        json.get((String) entry.getKey()),
                        entry.getValue(),
                        path + "." + entry.getKey());
            }
        } else if (value instanceof Instant instant) {
            assertThat(json.isTextual()).as(path + " is an ISO-8601 string").isTrue();
            assertThat(Instant.parse(json.asText())).as(path).isEqualTo(instant);
        } else if (value instanceof Duration duration) {
            assertThat(json.isTextual()).as(path + " is an ISO-8601 string").isTrue();
            assertThat(Duration.parse(json.asText())).as(path).isEqualTo(duration);
        } else if (value instanceof byte[] bytes) {
            assertThat(Base64.getDecoder().decode(json.asText())).as(path).isEqualTo(bytes);
        } else if (value instanceof Enum<?> || value instanceof String) {
            assertThat(json.isTextual()).as(path).isTrue();
        } else {
            assertThat(json.isValueNode()).as(path).isTrue();
        }
    }

    private static void collectSetComponents(Object value, Map<Class<?>, Set<String>> set) {
        if (value instanceof Record record) {
            Set<String> names = set.computeIfAbsent(record.getClass(), c -> new HashSet<>());
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object componentValue = valueOf(record, component);
                if (componentValue != null) {
                    names.add(component.getName());
                    collectSetComponents(componentValue, set);
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collectSetComponents(element, set));
        }
    }

    private static Object valueOf(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }
}
