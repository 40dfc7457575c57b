package dev.vigil.console.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A component that answers a plain HTTP GET with a 2xx status when it is up: the ingest and
 * alerting services' {@code /health}, InfluxDB's {@code /ping}.
 */
public final class HttpHealthCheck implements HealthCheck {
    private final String name;
    private final URI uri;
    private final Duration timeout;
    private final HttpClient client;

    public HttpHealthCheck(String name, String url, Duration timeout) {
        this.name = name;
        this.uri = URI.create(url);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ComponentHealth check() {
        try {
            HttpResponse<String> response =
                    client.send(
                            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            return status / 100 == 2
                    ? ComponentHealth.up(uri + " answered " + status)
                    : ComponentHealth.down(
                            uri + " answered " + status + ": " + abbreviate(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.down("interrupted");
        } catch (IOException | RuntimeException e) {
            return ComponentHealth.down(
                    uri
                            + " unreachable: "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static String abbreviate(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
