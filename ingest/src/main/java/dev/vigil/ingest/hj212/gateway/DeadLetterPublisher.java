package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.deadletter.DeadLetter;
import java.util.concurrent.CompletableFuture;

/**
 * Where the gateway sends input it rejected, so that nothing is dropped silently; the caller must
 * already have masked passwords in the raw bytes.
 */
public interface DeadLetterPublisher {

    /** Publishes one dead letter; never blocks the caller and never throws. */
    CompletableFuture<Void> publish(DeadLetter deadLetter);
}
