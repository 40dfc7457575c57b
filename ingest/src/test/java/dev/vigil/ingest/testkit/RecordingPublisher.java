package dev.vigil.ingest.testkit;

import dev.vigil.events.Topic;
import dev.vigil.ingest.publish.RecordPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A publisher that keeps what it was given, acknowledging at once or failing when told to. */
public final class RecordingPublisher implements RecordPublisher {

    /** One publication. */
    public record Published(String topic, String key, Object value) {}

    private final List<Published> published = new ArrayList<>();
    private volatile boolean failing;

    @Override
    public synchronized <V> CompletableFuture<Void> publish(Topic<String, V> topic, V value) {
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("Kafka is down"));
        }
        published.add(new Published(topic.name(), topic.keyOf(value), value));
        return CompletableFuture.completedFuture(null);
    }

    /** Makes later publications fail (or succeed again). */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    /** The values published to the topic, in order. */
    public synchronized <V> List<V> values(Topic<String, V> topic) {
        List<V> values = new ArrayList<>();
        for (Published p : published) {
            if (p.topic().equals(topic.name())) {
                values.add(topic.valueType().cast(p.value()));
            }
        }
        return values;
    }

    /** Everything published, in order. */
    public synchronized List<Published> all() {
        return List.copyOf(published);
    }
}
