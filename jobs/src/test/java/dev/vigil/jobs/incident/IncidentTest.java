package dev.vigil.jobs.incident;

import static dev.vigil.jobs.incident.IncidentFixtures.CONFIG;
import static dev.vigil.jobs.incident.IncidentFixtures.OPERATOR;
import static dev.vigil.jobs.incident.IncidentFixtures.T0;
import static dev.vigil.jobs.incident.IncidentFixtures.alert;
import static dev.vigil.jobs.incident.IncidentFixtures.command;
import static dev.vigil.jobs.incident.IncidentFixtures.exceedance;
import static dev.vigil.jobs.incident.IncidentFixtures.merge;
import static dev.vigil.jobs.incident.IncidentFixtures.video;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.Category;
import dev.vigil.events.video.VideoEvent;
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
                Incident.open(
                        exceedance(T0),
                        SourcePlace.describe(IncidentFixtures.source()),
                        0,
                        CONFIG,
                        events);
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
    void theCategoryIsTheFirstAlertsAndTheMostTellingEvidenceThatJoinsDecidesLater() {
        // GIVEN a complaint opening an incident
        Incident incident =
                Incident.open(
                        alert("a-c", Alert.Type.COMPLAINT, Severity.WARNING, T0),
                        null,
                        0,
                        CONFIG,
                        events);
        assertThat(events.get(0).category()).isEqualTo(Category.COMPLAINT);

        // WHEN an offline device joins THEN the complaint still says more
        incident.attach(
                alert("a-off", Alert.Type.OFFLINE, Severity.WARNING, T0.plusSeconds(60)),
                false,
                1,
                CONFIG,
                events);
        assertThat(events.get(1).category()).isEqualTo(Category.COMPLAINT);

        // WHEN an exceedance joins, and then silenced smoke THEN the exceedance decides, since
        // silenced evidence changes nothing
        incident.attach(exceedance(T0.plusSeconds(120)), false, 2, CONFIG, events);
        incident.attach(
                video("a-smoke", VideoEvent.Type.SMOKE, T0.plusSeconds(180)),
                true,
                3,
                CONFIG,
                events);
        assertThat(events)
                .extracting(IncidentEvent::category)
                .endsWith(Category.EXCEEDANCE, Category.EXCEEDANCE);

        // WHEN the camera sees fire THEN the incident is a fire
        incident.attach(
                video("a-fire", VideoEvent.Type.FIRE, T0.plusSeconds(240)),
                false,
                4,
                CONFIG,
                events);
        assertThat(incident.category()).isEqualTo(Category.FIRE);
        assertThat(events.get(events.size() - 1).category()).isEqualTo(Category.FIRE);
    }

    @Test
    void alertsMapToCategoriesAndAVideoAlertByWhatTheCameraSaw() {
        assertThat(AlertCategory.of(exceedance(T0))).isEqualTo(Category.EXCEEDANCE);
        assertThat(AlertCategory.of(alert("f", Alert.Type.FLATLINE, Severity.WARNING, T0)))
                .isEqualTo(Category.SUSPECT_DATA);
        assertThat(
                        AlertCategory.of(
                                alert("d", Alert.Type.COMMUNICATION_FAULT, Severity.WARNING, T0)))
                .isEqualTo(Category.DEVICE_FAULT);
        assertThat(AlertCategory.of(video("v1", VideoEvent.Type.ILLEGAL_DISCHARGE, T0)))
                .isEqualTo(Category.ILLEGAL_DISCHARGE);
        assertThat(AlertCategory.of(video("v2", VideoEvent.Type.VIDEO_LOSS, T0)))
                .isEqualTo(Category.CAMERA_TAMPER);
        assertThat(AlertCategory.of(video("v3", VideoEvent.Type.SMOKE, T0)))
                .isEqualTo(Category.SMOKE);
        // a video alert without a recognizable evidence word is activity on site
        assertThat(AlertCategory.of(alert("v4", Alert.Type.VIDEO, Severity.INFO, T0)))
                .isEqualTo(Category.SITE_ACTIVITY);
    }

    @Test
    void anAlertOutsideTheWindowOrAfterResolutionDoesNotJoin() {
        Incident incident = Incident.open(exceedance(T0), "", 0, CONFIG, events);
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
        Incident incident = Incident.open(exceedance(T0), "", 0, CONFIG, events);
        Alert video = alert("a-smoke", Alert.Type.VIDEO, Severity.SEVERE, T0.plusSeconds(60));
        incident.attach(video, true, 1_000, CONFIG, events);
        assertThat(incident.priority()).isEqualTo(3);
        assertThat(incident.severity()).isEqualTo(Severity.ALARM);
        assertThat(events.get(1).type()).isEqualTo(IncidentEvent.Type.SILENCED);
        assertThat(events.get(1).alertIds()).contains("a-smoke");
    }

    @Test
    void aRepeatedCommandIsAppliedOnceAndMergeSendsTheTargetItsHalf() {
        Incident incident = Incident.open(exceedance(T0), "", 0, CONFIG, events);
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
