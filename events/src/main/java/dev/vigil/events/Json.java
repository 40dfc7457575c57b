package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The one Jackson configuration of Vigil, so that every module writes and reads the contract's
 * records exactly alike.
 *
 * <p>Instants and durations are ISO-8601 strings, null components are left out, map entries are
 * sorted by key (the same record always gives the same bytes), and unknown properties are ignored
 * so that a consumer keeps working when a newer producer adds a field.
 */
public final class Json {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .addModule(new Jdk8Module())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .serializationInclusion(JsonInclude.Include.NON_NULL)
                    .build();

    private Json() {}

    /**
     * Returns a new mapper with Vigil's configuration, for frameworks that need an {@link
     * ObjectMapper} of their own (HTTP servers, Flink schemas); create it once and keep it.
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** Writes a value as UTF-8 JSON; {@code null} gives {@code null} (a Kafka tombstone). */
    public static byte[] toBytes(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new JsonException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON: " + describe(e),
                    e);
        }
    }

    /** Reads UTF-8 JSON as the given type; {@code null} gives {@code null} (a Kafka tombstone). */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new JsonException(
                    "cannot read "
                            + type.getSimpleName()
                            + " from "
                            + json.length
                            + " bytes of JSON: "
                            + describe(e),
                    e);
        }
    }

    /** Jackson's own message without its source excerpt, plus the path to the offending field. */
    private static String describe(IOException e) {
        String problem =
                e instanceof JsonProcessingException jpe
                        ? jpe.getOriginalMessage()
                        : e.getMessage();
        // A compact constructor's exception is wrapped; its message names the broken invariant.
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !(cause instanceof IOException)) {
            problem = cause.getMessage();
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            return problem + " (at " + path(jme) + ")";
        }
        return problem;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(
                        ref ->
                                ref.getFieldName() != null
                                        ? "." + ref.getFieldName()
                                        : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("", "$", ""));
    }
}
