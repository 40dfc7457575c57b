package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Json;
import dev.vigil.events.alert.Alert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console client: signs in as admin over HTTP and reads {@code /api/stream}, handing every alert
 * to the probe the moment its message is complete.
 */
final class AlertWatch implements WebSocket.Listener, AutoCloseable {

    private final ProbeLogger probe;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong alerts = new AtomicLong();
    private WebSocket socket;

    AlertWatch(ProbeLogger probe) {
        this.probe = probe;
    }

    AlertWatch open(int consolePort, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> session =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + consolePort + "/api/session"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"username\":\"admin\",\"password\":\""
                                                        + password
                                                        + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (session.statusCode() != 200) {
            throw new IllegalStateException(
                    "sign-in: " + session.statusCode() + " " + session.body());
        }
        String cookie =
                session.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("vigil_session="))
                        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("sign-in: no session cookie"));
        socket =
                http.newWebSocketBuilder()
                        .header("Cookie", cookie)
                        .buildAsync(
                                URI.create("ws://127.0.0.1:" + consolePort + "/api/stream"), this)
                        .get(10, TimeUnit.SECONDS);
        return this;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long received = System.nanoTime();
            String text = partial.toString();
            partial.setLength(0);
            alerts.addAndGet(text.contains("\"kind\":\"alert\"") ? 1 : 0);
            // Only the probe's alerts are parsed: the client reads one message at a time, and
            // parsing every message of an alert flood here would add its own delay to the probe's.
            if (!text.contains(ProbeLogger.RULE_ID)) {
                webSocket.request(1);
                return null;
            }
            try {
                JsonNode message = Json.mapper().readTree(text);
                if ("alert".equals(message.path("kind").asText())) {
                    Alert alert = Json.mapper().treeToValue(message.get("data"), Alert.class);
                    probe.console.onAlert(alert, received);
                }
            } catch (Exception e) {
                System.err.println("bench: unreadable stream message: " + e);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        System.err.println("bench: console stream failed: " + error);
    }

    /** Alert messages received, of any source. */
    long alerts() {
        return alerts.get();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
