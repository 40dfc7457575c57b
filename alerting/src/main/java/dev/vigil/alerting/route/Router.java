package dev.vigil.alerting.route;

import dev.vigil.events.incident.IncidentEvent;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which agencies and endpoints an incident goes to: every matching rule, plus the agencies
 * an operator dispatched explicitly (over all their endpoints).
 */
public final class Router {
    /** One agency endpoint an incident goes to. */
    public record Target(Agency agency, Endpoint endpoint) {}

    private final AgencyDirectory directory;
    private final SourceDirectory sources;
    private final ZoneId zone;

    /**
     * @param directory agencies and rules
     * @param sources what routing knows of each source (the registry)
     * @param zone the time zone of time-of-day rules
     */
    public Router(AgencyDirectory directory, SourceDirectory sources, ZoneId zone) {
        this.directory = directory;
        this.sources = sources;
        this.zone = zone;
    }

    public List<Target> targets(IncidentEvent event) {
        SourceInfo source = sources.source(event.sourceId());
        LocalTime now = event.at().atZone(zone).toLocalTime();
        Map<String, Target> out = new LinkedHashMap<>();
        for (RoutingRule rule : directory.rules()) {
            if (rule.matches(event, source, now)) {
                directory
                        .agency(rule.agencyId())
                        .ifPresent(
                                agency ->
                                        agency.endpoints().stream()
                                                .filter(
                                                        e ->
                                                                rule.channels().isEmpty()
                                                                        || rule.channels()
                                                                                .contains(
                                                                                        e
                                                                                                .channel()))
                                                .forEach(e -> add(out, agency, e)));
            }
        }
        for (String agencyId : event.agencyIds()) {
            directory.agency(agencyId).ifPresent(a -> a.endpoints().forEach(e -> add(out, a, e)));
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<String, Target> out, Agency agency, Endpoint endpoint) {
        out.putIfAbsent(agency.agencyId() + "/" + endpoint.channel(), new Target(agency, endpoint));
    }

    public AgencyDirectory directory() {
        return directory;
    }

    /** What is known of a source, for the message sent about it. */
    public SourceInfo source(String sourceId) {
        return sources.source(sourceId);
    }
}
