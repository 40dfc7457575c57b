package dev.vigil.ingest.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a request body larger than its endpoint allows with a JSON 413 before it is buffered: at
 * once when {@code Content-Length} says so, or as soon as a chunked body passes the limit.
 *
 * <p>The connection is closed after the 413, but only once the rest of the body has been read and
 * thrown away (up to {@link #MAX_DRAIN_BYTES}): closing with unread bytes makes the kernel reset
 * the connection, and a client still sending would never see the 413. A client that waits for
 * {@code 100 Continue} has sent nothing more, so its connection is closed at once. Sits in front of
 * the keep-alive handler and the aggregator; one instance per connection.
 */
final class BodySizeGuard extends ChannelInboundHandlerAdapter {

    /** Most bytes read and discarded after a 413 before the connection is closed anyway. */
    static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private final RouteTable<HttpEndpoint> endpoints;
    private final long defaultLimit;
    private HttpEndpoint endpoint;
    private HttpCall head;
    private long limit;
    private long seen;
    private boolean expectsContinue;
    private boolean draining;
    private long drained;

    BodySizeGuard(RouteTable<HttpEndpoint> endpoints, long defaultLimit) {
        this.endpoints = endpoints;
        this.defaultLimit = defaultLimit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (draining) {
            drain(ctx, msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            start(ctx, request);
            if (HttpUtil.getContentLength(request, -1L) > limit) {
                reject(ctx, msg);
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            seen += content.content().readableBytes();
            if (seen > limit) {
                reject(ctx, msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        seen = 0;
        expectsContinue = HttpUtil.is100ContinueExpected(request);
        String path = new QueryStringDecoder(request.uri()).path();
        Optional<RouteTable.Match<HttpEndpoint>> match =
                endpoints.match(request.method().name(), path);
        endpoint = match.map(RouteTable.Match::handler).orElse(null);
        limit = endpoint == null ? defaultLimit : endpoint.maxBodyBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        head =
                new HttpCall(
                        request.method().name(),
                        path,
                        match.map(RouteTable.Match::pathParams).orElse(Map.of()),
                        Map.of(),
                        headers,
                        new byte[0],
                        String.valueOf(ctx.channel().remoteAddress()).replaceFirst("^/", ""));
    }

    private void reject(ChannelHandlerContext ctx, Object msg) {
        HttpReply reply =
                endpoint == null
                        ? HttpReply.error(
                                Problem.tooLarge(
                                        "body", "the body is larger than " + limit + " bytes"))
                        : endpoint.tooLarge(head, limit);
        FullHttpResponse response = HttpResponses.of(reply);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        boolean ended = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        if (expectsContinue || ended) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
            draining = true;
            drained = 0;
        }
    }

    private void drain(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpContent content) {
            drained += content.content().readableBytes();
        }
        boolean ended = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        if (ended || drained > MAX_DRAIN_BYTES) {
            draining = false;
            ctx.close();
        }
    }
}
