package dev.vigil.events;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Kafka topic of Vigil: its name, key and value types, serdes, how a value yields its key and
 * the topic configuration it must be created with, bound together so that producers and consumers
 * cannot disagree.
 */
public final class Topic<K, V> {

    private final String name;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Function<? super V, ? extends K> keyOf;
    private final Map<String, String> configs;

    private Topic(
            String name,
            Class<K> keyType,
            Class<V> valueType,
            Serde<K> keySerde,
            Serde<V> valueSerde,
            Function<? super V, ? extends K> keyOf,
            Map<String, String> configs) {
        this.name = Objects.requireNonNull(name, "name is required");
        this.keyType = Objects.requireNonNull(keyType, "keyType is required");
        this.valueType = Objects.requireNonNull(valueType, "valueType is required");
        this.keySerde = Objects.requireNonNull(keySerde, "keySerde is required");
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde is required");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf is required");
        this.configs = Map.copyOf(configs);
    }

    /** A topic keyed by a string taken from the value, with JSON values. */
    static <V> Topic<String, V> keyedByString(
            String name,
            Class<V> valueType,
            Function<? super V, String> keyOf,
            Map<String, String> configs) {
        return new Topic<>(
                name,
                String.class,
                valueType,
                Serdes.String(),
                new JsonSerde<>(valueType),
                keyOf,
                configs);
    }

    public String name() {
        return name;
    }

    public Class<K> keyType() {
        return keyType;
    }

    public Class<V> valueType() {
        return valueType;
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /**
     * Whether Kafka keeps only the latest value per key (registry-like topics); a {@code null}
     * value there deletes the key.
     */
    public boolean compacted() {
        return TopicConfig.CLEANUP_POLICY_COMPACT.equals(
                configs.get(TopicConfig.CLEANUP_POLICY_CONFIG));
    }

    /** The topic-level configuration to create the topic with, e.g. {@code cleanup.policy}. */
    public Map<String, String> configs() {
        return configs;
    }

    /** The key this value must be published under. */
    public K keyOf(V value) {
        return keyOf.apply(Objects.requireNonNull(value, "value is required"));
    }

    /** A record of this value under its own key. */
    public ProducerRecord<K, V> record(V value) {
        return new ProducerRecord<>(name, keyOf(value), value);
    }

    /** A tombstone that deletes the key from a compacted topic. */
    public ProducerRecord<K, V> tombstone(K key) {
        if (!compacted()) {
            throw new IllegalStateException(name + " is not compacted: tombstones delete nothing");
        }
        return new ProducerRecord<>(name, Objects.requireNonNull(key, "key is required"), null);
    }

    @Override
    public String toString() {
        return name;
    }
}
