package dev.vigil.jobs.incident;

import static dev.vigil.jobs.incident.IncidentFixtures.CONFIG;
import static dev.vigil.jobs.incident.IncidentFixtures.OPERATOR;
import static dev.vigil.jobs.incident.IncidentFixtures.T0;
import static dev.vigil.jobs.incident.IncidentFixtures.alert;
import static dev.vigil.jobs.incident.IncidentFixtures.command;
import static dev.vigil.jobs.incident.IncidentFixtures.exceedance;
import static dev.vigil.jobs.incident.IncidentFixtures.merge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grouping, priority and event numbering of one incident, without Flink. */
class IncidentTest {

    private final List<IncidentEvent> events = new ArrayList<>();

    @Test
    void priorityRisesWithEachCorroboratingFamily() {
        assertThat(EvidenceFamily.priority(Severity.ALARM, Set.of(EvidenceFamily.SENSOR), 0))
                .isEqualTo(3);
        assertThat(
                        EvidenceFamily.priority(
                                Severity.ALARM,
                                EnumSet.of(
                                        EvidenceFamily.SENSOR,
                                        EvidenceFamily.VIDEO,
                                        EvidenceFamily.COMPLAINT),
                                0))
                .isEqualTo(5);
        assertThat(
                        EvidenceFamily.priority(
                                Severity.WARNING,
                                EnumSet.of(EvidenceFamily.SENSOR, EvidenceFamily.DEVICE),
                                1))
                .isEqualTo(3);
    }

    @Test
    void sensorVideoAndComplaintInWindowAreOneIncidentWithRaisedPriority() {
        // GIVEN an exceedance opening an incident
        Incident incident =
                Incident.open(exceedance(T0), IncidentFixtures.source(), 0, CONFIG, events);
        assertThat(incident.incidentId()).startsWith(IncidentFixtures.SOURCE + "~");
        assertThat(incident.incidentId()).isEqualTo(IncidentKeys.incidentId(exceedance(T0)));
        assertThat(IncidentKeys.sourceOf(incident.incidentId())).isEqualTo(IncidentFixtures.SOURCE);
        assertThat(events.get(0).detail()).contains("Riverside Paper", "East", "agency-river");

        // WHEN video and a complaint follow within the window
        Alert video = alert("a-smoke", Alert.Type.VIDEO, Severity.WARNING, T0.plusSeconds(600));
        Alert complaint =
                alert("a-complaint", Alert.Type.COMPLAINT, Severity.WARNING, T0.plusSeconds(1200));
        assertThat(incident.takes(video, Duration.ofMinutes(30))).isTrue();
        incident.attach(video, false, 1, CONFIG, events);
        incident.attach(complaint, false, 2, CONFIG, events);

        // THEN one incident, three alerts, priority ALARM (3) + 2
        assertThat(incident.alertIds()).containsExactly("a-cod", "a-smoke", "a-complaint");
        assertThat(incident.priority()).isEqualTo(5);
        assertThat(incident.severity()).isEqualTo(Severity.ALARM);
        assertThat(events).extracting(IncidentEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(incident.hasSeen(video)).isTrue();
    }

    @Test
    void anAlertOutsideTheWindowOrAfterResolutionDoesNotJoin() {
        Incident incident = Incident.open(exceedance(T0), null, 0, CONFIG, events);
        Alert late = alert("a-late", Alert.Type.THRESHOLD, Severity.ALARM, T0.plusSeconds(3600));
        assertThat(incident.takes(late, Duration.ofMinutes(30))).isFalse();
        incident.apply(
                command("c1", incident.incidentId(), Command.Type.ACKNOWLEDGE, OPERATOR),
                0,
                CONFIG,
                events,
                new ArrayList<>());
        incident.apply(
                command("c2", incident.incidentId(), Command.Type.RESOLVE, OPERATOR),
                0,
                CONFIG,
                events,
                new ArrayList<>());
        Alert soon = alert("a-soon", Alert.Type.THRESHOLD, Severity.ALARM, T0.plusSeconds(60));
        assertThat(incident.takes(soon, Duration.ofMinutes(30))).isFalse();
    }

    @Test
    void silencedAlertsAreAttachedWithoutRaisingPriorityOrDeadline() {
        Incident incident = Incident.open(exceedance(T0), null, 0, CONFIG, events);
        Alert video = alert("a-smoke", Alert.Type.VIDEO, Severity.SEVERE, T0.plusSeconds(60));
        incident.attach(video, true, 1_000, CONFIG, events);
        assertThat(incident.priority()).isEqualTo(3);
        assertThat(incident.severity()).isEqualTo(Severity.ALARM);
        assertThat(events.get(1).type()).isEqualTo(IncidentEvent.Type.SILENCED);
        assertThat(events.get(1).alertIds()).contains("a-smoke");
    }

    @Test
    void aRepeatedCommandIsAppliedOnceAndMergeSendsTheTargetItsHalf() {
        Incident incident = Incident.open(exceedance(T0), null, 0, CONFIG, events);
        List<Command> halves = new ArrayList<>();
        Command m = merge("m1", incident.incidentId(), "src-other~0123");
        assertThat(incident.apply(m, 0, CONFIG, events, halves)).isTrue();
        assertThat(incident.apply(m, 0, CONFIG, events, halves)).isFalse();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).state()).isEqualTo(IncidentEvent.State.MERGED);
        assertThat(halves)
                .singleElement()
                .satisfies(
                        h -> {
                            assertThat(h.incidentId()).isEqualTo("src-other~0123");
                            assertThat(h.mergeInto()).isEqualTo(incident.incidentId());
                            assertThat(h.validate()).isEmpty();
                        });
        assertThat(incident.timers()).containsExactly(CONFIG.retention().toMillis());
    }
}
