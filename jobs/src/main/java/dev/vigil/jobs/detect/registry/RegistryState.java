package dev.vigil.jobs.detect.registry;

import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import org.apache.flink.api.common.state.BroadcastState;

/**
 * Applies registry updates to the broadcast state of sources and rules that every parallel instance
 * holds alike: the newest version wins, a stale version is ignored, and a tombstone, a retired
 * entry or a disabled rule is removed, reported as a {@link Withdrawal} so the caller can resolve
 * what the entry had fired.
 */
public final class RegistryState {

    private RegistryState() {}

    /**
     * What an update took out of service: one rule (with its last version) or one source, or
     * nothing.
     */
    public record Withdrawal(String ruleId, ThresholdRule rule, String sourceId) {

        static final Withdrawal NONE = new Withdrawal(null, null, null);

        /** Whether nothing was withdrawn. */
        public boolean none() {
            return ruleId == null && sourceId == null;
        }
    }

    /** Applies one (already validated) update. */
    public static Withdrawal apply(
            BroadcastState<String, Source> sources,
            BroadcastState<String, ThresholdRule> rules,
            RegistryUpdate update)
            throws Exception {
        String key = update.key();
        if (update.isSource()) {
            Source current = sources.get(key);
            if (update.tombstone() || update.source().retired()) {
                if (current == null) {
                    return Withdrawal.NONE;
                }
                sources.remove(key);
                return new Withdrawal(null, null, key);
            }
            if (current == null || current.version() <= update.source().version()) {
                sources.put(key, update.source());
            }
            return Withdrawal.NONE;
        }
        ThresholdRule current = rules.get(key);
        if (update.tombstone() || update.rule().retired() || !update.rule().enabled()) {
            if (current == null) {
                return Withdrawal.NONE;
            }
            rules.remove(key);
            return new Withdrawal(key, current, null);
        }
        if (current == null || current.version() <= update.rule().version()) {
            rules.put(key, update.rule());
        }
        return Withdrawal.NONE;
    }
}
