package dev.vigil.jobs.detect.registry;

import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import java.util.Objects;

/**
 * One record of the compacted {@code vigil.sources} or {@code vigil.rules} topic: a new version of
 * a source or rule under its key, or a tombstone (no value) that deletes it. Both topics travel as
 * one stream so that one broadcast carries the whole registry.
 *
 * @param kind which topic it came from
 * @param key the Kafka key: source id or rule id
 * @param source the new source; {@code null} for a rule or a source tombstone
 * @param rule the new rule; {@code null} for a source or a rule tombstone
 */
public record RegistryUpdate(Kind kind, String key, Source source, ThresholdRule rule) {

    /** Which part of the registry an update is about. */
    public enum Kind {
        SOURCE,
        RULE
    }

    public RegistryUpdate {
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(key, "key is required");
        if (kind == Kind.SOURCE ? rule != null : source != null) {
            throw new IllegalArgumentException("a " + kind + " update carries only a " + kind);
        }
    }

    /** A source entry, or its tombstone when {@code source} is {@code null}. */
    public static RegistryUpdate source(String sourceId, Source source) {
        return new RegistryUpdate(Kind.SOURCE, sourceId, source, null);
    }

    /** A rule version, or its tombstone when {@code rule} is {@code null}. */
    public static RegistryUpdate rule(String ruleId, ThresholdRule rule) {
        return new RegistryUpdate(Kind.RULE, ruleId, null, rule);
    }

    /** Whether this deletes the key. */
    public boolean tombstone() {
        return source == null && rule == null;
    }

    /** Whether this is about a source. */
    public boolean isSource() {
        return kind == Kind.SOURCE;
    }
}
