package dev.vigil.ingest.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

/** Answers one HTTP method and path of the ingest HTTP server. */
@FunctionalInterface
public interface HttpRoute {
    /** Builds the response; the request is released by the caller afterwards. */
    FullHttpResponse handle(FullHttpRequest request) throws Exception;
}
