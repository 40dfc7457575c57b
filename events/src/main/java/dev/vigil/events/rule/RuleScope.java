package dev.vigil.events.rule;

import java.util.Collection;
import java.util.Objects;

/**
 * What a threshold rule watches: one pollutant at one source (optionally one of its outlets), or at
 * every source of a named group; exactly one of {@code sourceId} and {@code group} is set (checked
 * by {@link ThresholdRule#validate()}).
 *
 * @param sourceId the source watched; nullable when {@code group} is set
 * @param outletId the outlet watched; nullable for every outlet; only with {@code sourceId}
 * @param pollutantCode HJ 212 pollutant code, e.g. {@code w01018}
 * @param group the source group watched; nullable when {@code sourceId} is set
 */
public record RuleScope(String sourceId, String outletId, String pollutantCode, String group) {

    public RuleScope {
        Objects.requireNonNull(pollutantCode, "pollutantCode is required");
    }

    /** Whether a reading of this source (in these groups), outlet and pollutant is in scope. */
    public boolean covers(
            String sourceId, Collection<String> groups, String outletId, String pollutantCode) {
        if (!this.pollutantCode.equals(pollutantCode)) {
            return false;
        }
        if (this.sourceId != null) {
            return this.sourceId.equals(sourceId)
                    && (this.outletId == null || this.outletId.equals(outletId));
        }
        return this.group != null && groups.contains(this.group);
    }
}
