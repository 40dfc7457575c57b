package dev.vigil.ingest.http;

import java.util.concurrent.CompletionStage;

/**
 * One method and path of the ingest HTTP API whose answer may wait for Kafka: the server calls it
 * on a worker thread, never on a Netty event loop, and writes the reply when the stage completes.
 */
@FunctionalInterface
public interface HttpEndpoint {

    /** Largest body accepted when an endpoint does not say otherwise. */
    long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** Handles the request; the stage completes with the reply (never exceptionally, ideally). */
    CompletionStage<HttpReply> handle(HttpCall call);

    /** Largest body this endpoint accepts; larger requests are refused before they are read. */
    default long maxBodyBytes() {
        return DEFAULT_MAX_BODY_BYTES;
    }

    /**
     * The reply to a request whose body is larger than {@link #maxBodyBytes()}; {@code head} has
     * the request's headers but no body. Endpoints override it to count and dead-letter.
     */
    default HttpReply tooLarge(HttpCall head, long limit) {
        return HttpReply.error(
                Problem.tooLarge("body", "the body is larger than " + limit + " bytes"));
    }
}
