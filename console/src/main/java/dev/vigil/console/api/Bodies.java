package dev.vigil.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/**
 * Reads request bodies and parameters, turning every problem into a 400 that names the field, so
 * handlers deal only with valid values.
 */
public final class Bodies {

    private static final ObjectMapper MAPPER = Json.mapper();

    private Bodies() {}

    /** The mapper the API reads and writes with. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The body as a JSON object. */
    public static ObjectNode object(Context ctx) {
        JsonNode node;
        try {
            node = MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("body", "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalid("body", "a JSON object is required");
        }
        return (ObjectNode) node;
    }

    /** A JSON tree as a record, or 400 naming the field that did not fit. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String field =
                    e.getPath().stream()
                            .map(
                                    r ->
                                            r.getFieldName() != null
                                                    ? r.getFieldName()
                                                    : "[" + r.getIndex() + "]")
                            .collect(Collectors.joining("."))
                            .replace(".[", "[");
            Throwable cause = e.getCause();
            String why =
                    cause != null && cause.getMessage() != null
                            ? cause.getMessage()
                            : e.getOriginalMessage();
            if (why != null && why.contains(": ") && field.isEmpty()) {
                throw ApiError.invalid(why);
            }
            throw ApiError.invalid(field.isEmpty() ? "body" : field, why);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiError.invalid("body", e.getMessage());
        }
    }

    /** A text field of the body; null when absent. */
    public static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.invalid(field, "must be a string");
        }
        return node.asText();
    }

    /** A required whole number of the body. */
    public static long requiredLong(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
            throw ApiError.invalid(field, "a whole number is required");
        }
        return node.asLong();
    }

    /** An ISO-8601 query parameter; the default when absent. */
    public static Instant instantParam(Context ctx, String name, Instant otherwise) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(
                    name, "an ISO-8601 UTC time is required, e.g. 2026-01-02T03:04:05Z");
        }
    }

    /** A whole-number query parameter within bounds; the default when absent. */
    public static int intParam(Context ctx, String name, int otherwise, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw ApiError.invalid(name, "must be within " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, "a whole number is required");
        }
    }

    /** An enum constant by name, or 400 naming the field. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(
                    field,
                    "one of "
                            + java.util.Arrays.toString(type.getEnumConstants())
                            + " is required, was "
                            + value);
        }
    }
}
