package dev.vigil.ingest.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a JSON request body as a tree and its fields with errors that name the field's path ({@code
 * place.location.lat}), so every JSON endpoint reports problems alike. Duplicate keys are refused
 * (two {@code cameraId}s would be ambiguous). Errors quote positions, never the body's content,
 * because bodies may hold personal data.
 */
public final class JsonBody {

    private static final ObjectReader READER =
            Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {}

    /**
     * The body as a JSON object.
     *
     * @throws ProblemException MALFORMED with the line and column of the first error
     */
    public static ObjectNode object(byte[] body) throws ProblemException {
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where =
                    at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what =
                    String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
                            ? ": a field appears twice"
                            : "";
            throw new ProblemException(Problem.malformed("body", "malformed JSON" + where + what));
        } catch (IOException e) {
            throw new ProblemException(Problem.malformed("body", "unreadable JSON body"));
        }
        if (node == null || node.isMissingNode()) {
            throw new ProblemException(
                    Problem.malformed("body", "empty body, expected a JSON object"));
        }
        if (!node.isObject()) {
            throw new ProblemException(Problem.malformed("body", "expected a JSON object"));
        }
        return (ObjectNode) node;
    }

    /**
     * Refuses a body declared as something other than JSON (no Content-Type is taken as JSON).
     *
     * @throws ProblemException UNSUPPORTED_MEDIA_TYPE
     */
    public static void requireJson(HttpCall call) throws ProblemException {
        String mediaType = call.mediaType();
        if (!mediaType.isEmpty()
                && !mediaType.equals("application/json")
                && !mediaType.endsWith("+json")) {
            throw new ProblemException(
                    Problem.unsupported(
                            "Content-Type", "expected application/json, was " + mediaType));
        }
    }

    /**
     * The path of a child field, e.g. {@code path("place", "address")} is {@code place.address}.
     */
    public static String path(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }

    /** A text field that must be there and not blank, trimmed, at most {@code maxLength} long. */
    public static String requiredText(
            JsonNode parent, String parentPath, String name, int maxLength)
            throws ProblemException {
        return optionalText(parent, parentPath, name, maxLength)
                .orElseThrow(
                        () ->
                                new ProblemException(
                                        Problem.invalid(path(parentPath, name), "required")));
    }

    /** A text field that may be absent, null or blank (then empty), trimmed, length-checked. */
    public static Optional<String> optionalText(
            JsonNode parent, String parentPath, String name, int maxLength)
            throws ProblemException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new ProblemException(Problem.invalid(path(parentPath, name), "must be a string"));
        }
        String text = node.textValue().trim();
        if (text.length() > maxLength) {
            throw new ProblemException(
                    Problem.invalid(
                            path(parentPath, name),
                            "longer than " + maxLength + " characters (" + text.length() + ")"));
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A number field that may be absent or null; must be finite. */
    public static Optional<Double> optionalNumber(JsonNode parent, String parentPath, String name)
            throws ProblemException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new ProblemException(Problem.invalid(path(parentPath, name), "must be a number"));
        }
        return Optional.of(node.doubleValue());
    }

    /** An object field that may be absent or null. */
    public static Optional<JsonNode> optionalObject(JsonNode parent, String parentPath, String name)
            throws ProblemException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ProblemException(
                    Problem.invalid(path(parentPath, name), "must be an object"));
        }
        return Optional.of(node);
    }
}
