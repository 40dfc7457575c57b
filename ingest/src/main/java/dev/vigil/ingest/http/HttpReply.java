package dev.vigil.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP response of an ingest endpoint, built without Netty so endpoint logic can be tested
 * alone; {@link HttpResponses#of(HttpReply)} turns it into Netty's response.
 *
 * @param status HTTP status code
 * @param contentType the body's media type
 * @param headers further headers, e.g. {@code Retry-After}, {@code Location}
 * @param body the body; callers must not modify the array
 */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = Json.mapper();

    public HttpReply {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        Objects.requireNonNull(body, "body");
    }

    /** A JSON response with the value written by Vigil's one Jackson configuration. */
    public static HttpReply json(int status, Object value) {
        return new HttpReply(status, "application/json", Map.of(), Json.toBytes(value));
    }

    /** The error body {@code {error, field, detail}} every failure of the ingest API uses. */
    public static HttpReply error(Problem problem) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", problem.kind().error());
        body.put("field", problem.field());
        body.put("detail", problem.detail());
        return new HttpReply(
                problem.kind().status(), "application/json", Map.of(), Json.toBytes(body));
    }

    /** The same response with one more header. */
    public HttpReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, more, body);
    }

    @Override
    public String toString() {
        return "HttpReply[" + status + " " + contentType + ", " + body.length + " bytes]";
    }
}
