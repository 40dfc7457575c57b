package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.Json;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRegistrationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    private final Scenario tiny = ScenarioReader.read(Scenarios.tiny());

    @Test
    void everySourceBecomesAValidRegistryEntryWithItsLoggersAndLimits() {
        List<Source> entries = SourceRegistration.entries(tiny, NOW);

        assertThat(entries).extracting(Source::sourceId).containsExactly("W-001", "G-1", "OLD-001");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.validate()).isEmpty());
        Source water = entries.get(0);
        DeviceSpec spec = tiny.devices().get(0);
        assertThat(water.name()).isEqualTo("Test Paper Mill");
        assertThat(water.kind()).isEqualTo(Source.Kind.WATER);
        assertThat(water.groups()).containsExactly("simulated", "tiny");
        assertThat(water.place().location()).isEqualTo(tiny.sources().get(0).place().location());
        assertThat(water.place().area()).isEqualTo("Test District");
        assertThat(water.outlets())
                .containsExactly(new Outlet("DW001", "Outfall", Outlet.Kind.WASTEWATER));
        assertThat(water.permitLimits())
                .containsExactly(new PermitLimit("DW001", "w01018", 100, "mg/L", DataKind.HOURLY));
        assertThat(water.version()).isEqualTo(NOW.toEpochMilli());
        Device device = water.devices().get(0);
        assertThat(device.mn()).isEqualTo(spec.mn());
        assertThat(device.outletId()).isEqualTo("DW001");
        assertThat(device.realtimeInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(device.minuteInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(device.passwordMatches(spec.password())).isTrue();
        assertThat(device.passwordMatches("000000")).isFalse();
    }

    @Test
    void thePasswordItselfIsNeverInTheRecord() {
        Source gas = SourceRegistration.entries(tiny, NOW).get(1);

        String json = new String(Json.toBytes(gas), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("654321").contains("pbkdf2-sha256$");
        assertThat(gas.devices().get(0).passwordMatches("654321")).isTrue();
    }
}
