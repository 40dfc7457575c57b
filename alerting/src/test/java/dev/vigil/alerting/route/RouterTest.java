package dev.vigil.alerting.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.Fixtures;
import dev.vigil.events.Severity;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final SourceInfo chem = Fixtures.CHEM;

    private static IncidentEvent withSeverity(Severity s) {
        IncidentEvent e =
                Fixtures.event("inc", 1, IncidentEvent.Type.OPENED, IncidentEvent.State.OPEN);
        return new IncidentEvent(
                e.eventId(),
                e.incidentId(),
                1,
                e.type(),
                e.state(),
                1,
                s,
                e.category(),
                e.sourceId(),
                e.alertIds(),
                List.of(),
                null,
                null,
                e.at(),
                null,
                null);
    }

    private static RoutingRule rule(
            Severity min,
            List<String> kinds,
            List<String> areas,
            List<String> streets,
            List<String> groups,
            LocalTime from,
            LocalTime until) {
        return new RoutingRule(
                "r", "a", null, null, kinds, min, areas, streets, groups, from, until);
    }

    @Test
    void severityAtLeast() {
        RoutingRule r = rule(Severity.ALARM, null, null, null, null, null, null);
        assertThat(r.matches(withSeverity(Severity.WARNING), chem, LocalTime.NOON)).isFalse();
        assertThat(r.matches(withSeverity(Severity.ALARM), chem, LocalTime.NOON)).isTrue();
        assertThat(r.matches(withSeverity(Severity.SEVERE), chem, LocalTime.NOON)).isTrue();
    }

    @Test
    void kindAreaStreetAndGroup() {
        IncidentEvent e = withSeverity(Severity.ALARM);
        assertThat(
                        rule(null, List.of("WATER"), null, null, null, null, null)
                                .matches(e, chem, LocalTime.NOON))
                .isFalse();
        assertThat(
                        rule(
                                        null,
                                        List.of("AIR"),
                                        List.of("Riverside"),
                                        List.of("Harbour Road"),
                                        List.of("chemical-park"),
                                        null,
                                        null)
                                .matches(e, chem, LocalTime.NOON))
                .isTrue();
        assertThat(
                        rule(null, null, List.of("Old Town"), null, null, null, null)
                                .matches(e, chem, LocalTime.NOON))
                .isFalse();
        assertThat(
                        rule(null, null, null, List.of("Main Street"), null, null, null)
                                .matches(e, chem, LocalTime.NOON))
                .isFalse();
        assertThat(
                        rule(null, null, null, null, List.of("other"), null, null)
                                .matches(e, chem, LocalTime.NOON))
                .isFalse();
    }

    @Test
    void incidentCategory() {
        IncidentEvent exceedance = withSeverity(Severity.ALARM);
        RoutingRule fire =
                new RoutingRule(
                        "fire",
                        "a",
                        null,
                        List.of(IncidentEvent.Category.FIRE, IncidentEvent.Category.SMOKE),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertThat(exceedance.category()).isEqualTo(IncidentEvent.Category.EXCEEDANCE);
        assertThat(fire.matches(exceedance, chem, LocalTime.NOON)).isFalse();
        IncidentEvent smoke =
                new IncidentEvent(
                        exceedance.eventId(),
                        exceedance.incidentId(),
                        2,
                        IncidentEvent.Type.ALERT_ATTACHED,
                        exceedance.state(),
                        4,
                        Severity.ALARM,
                        IncidentEvent.Category.SMOKE,
                        exceedance.sourceId(),
                        exceedance.alertIds(),
                        List.of(),
                        null,
                        null,
                        exceedance.at(),
                        null,
                        null);
        assertThat(fire.matches(smoke, chem, LocalTime.NOON)).isTrue();
    }

    @Test
    void timeOfDayWindowWrapsMidnight() {
        IncidentEvent e = withSeverity(Severity.ALARM);
        RoutingRule night =
                rule(null, null, null, null, null, LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertThat(night.matches(e, chem, LocalTime.of(23, 30))).isTrue();
        assertThat(night.matches(e, chem, LocalTime.of(5, 59))).isTrue();
        assertThat(night.matches(e, chem, LocalTime.of(6, 0))).isFalse();
        assertThat(night.matches(e, chem, LocalTime.NOON)).isFalse();
        RoutingRule day =
                rule(null, null, null, null, null, LocalTime.of(8, 0), LocalTime.of(18, 0));
        assertThat(day.matches(e, chem, LocalTime.NOON)).isTrue();
        assertThat(day.matches(e, chem, LocalTime.of(19, 0))).isFalse();
    }

    @Test
    void routerPicksMatchingAgenciesAndExplicitDispatches() {
        Router router =
                new Router(
                        Fixtures.directory("http://w", "http://c", "s"),
                        Fixtures.sources(),
                        ZoneOffset.UTC);
        assertThat(router.targets(withSeverity(Severity.ALARM)))
                .extracting(t -> t.agency().agencyId() + "/" + t.endpoint().channel())
                .containsExactly("env/WEBHOOK");
        assertThat(router.targets(withSeverity(Severity.SEVERE)))
                .extracting(t -> t.agency().agencyId() + "/" + t.endpoint().channel())
                .containsExactly("env/WEBHOOK", "city/CAP");
        IncidentEvent e = withSeverity(Severity.INFO);
        IncidentEvent dispatched =
                new IncidentEvent(
                        e.eventId(),
                        e.incidentId(),
                        1,
                        IncidentEvent.Type.DISPATCHED,
                        IncidentEvent.State.DISPATCHED,
                        1,
                        Severity.INFO,
                        e.category(),
                        e.sourceId(),
                        e.alertIds(),
                        List.of("city"),
                        null,
                        null,
                        e.at(),
                        null,
                        null);
        assertThat(router.targets(dispatched))
                .extracting(t -> t.endpoint().channel())
                .containsExactly(Delivery.Channel.CAP);
    }

    @Test
    void exampleFileLoads() {
        FileAgencyDirectory d =
                FileAgencyDirectory.load(Path.of("src/main/resources/agencies.example.json"));
        assertThat(d.agency("city-command")).isPresent();
        assertThat(d.byApiKey("change-me-fire-key")).map(Agency::agencyId).contains("fire-brigade");
        assertThat(d.byApiKey("wrong")).isEmpty();
        assertThat(d.rules()).hasSize(6);
        assertThat(d.rules().get(3).categories()).contains(IncidentEvent.Category.SMOKE);
    }

    @Test
    void aFileOfTheFirstVersionWithSourcesStillLoadsAndItsCopyIsNotUsed() throws Exception {
        Path file = Files.createTempFile("agencies", ".json");
        try {
            Files.writeString(
                    file,
                    "{\"agencies\":[{\"agencyId\":\"a\",\"endpoints\":[]}],"
                            + "\"rules\":[{\"ruleId\":\"r\",\"agencyId\":\"a\","
                            + "\"sourceGroups\":[\"park\"]}],"
                            + "\"sources\":[{\"sourceId\":\"s1\",\"groups\":[\"park\"]}]}");
            FileAgencyDirectory d = FileAgencyDirectory.load(file);
            RoutingRule rule = d.rules().get(0);
            IncidentEvent e = withSeverity(Severity.ALARM);
            // the registry knows nothing of the group the file's copy names: no match
            assertThat(rule.matches(e, SourceInfo.unknown(e.sourceId()), LocalTime.NOON)).isFalse();
            assertThat(d.agency("a")).isPresent();
        } finally {
            Files.delete(file);
        }
    }
}
