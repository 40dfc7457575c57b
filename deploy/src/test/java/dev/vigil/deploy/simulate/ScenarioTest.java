package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private final Scenario district = ScenarioReader.read(Scenarios.district());

    @Test
    void fewerDevicesKeepTheFirstSourcesAndTheirEvents() {
        Scenario ten = district.withDeviceCount(10);

        assertThat(ten.devices()).hasSize(10);
        assertThat(ten.devices()).isEqualTo(district.devices().subList(0, 10));
        assertThat(ten.events())
                .extracting(ScenarioEvent::sourceId)
                .containsOnly("WW-002", "WW-005", "WW-010");
    }

    @Test
    void moreDevicesAreCopiesWithTheirOwnIdentities() {
        Scenario large = district.withDeviceCount(1_000);

        List<DeviceSpec> devices = large.devices();
        assertThat(devices).hasSize(1_000);
        Set<String> mns = new HashSet<>();
        Set<String> sourceIds = new HashSet<>();
        devices.forEach(d -> mns.add(d.mn()));
        large.sources().forEach(s -> sourceIds.add(s.id()));
        assertThat(mns).hasSize(1_000);
        assertThat(sourceIds).hasSize(large.sources().size());
        assertThat(large.sources().get(40).id()).isEqualTo("WW-001-c1");
        assertThat(large.sources().get(40).name()).isEqualTo("Jinhe Paper Co. (copy 1)");
        assertThat(large.sources().get(40).place().location())
                .isNotEqualTo(district.sources().get(0).place().location());
        assertThat(large.events()).isEqualTo(district.events());
        assertThat(district.withDeviceCount(1_000).devices()).isEqualTo(devices);
    }

    @Test
    void loadModeChangesTheIntervalAndDropsTheEvents() {
        Scenario load =
                district.withDeviceCount(50)
                        .withoutEvents()
                        .withRealtimeInterval(Duration.ofSeconds(5));

        assertThat(load.events()).isEmpty();
        assertThat(load.devices())
                .allMatch(d -> d.realtimeInterval().equals(Duration.ofSeconds(5)));
    }
}
