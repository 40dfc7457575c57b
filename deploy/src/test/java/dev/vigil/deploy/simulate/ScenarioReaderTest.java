package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

    private static final String MINIMAL =
            """
            name: t
            center: {lat: 30, lon: 120}
            profiles:
              water:
                outlet: {kind: wastewater}
                pollutants:
                  - {code: w01018, base: 40, noise: 4, unit: mg/L, limit: 100}
            sources:
              - {count: 2, profile: water, id-prefix: W}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioReader.parse(yaml, "test.yaml");
    }

    /** The minimal scenario with one more line at the end of the profile's pollutant. */
    private static String withPollutantField(String field) {
        return MINIMAL.replace("limit: 100}", "limit: 100, " + field + "}");
    }

    @Test
    void theDistrictIsFortySourcesWithFortyOneLoggersAndItsIncidents() {
        Scenario district = ScenarioReader.read(Scenarios.district());

        assertThat(district.name()).isEqualTo("riverside-district");
        assertThat(district.sources()).hasSize(40);
        assertThat(district.devices()).hasSize(41);
        assertThat(district.events()).hasSize(11);
        assertThat(district.devices().stream().map(DeviceSpec::mn).distinct()).hasSize(41);
        assertThat(district.devices())
                .filteredOn(d -> d.protocol() == ProtocolVersion.HJ212_2005)
                .hasSize(4)
                .allSatisfy(d -> assertThat(d.mn()).hasSize(14));
        assertThat(district.devices())
                .filteredOn(d -> d.protocol() == ProtocolVersion.HJ212_2017)
                .allSatisfy(d -> assertThat(d.mn()).matches("[0-9A-F]{24}"));
        assertThat(district.sources())
                .allSatisfy(
                        s -> {
                            assertThat(s.place().location()).isNotNull();
                            assertThat(
                                            s.place()
                                                    .location()
                                                    .metersTo(
                                                            new dev.vigil.events.GeoPoint(
                                                                    30.275, 120.51)))
                                    .isLessThan(6_100);
                        });
        ScenarioSource plant =
                district.sources().stream()
                        .filter(s -> s.id().equals("PLANT-01"))
                        .findFirst()
                        .get();
        assertThat(plant.devices())
                .extracting(DeviceSpec::outletId)
                .containsExactly("DA001", "DW001");
        assertThat(plant.kind()).isEqualTo(Source.Kind.AIR);
        DeviceSpec legacy =
                district.devices().stream()
                        .filter(d -> d.sourceId().equals("LW-001"))
                        .findFirst()
                        .get();
        assertThat(legacy.pollutants())
                .extracting(PollutantSpec::code)
                .contains("011", "060", "001");
    }

    @Test
    void generatedLoggersGetStableMnsPasswordsAndSettingsFromTheirLayers() {
        Scenario tiny = ScenarioReader.read(Scenarios.tiny());
        Scenario again = ScenarioReader.read(Scenarios.tiny());

        assertThat(tiny.devices()).hasSize(3);
        DeviceSpec water = tiny.devices().get(0);
        assertThat(water.sourceId()).isEqualTo("W-001");
        assertThat(water.outletId()).isEqualTo("DW001");
        assertThat(water.st()).isEqualTo("32");
        assertThat(water.realtimeInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(water.minuteInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(water.password()).matches("\\d{6}");
        assertThat(tiny.sources().get(0).name()).isEqualTo("Test Paper Mill");
        DeviceSpec gas = tiny.devices().get(1);
        assertThat(gas.outletId()).isEqualTo("DA001");
        assertThat(gas.outletKind()).isEqualTo(Outlet.Kind.FLUE_GAS);
        assertThat(gas.st()).isEqualTo("31");
        assertThat(gas.password()).isEqualTo("654321");
        assertThat(tiny.devices().get(2).protocol()).isEqualTo(ProtocolVersion.HJ212_2005);
        assertThat(tiny.devices().get(2).pollutants().get(1).code()).isEqualTo("011");
        assertThat(again.devices()).isEqualTo(tiny.devices());
    }

    @Test
    void eventsAreReadWithTheirTargetsAndValues() {
        List<ScenarioEvent> events = ScenarioReader.read(Scenarios.tiny()).events();

        assertThat(events).hasSize(6);
        ScenarioEvent exceedance = events.get(0);
        assertThat(exceedance.type()).isEqualTo(ScenarioEvent.Type.EXCEEDANCE);
        assertThat(exceedance.at()).isEqualTo(Duration.ofSeconds(20));
        assertThat(exceedance.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(exceedance.pollutant()).isEqualTo("w01018");
        assertThat(exceedance.value()).isEqualTo(180.0);
        assertThat(events.get(1).flag()).isEqualTo("M");
        assertThat(events.get(5).type()).isEqualTo(ScenarioEvent.Type.BAD_CRC);
        assertThat(events.get(5).count()).isEqualTo(2);
    }

    @Test
    void codesWithLeadingZerosStayText() {
        Scenario scenario =
                parse(
                        MINIMAL.replace("code: w01018", "code: 011")
                                .replace("W}", "W, password: 012345}"));

        assertThat(scenario.devices().get(0).pollutants().get(0).code()).isEqualTo("011");
        assertThat(scenario.devices().get(0).password()).isEqualTo("012345");
    }

    @Test
    void aBadValueNamesTheFileLineAndField() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("noise: 4", "noise: -1")))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(
                        "test.yaml:7: profiles.water.pollutants[0].noise: must be >= 0, was -1");
    }

    @Test
    void aFieldGivenTwiceIsNamed() {
        assertThatThrownBy(() -> parse(withPollutantField("noise: 5")))
                .hasMessage("test.yaml:7: profiles.water.pollutants[0].noise: appears twice");
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThatAreAllowed() {
        assertThatThrownBy(() -> parse(withPollutantField("bsae: 3")))
                .hasMessageStartingWith(
                        "test.yaml:7: profiles.water.pollutants[0].bsae: unknown field")
                .hasMessageContaining("code, base, noise, unit, limit");
    }

    @Test
    void aMissingFieldIsNamed() {
        assertThatThrownBy(() -> parse(MINIMAL.replace(", unit: mg/L", "")))
                .hasMessage("test.yaml:7: profiles.water.pollutants[0].unit: is required");
    }

    @Test
    void anUnknownProfileListsTheKnownOnes() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("profile: water", "profile: waste")))
                .hasMessage(
                        "test.yaml:9: sources[0].profile: no profile 'waste' (profiles: water)");
    }

    @Test
    void aBadDurationSaysWhatIsExpected() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        MINIMAL
                                                + "events:\n"
                                                + "  - {at: soon, source: W-001, type: offline, duration: 1m}\n"))
                .hasMessage(
                        "test.yaml:11: events[0].at: expected a duration such as 500ms, 30s, 10m,"
                                + " 1h30m or PT30S, got 'soon'");
    }

    @Test
    void anEventOnAPollutantTheSourceDoesNotMeasureIsRejected() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        MINIMAL
                                                + "events:\n"
                                                + "  - {at: 1m, source: W-002, type: exceedance, pollutant: w01019, value: 200, duration: 5m}\n"))
                .hasMessage(
                        "test.yaml:11: events[0].pollutant: source W-002 has no pollutant 'w01019'"
                                + " (it measures w01018)");
    }

    @Test
    void anEventOnAnUnknownSourceOrWithAFieldItDoesNotUseIsRejected() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        MINIMAL
                                                + "events:\n"
                                                + "  - {at: 1m, source: W-009, type: offline, duration: 5m}\n"))
                .hasMessage("test.yaml:11: events[0].source: no source 'W-009'");
        assertThatThrownBy(
                        () ->
                                parse(
                                        MINIMAL
                                                + "events:\n"
                                                + "  - {at: 1m, source: W-001, type: offline, value: 3, duration: 5m}\n"))
                .hasMessageStartingWith("test.yaml:11: events[0].value: unknown field");
        assertThatThrownBy(
                        () ->
                                parse(
                                        MINIMAL
                                                + "events:\n"
                                                + "  - {at: 1m, source: W-001, type: flag, flag: X, duration: 5m}\n"))
                .hasMessageStartingWith("test.yaml:11: events[0].flag: expected a data flag");
        assertThatThrownBy(
                        () ->
                                parse(
                                        MINIMAL
                                                + "events:\n"
                                                + "  - {at: 1m, source: W-001, type: explode}\n"))
                .hasMessage(
                        "test.yaml:11: events[0].type: expected one of exceedance, flag, offline,"
                                + " flatline, garbage, bad-crc, got 'explode'");
    }

    @Test
    void twoLoggersWithOneMnAreRejected() {
        String yaml =
                MINIMAL.replace(
                        "  - {count: 2, profile: water, id-prefix: W}",
                        "  - {id: A, profile: water, mn: ABC123}\n  - {id: B, profile: water, mn: ABC123}");

        assertThatThrownBy(() -> parse(yaml))
                .hasMessage("test.yaml:10: sources[1].mn: MN ABC123 is used twice");
    }

    @Test
    void brokenYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("name: t\nprofiles: {a: [\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("test.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aMinuteIntervalMustDivideAnHour() {
        assertThatThrownBy(() -> parse("defaults: {minute-interval: 7m}\n" + MINIMAL))
                .hasMessageStartingWith(
                        "test.yaml:1: defaults.minute-interval: must be whole minutes that divide an hour");
    }

    @Test
    void aRealtimeIntervalIsWholeSeconds() {
        assertThatThrownBy(() -> parse("defaults: {realtime-interval: 1500ms}\n" + MINIMAL))
                .hasMessage(
                        "test.yaml:1: defaults.realtime-interval: must be whole seconds, at least 1s"
                                + " (DataTime counts seconds)");
    }

    @Test
    void anOutletOfKindOtherNeedsItsSystemType() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("kind: wastewater", "kind: other")))
                .hasMessage(
                        "test.yaml:5: profiles.water: needs 'st' (system type) for outlets of kind other");
    }

    @Test
    void tooManyPollutantsForOneFrameAreRejected() {
        StringBuilder pollutants = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            pollutants.append(
                    "      - {code: w0101" + i + ", base: 40, unit: mg/L, decimals: 6}\n");
        }
        String yaml =
                MINIMAL.replace(
                        "      - {code: w01018, base: 40, noise: 4, unit: mg/L, limit: 100}\n",
                        pollutants.toString());

        assertThatThrownBy(() -> parse(yaml))
                .hasMessageContaining(
                        "profiles.water.pollutants: an hourly upload with these pollutants would take")
                .hasMessageContaining("more than HJ 212's 1024");
    }

    @Test
    void generatedIdsAreNumberedAndUnique() {
        Scenario scenario = parse(MINIMAL);

        Set<String> ids = new HashSet<>();
        scenario.sources().forEach(s -> ids.add(s.id()));
        assertThat(ids).containsExactlyInAnyOrder("W-001", "W-002");
    }
}
