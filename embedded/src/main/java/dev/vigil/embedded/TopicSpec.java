package dev.vigil.embedded;

import dev.vigil.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create on the embedded broker: its name, partition count, whether it is compacted
 * (latest value per key kept, as for registries and rules) and any further topic configs (such as
 * {@code retention.ms=-1} for what is kept forever).
 */
public record TopicSpec(
        String name, int partitions, boolean compacted, Map<String, String> configs) {

    /** Validates the name and partition count. */
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + " needs at least one partition, got " + partitions);
        }
        configs = configs == null ? Map.of() : Map.copyOf(configs);
    }

    /** A topic without further configs. */
    public TopicSpec(String name, int partitions, boolean compacted) {
        this(name, partitions, compacted, Map.of());
    }

    /**
     * A topic with the given configs as they are (compacted when they say {@code
     * cleanup.policy=compact}).
     */
    public static TopicSpec withConfigs(String name, int partitions, Map<String, String> configs) {
        return new TopicSpec(
                name, partitions, "compact".equals(configs.get("cleanup.policy")), configs);
    }

    /**
     * Every topic of the contract ({@link Topics#all()}) with its configs (compaction, retention)
     * and {@code partitions} partitions each.
     */
    public static List<TopicSpec> allTopics(int partitions) {
        return Topics.all().stream()
                .map(t -> withConfigs(t.name(), partitions, t.configs()))
                .toList();
    }

    /** A topic with the usual delete-after-retention policy. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, false);
    }

    /** A compacted topic. */
    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, true);
    }
}
