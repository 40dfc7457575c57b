package dev.vigil.alerting;

import dev.vigil.alerting.route.Agency;
import dev.vigil.alerting.route.Endpoint;
import dev.vigil.alerting.route.FileAgencyDirectory;
import dev.vigil.alerting.route.RoutingRule;
import dev.vigil.alerting.route.SourceDirectory;
import dev.vigil.alerting.route.SourceInfo;
import dev.vigil.events.Severity;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Incident events and directories the tests share. */
public final class Fixtures {
    public static final String SOURCE = "src-chem-01";

    private Fixtures() {}

    public static IncidentEvent event(
            String incidentId, long seq, IncidentEvent.Type type, IncidentEvent.State state) {
        List<String> alerts = new ArrayList<>();
        for (long i = 1; i <= seq; i++) {
            alerts.add("alert-" + i);
        }
        return new IncidentEvent(
                IncidentEvent.idFor(incidentId, seq),
                incidentId,
                seq,
                type,
                state,
                3,
                Severity.ALARM,
                IncidentEvent.Category.EXCEEDANCE,
                SOURCE,
                alerts,
                List.of(),
                null,
                null,
                Instant.parse("2026-11-22T08:00:00Z").plusSeconds(seq),
                null,
                null);
    }

    public static FileAgencyDirectory directory(String webhookUrl, String capUrl, String secret) {
        return new FileAgencyDirectory(
                new FileAgencyDirectory.Contents(
                        List.of(
                                new Agency(
                                        "env",
                                        "Enforcement",
                                        "key-env",
                                        List.of(
                                                new Endpoint(
                                                        Delivery.Channel.WEBHOOK,
                                                        webhookUrl,
                                                        secret,
                                                        null,
                                                        null))),
                                new Agency(
                                        "city",
                                        "City command",
                                        "key-city",
                                        List.of(
                                                new Endpoint(
                                                        Delivery.Channel.CAP,
                                                        capUrl,
                                                        null,
                                                        null,
                                                        null)))),
                        List.of(
                                new RoutingRule(
                                        "r1",
                                        "env",
                                        null,
                                        null,
                                        List.of("AIR"),
                                        Severity.ALARM,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null),
                                new RoutingRule(
                                        "r2",
                                        "city",
                                        null,
                                        null,
                                        null,
                                        Severity.SEVERE,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null))));
    }

    /** What the registry says of {@link #SOURCE}. */
    public static final SourceInfo CHEM =
            new SourceInfo(
                    SOURCE,
                    "AIR",
                    "Riverside",
                    "Harbour Road",
                    List.of("chemical-park"),
                    31.23,
                    121.47);

    /** A registry that knows {@link #SOURCE} only. */
    public static SourceDirectory sources() {
        return id -> SOURCE.equals(id) ? CHEM : SourceInfo.unknown(id);
    }
}
