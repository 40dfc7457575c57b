package dev.vigil.console.incident;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.console.state.IncidentSummary;
import dev.vigil.events.EvidenceRef;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import java.util.HashSet;
import java.util.Set;

/**
 * Which objects a user may see: staff see everything, an agency user only incidents dispatched to
 * its agency, their sources, and the pictures of their evidence.
 */
public final class IncidentAccess {

    private final ConsoleState state;

    public IncidentAccess(ConsoleState state) {
        this.state = state;
    }

    /** Whether the user may see the incident. */
    public boolean sees(SignedInUser user, IncidentSummary incident) {
        return user.staff() || incident.agencyIds().contains(user.agencyId());
    }

    /** Whether the user may see the incident with this id (false when unknown). */
    public boolean seesIncident(SignedInUser user, String incidentId) {
        return state.incident(incidentId).map(i -> sees(user, i)).orElse(false);
    }

    /** Whether the user may see the source: staff always, agency users when it is one of theirs. */
    public boolean seesSource(SignedInUser user, String sourceId) {
        return user.staff()
                || state.incidents().stream()
                        .anyMatch(i -> i.sourceId().equals(sourceId) && sees(user, i));
    }

    /** 403 unless the user may see the source. */
    public void checkSource(SignedInUser user, String sourceId) {
        if (!seesSource(user, sourceId)) {
            throw ApiError.forbidden("source " + sourceId + " is not one of your incidents'");
        }
    }

    /** Whether the user may see the alert (attached to one of its incidents, for agencies). */
    public boolean seesAlert(SignedInUser user, String alertId) {
        if (user.staff()) {
            return true;
        }
        return state.incidents().stream()
                .filter(i -> sees(user, i))
                .anyMatch(
                        i ->
                                state.timeline(i.incidentId()).stream()
                                        .anyMatch(e -> e.alertIds().contains(alertId)));
    }

    /** Whether the user may see the picture with this hash. */
    public boolean seesMedia(SignedInUser user, String sha256) {
        if (user.staff()) {
            return true;
        }
        Set<String> hashes = new HashSet<>();
        for (IncidentSummary incident : state.incidents()) {
            if (!sees(user, incident)) {
                continue;
            }
            var timeline = state.timeline(incident.incidentId());
            Set<String> alertIds = new HashSet<>();
            timeline.forEach(e -> alertIds.addAll(e.alertIds()));
            for (String alertId : alertIds) {
                state.alert(alertId).ifPresent(a -> collectMedia(a, hashes));
            }
        }
        return hashes.contains(sha256);
    }

    private void collectMedia(Alert alert, Set<String> hashes) {
        for (Evidence evidence : alert.evidence()) {
            if (evidence.kind() == Evidence.Kind.VIDEO_EVENT) {
                state.videoEvent(evidence.ref())
                        .ifPresent(
                                v -> {
                                    v.pictures().forEach(p -> hashes.add(p.contentHash()));
                                    if (v.clip() != null) {
                                        hashes.add(v.clip().contentHash());
                                    }
                                });
            } else if (evidence.kind() == Evidence.Kind.COMPLAINT) {
                state.complaint(evidence.ref())
                        .ifPresent(
                                c ->
                                        c.attachments().stream()
                                                .map(EvidenceRef::contentHash)
                                                .forEach(hashes::add));
            }
        }
    }
}
