package dev.vigil.jobs.incident;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Command;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Alerts, commands and a source for the incident tests. */
final class IncidentFixtures {

    static final String SOURCE = "src-paper";
    static final String AGENCY = "agency-river";
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    static final Actor OPERATOR = new Actor("olga", Actor.Role.OPERATOR, null);
    static final Actor AGENT = new Actor("ann", Actor.Role.AGENCY, AGENCY);
    static final Actor OTHER_AGENT = new Actor("bob", Actor.Role.AGENCY, "agency-other");

    /** Short deadlines: acknowledge within 60 s, agency within 30 s, kept 10 s after closing. */
    static final IncidentConfig CONFIG =
            IncidentConfig.DEFAULTS
                    .withAcknowledgeWithin(Duration.ofSeconds(60))
                    .withAgencyWithin(Duration.ofSeconds(30))
                    .withRetention(Duration.ofSeconds(10));

    private IncidentFixtures() {}

    static Alert alert(String id, Alert.Type type, Severity severity, Instant eventTime) {
        return alert(SOURCE, id, type, severity, eventTime, false);
    }

    static Alert alert(
            String sourceId,
            String id,
            Alert.Type type,
            Severity severity,
            Instant eventTime,
            boolean suppressed) {
        return new Alert(
                id,
                type,
                severity,
                Alert.State.FIRING,
                sourceId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                eventTime,
                eventTime.plusSeconds(5),
                false,
                suppressed,
                type + " at " + sourceId);
    }

    /** A VIDEO alert whose evidence says what the camera saw, as detection writes it. */
    static Alert video(String id, VideoEvent.Type seen, Instant eventTime) {
        Alert plain = alert(id, Alert.Type.VIDEO, Severity.ALARM, eventTime);
        return new Alert(
                plain.alertId(),
                plain.type(),
                plain.severity(),
                plain.state(),
                plain.sourceId(),
                null,
                null,
                null,
                0.9,
                0.6,
                null,
                null,
                null,
                List.of(
                        new Evidence(
                                Evidence.Kind.VIDEO_EVENT,
                                "ev-" + id,
                                eventTime,
                                0.9,
                                seen.name() + " START by cam-1 (fireDetection)")),
                plain.eventTime(),
                plain.detectedAt(),
                false,
                false,
                plain.message());
    }

    static Alert exceedance(Instant at) {
        return alert("a-cod", Alert.Type.HOURLY_EXCEEDANCE, Severity.ALARM, at);
    }

    static Command command(String id, String incidentId, Command.Type type, Actor actor) {
        return new Command(id, incidentId, type, actor, T0, List.of(), null, null, null, null);
    }

    static Command dispatch(String id, String incidentId, String... agencies) {
        return new Command(
                id,
                incidentId,
                Command.Type.DISPATCH,
                OPERATOR,
                T0,
                List.of(agencies),
                null,
                null,
                null,
                null);
    }

    static Command feedback(String id, String incidentId, Actor actor) {
        return new Command(
                id,
                incidentId,
                Command.Type.FEEDBACK,
                actor,
                T0,
                List.of(),
                "outfall sealed",
                null,
                null,
                null);
    }

    static Command silence(String id, String incidentId, Instant until) {
        return new Command(
                id,
                incidentId,
                Command.Type.SILENCE,
                OPERATOR,
                T0,
                List.of(),
                "repair",
                null,
                until,
                SOURCE);
    }

    static Command merge(String id, String incidentId, String into) {
        return new Command(
                id,
                incidentId,
                Command.Type.MERGE,
                OPERATOR,
                T0,
                List.of(),
                null,
                into,
                null,
                null);
    }

    /** A delivery of {@code incidentId}'s event to {@code agency} over WEBHOOK with an outcome. */
    static Delivery delivery(
            String deliveryId, String incidentId, String agency, Delivery.Outcome outcome) {
        return new Delivery(
                deliveryId,
                incidentId,
                "event-1",
                agency,
                Delivery.Channel.WEBHOOK,
                outcome == Delivery.Outcome.PENDING ? 0 : 7,
                outcome,
                T0.plusSeconds(3600),
                503,
                outcome == Delivery.Outcome.DEAD_LETTERED
                        ? "retry budget spent after 7 attempts: HTTP 503"
                        : "HTTP 503",
                null);
    }

    static Source source() {
        return new Source(
                SOURCE,
                "Riverside Paper",
                null,
                Source.Kind.WATER,
                new Place("1 River Road", new GeoPoint(31.2, 121.4), "Riverside", "East"),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(AGENCY),
                false,
                1,
                T0.minusSeconds(3600));
    }
}
