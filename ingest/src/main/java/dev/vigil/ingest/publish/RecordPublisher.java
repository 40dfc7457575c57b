package dev.vigil.ingest.publish;

import dev.vigil.events.Topic;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes contract records to their topics; the future completes when Kafka has acknowledged the
 * record (acks=all), which is when ingest may answer its client.
 */
public interface RecordPublisher {

    /** Publishes the value under its own key; completes exceptionally when Kafka refused it. */
    <V> CompletableFuture<Void> publish(Topic<String, V> topic, V value);
}
