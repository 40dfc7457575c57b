package dev.vigil.ingest.testkit;

import dev.vigil.ingest.auth.HmacSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real HTTP requests to the running ingest server, as cameras and hotlines send them. */
public final class HttpClientForTests {

    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final String base;

    public HttpClientForTests(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Headers of an API-key request. */
    public static Map<String, String> key(String apiKey) {
        return Map.of("X-Vigil-Key", apiKey);
    }

    /** Headers of a request signed now by the integration. */
    public static Map<String, String> signed(String integrationId, String secret, byte[] body) {
        return signedAt(integrationId, secret, body, System.currentTimeMillis() / 1000);
    }

    /** Headers of a request signed by the integration at the given Unix time. */
    public static Map<String, String> signedAt(
            String integrationId, String secret, byte[] body, long timestamp) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Vigil-Integration", integrationId);
        headers.put("X-Vigil-Timestamp", Long.toString(timestamp));
        headers.put("X-Vigil-Signature", HmacSignature.sign(secret, timestamp, body));
        return headers;
    }

    /** POSTs the body. */
    public HttpResponse<byte[]> post(
            String path, String contentType, byte[] body, Map<String, String> headers) {
        return post(path, contentType, body, headers, false);
    }

    /** POSTs the body, optionally waiting for {@code 100 Continue} before sending it. */
    public HttpResponse<byte[]> post(
            String path,
            String contentType,
            byte[] body,
            Map<String, String> headers,
            boolean expectContinue) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(20))
                        .expectContinue(expectContinue)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** GETs the path. */
    public HttpResponse<byte[]> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return send(request.GET().build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
