package dev.vigil.ingest.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Publishes each id at most once among the most recent ids (a bounded LRU), so that a vendor's
 * retransmission of the same event is published once and still answered 2xx.
 *
 * <p>An id is remembered from the moment its publication starts: a duplicate that arrives while the
 * first is in flight waits for the first's ack and shares its outcome, so no client gets a 2xx
 * before the record is in Kafka. A publication that fails is forgotten, so a retry publishes. Older
 * ids fall out of the LRU; consumers deduplicate by the records' deterministic ids anyway.
 */
public final class RecentPublications {

    /** What {@link #once} did. */
    public enum Outcome {
        PUBLISHED,
        DUPLICATE
    }

    private final Map<String, CompletableFuture<Void>> recent;

    public RecentPublications(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be >= 1, was " + capacity);
        }
        this.recent =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(
                            Map.Entry<String, CompletableFuture<Void>> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /**
     * Runs {@code publish} unless the id was published (or is being published) recently; the result
     * completes when the record is acknowledged.
     */
    public CompletableFuture<Outcome> once(
            String id, Supplier<? extends CompletableFuture<?>> publish) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> earlier;
        synchronized (recent) {
            earlier = recent.putIfAbsent(id, mine);
        }
        if (earlier != null) {
            return earlier.thenApply(ignored -> Outcome.DUPLICATE);
        }
        CompletableFuture<?> publishing;
        try {
            publishing = publish.get();
        } catch (RuntimeException e) {
            publishing = CompletableFuture.failedFuture(e);
        }
        publishing.whenComplete(
                (ok, error) -> {
                    if (error != null) {
                        synchronized (recent) {
                            recent.remove(id, mine);
                        }
                        mine.completeExceptionally(error);
                    } else {
                        mine.complete(null);
                    }
                });
        return mine.thenApply(ignored -> Outcome.PUBLISHED);
    }

    /** Whether the id was published (or is being published) recently. */
    public boolean contains(String id) {
        synchronized (recent) {
            return recent.containsKey(id);
        }
    }
}
