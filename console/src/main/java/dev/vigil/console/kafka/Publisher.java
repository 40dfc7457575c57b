package dev.vigil.console.kafka;

import dev.vigil.events.Topic;

/** Publishes the console's records (commands, registry and rule edits, accounts, audit). */
public interface Publisher {

    /**
     * Publishes the value under its key and returns once Kafka acknowledged it.
     *
     * @throws dev.vigil.console.api.ApiError 503 when Kafka did not acknowledge in time
     */
    <V> void publish(Topic<String, V> topic, V value);
}
