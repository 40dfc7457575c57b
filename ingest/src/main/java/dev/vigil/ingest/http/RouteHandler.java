package dev.vigil.ingest.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its route by method and path: plain {@link HttpRoute}s answer on the event
 * loop, {@link HttpEndpoint}s on a worker thread with the reply written when their stage completes
 * (e.g. after Kafka's ack). Unknown paths get a JSON 404, known paths with another method a 405.
 */
@ChannelHandler.Sharable
final class RouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);

    private final RouteTable<HttpRoute> routes;
    private final RouteTable<HttpEndpoint> endpoints;
    private final Executor work;

    RouteHandler(RouteTable<HttpRoute> routes, RouteTable<HttpEndpoint> endpoints, Executor work) {
        this.routes = routes;
        this.endpoints = endpoints;
        this.work = work;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(
                    ctx,
                    HttpReply.error(Problem.malformed(null, "malformed HTTP request")),
                    keepAlive);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        String method = request.method().name();
        Optional<RouteTable.Match<HttpRoute>> route = routes.match(method, path);
        if (route.isPresent()) {
            answerNow(ctx, request, route.get().handler(), path, keepAlive);
            return;
        }
        Optional<RouteTable.Match<HttpEndpoint>> endpoint = endpoints.match(method, path);
        if (endpoint.isPresent()) {
            HttpCall call = call(ctx, request, uri, endpoint.get().pathParams());
            answerLater(ctx, endpoint.get().handler(), call, keepAlive);
            return;
        }
        Set<String> allowed = new TreeSet<>(routes.methodsFor(path));
        allowed.addAll(endpoints.methodsFor(path));
        String where = method + " " + path.replace("\"", "");
        Problem.Kind kind =
                allowed.isEmpty() ? Problem.Kind.NOT_FOUND : Problem.Kind.METHOD_NOT_ALLOWED;
        HttpReply reply = HttpReply.error(new Problem(kind, null, "no such endpoint: " + where));
        write(
                ctx,
                allowed.isEmpty() ? reply : reply.withHeader("Allow", String.join(", ", allowed)),
                keepAlive);
    }

    private void answerNow(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            HttpRoute route,
            String path,
            boolean keepAlive) {
        FullHttpResponse response;
        try {
            response = route.handle(request);
        } catch (Exception e) {
            LOG.warn("Route {} {} failed", request.method(), path, e);
            response = HttpResponses.of(internalError());
        }
        send(ctx, response, keepAlive);
    }

    /**
     * Runs the endpoint on a worker thread; reading from the connection pauses until the reply is
     * written, so pipelined requests are answered in order.
     */
    private void answerLater(
            ChannelHandlerContext ctx, HttpEndpoint endpoint, HttpCall call, boolean keepAlive) {
        ctx.channel().config().setAutoRead(false);
        CompletableFuture<HttpReply> reply;
        try {
            reply =
                    CompletableFuture.supplyAsync(() -> endpoint.handle(call), work)
                            .thenCompose(CompletionStage::toCompletableFuture);
        } catch (RejectedExecutionException e) {
            reply =
                    CompletableFuture.completedFuture(
                            HttpReply.error(
                                            new Problem(
                                                    Problem.Kind.UNAVAILABLE,
                                                    null,
                                                    "ingest is busy; try again shortly"))
                                    .withHeader("Retry-After", "1"));
        }
        reply.whenComplete(
                (ok, error) -> {
                    if (error != null) {
                        LOG.warn("Endpoint {} failed", call, error);
                    }
                    write(ctx, error == null ? ok : internalError(), keepAlive)
                            .addListener(done -> ctx.channel().config().setAutoRead(true));
                });
    }

    private static HttpCall call(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            QueryStringDecoder uri,
            Map<String, String> pathParams) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        return new HttpCall(
                request.method().name(),
                uri.path(),
                pathParams,
                uri.parameters(),
                headers,
                ByteBufUtil.getBytes(request.content()),
                String.valueOf(ctx.channel().remoteAddress()).replaceFirst("^/", ""));
    }

    private static HttpReply internalError() {
        return HttpReply.error(
                new Problem(Problem.Kind.INTERNAL, null, "the request could not be handled"));
    }

    private static ChannelFuture write(
            ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive) {
        return send(ctx, HttpResponses.of(reply), keepAlive);
    }

    private static ChannelFuture send(
            ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        response.headers().set("X-Content-Type-Options", "nosniff");
        return ctx.writeAndFlush(response);
    }
}
