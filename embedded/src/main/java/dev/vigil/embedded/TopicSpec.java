package dev.vigil.embedded;

import java.util.Objects;

/**
 * A topic to create on the embedded broker: its name, partition count and whether it is compacted
 * (latest value per key kept, as for registries and rules).
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

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
