package dev.vigil.alerting.route;

import dev.vigil.events.Severity;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * Sends matching incidents to an agency over the given channels; every condition left empty matches
 * anything, and all given conditions must hold.
 *
 * @param ruleId for logs
 * @param agencyId the receiving agency
 * @param channels the agency's endpoints to use; empty means all of them
 * @param categories incident categories ({@link IncidentEvent.Category}: EXCEEDANCE, SMOKE, ...)
 * @param kinds source kinds from the registry (AIR, WATER, NOISE, DUST, OTHER)
 * @param minSeverity the incident's severity at least; nullable
 * @param areas source areas
 * @param streets source streets
 * @param sourceGroups source groups; one shared group is enough
 * @param from start of the time-of-day window (local time), nullable; a window may wrap midnight
 * @param until end of the time-of-day window (exclusive), nullable
 */
public record RoutingRule(
        String ruleId,
        String agencyId,
        List<Delivery.Channel> channels,
        List<IncidentEvent.Category> categories,
        List<String> kinds,
        Severity minSeverity,
        List<String> areas,
        List<String> streets,
        List<String> sourceGroups,
        LocalTime from,
        LocalTime until) {
    public RoutingRule {
        Objects.requireNonNull(agencyId, "agencyId is required");
        channels = channels == null ? List.of() : List.copyOf(channels);
        categories = categories == null ? List.of() : List.copyOf(categories);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        areas = areas == null ? List.of() : List.copyOf(areas);
        streets = streets == null ? List.of() : List.copyOf(streets);
        sourceGroups = sourceGroups == null ? List.of() : List.copyOf(sourceGroups);
    }

    /** Whether this rule sends the incident, as it stands after {@code event}, at local time. */
    public boolean matches(IncidentEvent event, SourceInfo source, LocalTime now) {
        return (minSeverity == null || event.severity().atLeast(minSeverity))
                && (categories.isEmpty() || categories.contains(event.category()))
                && (kinds.isEmpty() || kinds.contains(source.kind()))
                && (areas.isEmpty() || areas.contains(source.area()))
                && (streets.isEmpty() || streets.contains(source.street()))
                && (sourceGroups.isEmpty()
                        || source.groups().stream().anyMatch(sourceGroups::contains))
                && inWindow(now);
    }

    private boolean inWindow(LocalTime now) {
        if (from == null || until == null) {
            return true;
        }
        return from.isBefore(until)
                ? !now.isBefore(from) && now.isBefore(until)
                : !now.isBefore(from) || now.isBefore(until);
    }
}
