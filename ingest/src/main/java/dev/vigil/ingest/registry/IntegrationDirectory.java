package dev.vigil.ingest.registry;

import dev.vigil.events.Topics;
import dev.vigil.events.integration.Integration;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The integrations allowed to push data over HTTP, by id and by API-key hash, followed from the
 * compacted {@code vigil.integrations} topic so a new or revoked credential takes effect within a
 * poll interval on every ingest instance.
 */
public final class IntegrationDirectory implements AutoCloseable {

    private final Map<String, Integration> byId = new ConcurrentHashMap<>();
    private final Map<String, Integration> byKeyHash = new ConcurrentHashMap<>();
    private final CompactedTopicView<Integration> view;

    private IntegrationDirectory(String bootstrapServers) {
        this.view =
                bootstrapServers == null
                        ? null
                        : CompactedTopicView.of(
                                bootstrapServers, Topics.INTEGRATIONS, this::changed);
    }

    /** A directory that follows {@code vigil.integrations} on this Kafka cluster. */
    public static IntegrationDirectory following(String bootstrapServers) {
        IntegrationDirectory directory = new IntegrationDirectory(bootstrapServers);
        directory.view.start();
        return directory;
    }

    /** A fixed directory, ready at once, for tests and tools. */
    public static IntegrationDirectory of(Collection<Integration> integrations) {
        IntegrationDirectory directory = new IntegrationDirectory(null);
        integrations.forEach(i -> directory.changed(i.integrationId(), null, i));
        return directory;
    }

    /** Whether the registry has been read up to where it was at start-up. */
    public boolean ready() {
        return view == null || view.caughtUp();
    }

    /** Waits until {@link #ready()}; false when the time ran out first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return view == null || view.awaitCaughtUp(timeout);
    }

    /** The integration with this id. */
    public Optional<Integration> byId(String integrationId) {
        return Optional.ofNullable(byId.get(integrationId));
    }

    /** The integration whose API key this is. */
    public Optional<Integration> byApiKey(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Optional.empty();
        }
        Integration found = byKeyHash.get(Integration.hashApiKey(apiKey));
        return found != null && found.apiKeyMatches(apiKey) ? Optional.of(found) : Optional.empty();
    }

    void changed(String key, Integration previous, Integration current) {
        if (previous != null && previous.apiKeyHash() != null) {
            byKeyHash.remove(previous.apiKeyHash(), previous);
        }
        if (current == null) {
            byId.remove(key);
            return;
        }
        byId.put(key, current);
        if (current.apiKeyHash() != null) {
            byKeyHash.put(current.apiKeyHash(), current);
        }
    }

    @Override
    public void close() {
        if (view != null) {
            view.close();
        }
    }
}
