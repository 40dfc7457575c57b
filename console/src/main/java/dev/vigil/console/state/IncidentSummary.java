package dev.vigil.console.state;

import dev.vigil.events.Severity;
import dev.vigil.events.incident.IncidentEvent;
import java.time.Instant;
import java.util.List;

/**
 * One incident as the console lists it, folded from its events on {@code vigil.incidents}: the
 * latest event's state plus when it opened and the source's name.
 */
public record IncidentSummary(
        String incidentId,
        IncidentEvent.State state,
        int priority,
        Severity severity,
        IncidentEvent.Category category,
        String sourceId,
        String sourceName,
        Instant openedAt,
        Instant updatedAt,
        int alertCount,
        List<String> agencyIds,
        Instant deadline,
        IncidentEvent.Type lastEventType,
        String lastDetail,
        long sequence,
        List<String> acknowledgedBy) {

    public IncidentSummary {
        agencyIds = agencyIds == null ? List.of() : List.copyOf(agencyIds);
        acknowledgedBy = acknowledgedBy == null ? List.of() : List.copyOf(acknowledgedBy);
    }

    /** Whether it still needs work: not CLOSED nor MERGED. */
    public boolean open() {
        return state != IncidentEvent.State.CLOSED && state != IncidentEvent.State.MERGED;
    }
}
