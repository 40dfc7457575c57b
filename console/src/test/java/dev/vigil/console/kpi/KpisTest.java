package dev.vigil.console.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.TestRecords;
import dev.vigil.console.state.ConsoleState.AlertHistory;
import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Actor.Role;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.Type;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpisTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
    private static final Instant END = T0.plus(Duration.ofDays(1));

    private static IncidentEvent event(
            long seq, Type type, List<String> agencies, Actor actor, long minute, String detail) {
        return new IncidentEvent(
                IncidentEvent.idFor("i", seq),
                "i",
                seq,
                type,
                IncidentEvent.State.DISPATCHED,
                1,
                Severity.ALARM,
                IncidentEvent.Category.EXCEEDANCE,
                "S",
                List.of(),
                agencies,
                actor,
                null,
                T0.plus(Duration.ofMinutes(minute)),
                null,
                detail);
    }

    @Test
    void onTimeMeansBeforeTheAgencysBreach() {
        Actor a = new Actor("a", Role.AGENCY, "A");
        Actor b = new Actor("b", Role.AGENCY, "B");
        List<String> both = List.of("A", "B");
        List<IncidentEvent> timeline =
                List.of(
                        event(1, Type.DISPATCHED, List.of("A"), null, 1, null),
                        event(2, Type.DISPATCHED, both, null, 2, null),
                        event(3, Type.AGENCY_ACKNOWLEDGED, both, a, 3, null),
                        event(
                                4,
                                Type.SLA_BREACHED,
                                both,
                                Actor.SYSTEM,
                                32,
                                "agency B did not acknowledge within PT30M"),
                        event(5, Type.AGENCY_ACKNOWLEDGED, both, b, 40, null),
                        event(6, Type.FEEDBACK, both, a, 45, "done"));

        List<Kpis.AgencyRow> rows = Kpis.agencies(Map.of("i", timeline), T0, END);

        assertThat(rows)
                .containsExactly(
                        new Kpis.AgencyRow("A", 1, 1, 1, 1.0, 1, 1, 1.0, 0),
                        new Kpis.AgencyRow("B", 1, 1, 0, 0.0, 0, 0, 0.0, 1));
        assertThat(Kpis.agencies(Map.of("i", timeline), END, END.plusSeconds(1))).isEmpty();
    }

    @Test
    void offlineMinutesExceedanceHoursAndCompletenessWithinThePeriod() {
        Source source = TestRecords.source(T0);
        List<AlertHistory> alerts =
                List.of(
                        history(
                                Alert.Type.OFFLINE,
                                T0.minus(Duration.ofMinutes(30)),
                                T0.plus(Duration.ofMinutes(45))),
                        history(Alert.Type.OFFLINE, END.minus(Duration.ofMinutes(10)), null),
                        history(
                                Alert.Type.HOURLY_EXCEEDANCE,
                                T0.plus(Duration.ofHours(3)),
                                T0.plus(Duration.ofHours(5))));

        List<Kpis.SourceRow> rows =
                Kpis.sources(List.of(source), alerts, Map.of("S", Map.of("MN", 720L)), T0, END);

        assertThat(rows).containsExactly(new Kpis.SourceRow("S", "Works", 2, 0.5, 55));
        assertThat(Kpis.sources(List.of(source), List.of(), null, T0, END).get(0).completeness())
                .isNull();
    }

    private static AlertHistory history(Alert.Type type, Instant firing, Instant resolved) {
        Alert latest =
                new Alert(
                        "x" + firing,
                        type,
                        Severity.ALARM,
                        resolved == null ? Alert.State.FIRING : Alert.State.RESOLVED,
                        "S",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        DataKind.HOURLY,
                        List.of(),
                        firing,
                        firing,
                        false,
                        false,
                        "m");
        return new AlertHistory(latest, firing, resolved);
    }
}
