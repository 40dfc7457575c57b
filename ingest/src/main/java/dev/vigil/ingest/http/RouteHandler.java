package dev.vigil.ingest.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each request to its route by method and path; unknown paths get a JSON 404. */
@ChannelHandler.Sharable
final class RouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);

    private final Map<String, HttpRoute> routes;

    RouteHandler(Map<String, HttpRoute> routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        HttpRoute route = routes.get(request.method().name() + " " + path);
        FullHttpResponse response;
        if (!request.decoderResult().isSuccess()) {
            response =
                    HttpResponses.json(
                            HttpResponseStatus.BAD_REQUEST,
                            "{\"error\":\"bad-request\",\"detail\":\"malformed HTTP request\"}");
        } else if (route == null) {
            response =
                    HttpResponses.json(
                            HttpResponseStatus.NOT_FOUND,
                            "{\"error\":\"not-found\",\"field\":null,\"detail\":\"no such endpoint: "
                                    + request.method()
                                    + " "
                                    + path.replace("\"", "")
                                    + "\"}");
        } else {
            try {
                response = route.handle(request);
            } catch (Exception e) {
                LOG.warn("Route {} {} failed", request.method(), path, e);
                response =
                        HttpResponses.json(
                                HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                "{\"error\":\"internal\",\"detail\":\"the request could not be handled\"}");
            }
        }
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(response);
    }
}
