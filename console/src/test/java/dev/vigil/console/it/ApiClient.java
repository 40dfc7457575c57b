package dev.vigil.console.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.Json;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A browser stand-in for API tests: one cookie jar per user, JSON in and out. */
final class ApiClient {

    static final ObjectMapper MAPPER = Json.mapper();

    /** An answer: status, headers and body as JSON (null when empty or not JSON). */
    record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        String error() {
            return json == null ? null : json.path("error").asText(null);
        }

        String field() {
            return json == null ? null : json.path("field").asText(null);
        }
    }

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /** Signs in; fails the test unless it works. */
    ApiClient signIn(String username, String password) {
        Answer a =
                post(
                        "/api/session",
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (a.status() != 200) {
            throw new AssertionError(
                    "sign-in of " + username + " answered " + a.status() + " " + a.raw().body());
        }
        return this;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, String json) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path, String contentType, String body) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    Answer put(String path, String json) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Opens the stream; messages arrive in {@link Stream#messages}. */
    Stream stream(String after) throws Exception {
        Stream stream = new Stream();
        stream.socket = webSocket("/api/stream" + (after == null ? "" : "?after=" + after), stream);
        return stream;
    }

    /** Opens a WebSocket with this user's cookie, for a listener of the caller's own. */
    WebSocket webSocket(String path, WebSocket.Listener listener) throws Exception {
        String cookie =
                cookies.getCookieStore().get(URI.create(base)).stream()
                        .map(c -> c.getName() + "=" + c.getValue())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("");
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (!cookie.isEmpty()) {
            builder.header("Cookie", cookie);
        }
        return builder.buildAsync(URI.create(base.replace("http", "ws") + path), listener)
                .get(10, TimeUnit.SECONDS);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r =
                    http.send(
                            request.timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            } catch (Exception e) {
                // not JSON
            }
            return new Answer(r.statusCode(), r, json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A WebSocket client that queues each text message as JSON. */
    static final class Stream implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }

        /** The next message that is neither a ping nor a hello, or fails after 30 s. */
        JsonNode next() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new AssertionError("no stream message within 30 s");
                }
                String kind = m.path("kind").asText();
                if (!kind.equals("ping") && !kind.equals("hello")) {
                    return m;
                }
            }
        }

        /** Waits for the hello that says the server has subscribed this client. */
        JsonNode hello() throws InterruptedException {
            JsonNode m = messages.poll(30, TimeUnit.SECONDS);
            if (m == null || !m.path("kind").asText().equals("hello")) {
                throw new AssertionError("the stream did not start with hello: " + m);
            }
            return m;
        }

        /** Messages that are not pings and already arrived. */
        List<JsonNode> drained() {
            List<JsonNode> out = new java.util.ArrayList<>();
            messages.drainTo(out);
            out.removeIf(m -> m.path("kind").asText().matches("ping|hello"));
            return out;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
