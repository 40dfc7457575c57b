package dev.vigil.console.kafka;

import dev.vigil.events.Topic;

/** Publishes the console's records (commands, registry and rule edits, accounts, audit). */
public interface Publisher {

    /** Where Kafka put a published record: its topic, partition and offset. */
    record Written(String topic, int partition, long offset) {}

    /**
     * Publishes the value under its key and returns once Kafka acknowledged it.
     *
     * @return where the record was written, so that the caller can wait to read it back
     * @throws dev.vigil.console.api.ApiError 503 when Kafka did not acknowledge in time
     */
    <V> Written publish(Topic<String, V> topic, V value);
}
