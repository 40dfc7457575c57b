package dev.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouteHandlerTest {

    private final AtomicReference<HttpCall> seen = new AtomicReference<>();
    private final CompletableFuture<HttpReply> later = new CompletableFuture<>();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(
                    new RouteHandler(
                            new RouteTable<>(
                                    Map.<String, HttpRoute>of(
                                            "GET /health",
                                            request ->
                                                    HttpResponses.json(
                                                            HttpResponseStatus.OK, "{}"))),
                            new RouteTable<>(
                                    Map.<String, HttpEndpoint>of(
                                            "GET /api/complaints/{id}",
                                            call -> {
                                                seen.set(call);
                                                return later;
                                            })),
                            Runnable::run));

    @AfterEach
    void finish() {
        assertThat(channel.finish()).isFalse();
    }

    private static FullHttpRequest request(HttpMethod method, String uri) {
        FullHttpRequest request =
                new DefaultFullHttpRequest(
                        HttpVersion.HTTP_1_1,
                        method,
                        uri,
                        Unpooled.copiedBuffer("body", StandardCharsets.UTF_8));
        request.headers().set("X-Vigil-Key", "k");
        return request;
    }

    private FullHttpResponse response() {
        return channel.readOutbound();
    }

    @Test
    void anEndpointAnswersWhenItsStageCompletesAndReadingPausesUntilThen() {
        channel.writeInbound(request(HttpMethod.GET, "/api/complaints/c-1?verbose=1"));

        assertThat(seen.get().pathParam("id")).isEqualTo("c-1");
        assertThat(seen.get().header("x-vigil-key")).isEqualTo("k");
        assertThat(seen.get().query()).containsEntry("verbose", java.util.List.of("1"));
        assertThat(new String(seen.get().body(), StandardCharsets.UTF_8)).isEqualTo("body");
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.config().isAutoRead()).isFalse();

        later.complete(HttpReply.json(200, Map.of("status", "RECEIVED")));
        channel.runPendingTasks();

        FullHttpResponse response = response();
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get("Content-Length")).isEqualTo("21");
        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.content().toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"RECEIVED\"}");
        response.release();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aFailedStageIsA500WithoutDetails() {
        channel.writeInbound(request(HttpMethod.GET, "/api/complaints/c-1"));
        later.completeExceptionally(new IllegalStateException("secret internals"));
        channel.runPendingTasks();

        FullHttpResponse response = response();
        assertThat(response.status().code()).isEqualTo(500);
        assertThat(response.content().toString(StandardCharsets.UTF_8))
                .contains("\"error\":\"internal\"")
                .doesNotContain("secret internals");
        response.release();
    }

    @Test
    void plainRoutesStillAnswerOnTheEventLoop() {
        channel.writeInbound(request(HttpMethod.GET, "/health"));

        FullHttpResponse response = response();
        assertThat(response.status().code()).isEqualTo(200);
        response.release();
    }

    @Test
    void unknownPathsAre404AndKnownPathsWithAnotherMethod405() {
        channel.writeInbound(request(HttpMethod.GET, "/nowhere"));
        channel.writeInbound(request(HttpMethod.DELETE, "/api/complaints/c-1"));

        FullHttpResponse notFound = response();
        FullHttpResponse notAllowed = response();
        assertThat(notFound.status().code()).isEqualTo(404);
        assertThat(notFound.content().toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"error\":\"not-found\",\"field\":null,\"detail\":\"no such endpoint: GET /nowhere\"}");
        assertThat(notAllowed.status().code()).isEqualTo(405);
        assertThat(notAllowed.headers().get("Allow")).isEqualTo("GET");
        notFound.release();
        notAllowed.release();
    }
}
