package dev.vigil.console.stream;

import dev.vigil.console.auth.SignedInUser;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which streamed records a user may see, from an index the {@link StreamReader} keeps of the
 * incidents it streams: staff see everything; an agency user the events and alerts of incidents
 * whose latest event lists its agency, and its own deliveries of those. The same rules as {@link
 * dev.vigil.console.incident.IncidentAccess}, answered in constant time and without the console
 * state's lock, since they are asked for every record and every agency client.
 */
public final class StreamAccess {

    private record Dispatch(long sequence, Set<String> agencyIds) {}

    private final Map<String, Dispatch> incidents = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> incidentsByAlert = new ConcurrentHashMap<>();

    /** Learns an incident event: the agencies of its latest one, the alerts of all of them. */
    void incidentEvent(
            String incidentId, long sequence, List<String> alertIds, List<String> agencyIds) {
        // Never changed after this; a HashSet, since a null in the list must not throw here.
        Set<String> agencies = agencyIds == null ? Set.of() : new HashSet<>(agencyIds);
        incidents.merge(
                incidentId,
                new Dispatch(sequence, agencies),
                (known, next) -> next.sequence() >= known.sequence() ? next : known);
        if (alertIds != null) {
            for (String alertId : alertIds) {
                incidentsByAlert
                        .computeIfAbsent(alertId, k -> ConcurrentHashMap.newKeySet())
                        .add(incidentId);
            }
        }
    }

    /** Whether the user may see this record. */
    public boolean sees(SignedInUser user, StreamEvent event) {
        if (user.staff()) {
            return true;
        }
        return switch (event.kind()) {
            case "incident" -> seesIncident(user, event.incidentId());
            case "delivery" ->
                    user.agencyId().equals(event.agencyId())
                            && seesIncident(user, event.incidentId());
            case "alert" -> seesAlert(user, event.alertId());
            default -> false;
        };
    }

    private boolean seesIncident(SignedInUser user, String incidentId) {
        Dispatch dispatch = incidentId == null ? null : incidents.get(incidentId);
        return dispatch != null
                && user.agencyId() != null
                && dispatch.agencyIds().contains(user.agencyId());
    }

    private boolean seesAlert(SignedInUser user, String alertId) {
        Set<String> of = alertId == null ? null : incidentsByAlert.get(alertId);
        if (of == null) {
            return false;
        }
        for (String incidentId : of) {
            if (seesIncident(user, incidentId)) {
                return true;
            }
        }
        return false;
    }
}
