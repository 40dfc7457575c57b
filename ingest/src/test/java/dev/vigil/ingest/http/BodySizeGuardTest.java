package dev.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BodySizeGuardTest {

    private final AtomicReference<HttpCall> refused = new AtomicReference<>();
    private final HttpEndpoint small =
            new HttpEndpoint() {
                @Override
                public CompletableFuture<HttpReply> handle(HttpCall call) {
                    throw new AssertionError("not called by the guard");
                }

                @Override
                public long maxBodyBytes() {
                    return 10;
                }

                @Override
                public HttpReply tooLarge(HttpCall head, long limit) {
                    refused.set(head);
                    return HttpEndpoint.super.tooLarge(head, limit);
                }
            };
    private final EmbeddedChannel channel =
            new EmbeddedChannel(
                    new BodySizeGuard(new RouteTable<>(Map.of("POST /small", small)), 100));

    private static HttpRequest post(String uri, long contentLength) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        if (contentLength >= 0) {
            HttpUtil.setContentLength(request, contentLength);
        } else {
            HttpUtil.setTransferEncodingChunked(request, true);
        }
        request.headers().set("X-Vigil-Key", "k");
        return request;
    }

    private static HttpContent chunk(int bytes) {
        return new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[bytes]));
    }

    private FullHttpResponse refusal() {
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(413);
        assertThat(response.headers().get("Connection")).isEqualTo("close");
        assertThat(response.content().toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"error\":\"too-large\",\"field\":\"body\",\"detail\":\"the body is larger than 10 bytes\"}");
        return response;
    }

    @Test
    void aBodyWithinTheLimitPassesThrough() {
        assertThat(
                        channel.writeInbound(
                                post("/small", 10),
                                new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[10]))))
                .isTrue();

        HttpRequest request = channel.readInbound();
        HttpContent content = channel.readInbound();
        assertThat(request.uri()).isEqualTo("/small");
        content.release();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAtOnceAndTheRestDrainedBeforeClosing() {
        channel.writeInbound(post("/small", 11));

        refusal().release();
        assertThat(refused.get().header("x-vigil-key")).isEqualTo("k");
        assertThat(refused.get().body()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        channel.writeInbound(chunk(5));
        assertThat(channel.isOpen()).isTrue();
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[6])));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aClientWaitingFor100ContinueIsClosedRightAfterThe413() {
        HttpRequest request = post("/small", 5000);
        request.headers().set("Expect", "100-continue");

        channel.writeInbound(request);

        refusal().release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() {
        channel.writeInbound(post("/small", -1), chunk(6));
        HttpRequest passed = channel.readInbound();
        HttpContent first = channel.readInbound();
        first.release();

        channel.writeInbound(chunk(6));

        assertThat(passed.uri()).isEqualTo("/small");
        refusal().release();
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(new DefaultLastHttpContent());
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void otherPathsHaveTheDefaultLimit() {
        channel.writeInbound(post("/health", 100));

        HttpRequest request = channel.readInbound();
        assertThat(request.uri()).isEqualTo("/health");
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }
}
