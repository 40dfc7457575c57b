package dev.vigil.console.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.console.api.ApiError;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Vigil's readings with InfluxQL over the 1.x HTTP API ({@code GET /query}, times as epoch
 * milliseconds), which InfluxDB 1.x, 2.x (v1 compatibility) and 3.x answer alike. A server that
 * does not answer in time is a 503 for the API's caller.
 */
public final class InfluxQuery {

    /** One series of a result: its tags, columns and rows. */
    public record Series(Map<String, String> tags, List<String> columns, List<List<Object>> rows) {

        /** The index of a column; -1 when absent. */
        public int column(String name) {
            return columns.indexOf(name);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String url;
    private final String database;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param url InfluxDB's base address; empty when there is none (every query is a 503)
     * @param username nullable
     * @param password nullable
     */
    public InfluxQuery(
            String url, String database, String username, String password, Duration timeout) {
        this.url = url == null ? "" : url.replaceAll("/+$", "");
        this.database = database;
        this.authorization =
                username == null || username.isBlank()
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (username
                                                                + ":"
                                                                + (password == null
                                                                        ? ""
                                                                        : password))
                                                        .getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Quotes a tag value for a WHERE clause. */
    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Runs one InfluxQL statement and returns the series of its result. */
    public List<Series> query(String influxql) {
        if (url.isEmpty()) {
            throw ApiError.unavailable("no InfluxDB is configured");
        }
        String uri =
                url
                        + "/query?epoch=ms&db="
                        + URLEncoder.encode(database, StandardCharsets.UTF_8)
                        + "&q="
                        + URLEncoder.encode(influxql, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(timeout);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while asking InfluxDB");
        } catch (IOException e) {
            throw ApiError.unavailable("InfluxDB did not answer: " + e.getClass().getSimpleName());
        }
        if (response.statusCode() / 100 != 2) {
            throw ApiError.unavailable(
                    "InfluxDB answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static List<Series> parse(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiError.unavailable("InfluxDB answered something that is not JSON");
        }
        List<Series> out = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            if (result.has("error")) {
                throw ApiError.unavailable("InfluxDB: " + result.path("error").asText());
            }
            for (JsonNode series : result.path("series")) {
                Map<String, String> tags = new HashMap<>();
                series.path("tags")
                        .fields()
                        .forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
                List<String> columns = new ArrayList<>();
                series.path("columns").forEach(c -> columns.add(c.asText()));
                List<List<Object>> rows = new ArrayList<>();
                for (JsonNode row : series.path("values")) {
                    List<Object> values = new ArrayList<>();
                    for (JsonNode v : row) {
                        values.add(
                                v.isNull()
                                        ? null
                                        : v.isNumber()
                                                ? (Object) v.asDouble()
                                                : v.isBoolean()
                                                        ? (Object) v.asBoolean()
                                                        : v.asText());
                    }
                    rows.add(values);
                }
                out.add(new Series(tags, columns, rows));
            }
        }
        return out;
    }
}
