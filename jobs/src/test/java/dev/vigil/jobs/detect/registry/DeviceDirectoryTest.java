package dev.vigil.jobs.detect.registry;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-device changes from registry versions, without Flink. */
class DeviceDirectoryTest {

    @Test
    void aNewSourceRegistersItsDevices() {
        List<DeviceRegistration> changes =
                DeviceDirectory.changes(List.of(), Fixtures.source(), T0);
        assertThat(changes)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.mn()).isEqualTo(Fixtures.MN);
                            assertThat(d.active()).isTrue();
                            assertThat(d.realtimeIntervalMillis()).isEqualTo(300_000);
                        });
    }

    @Test
    void anUnchangedDeviceGivesNothingSoReplayingTheRegistryIsHarmless() {
        Source v1 = Fixtures.source();
        Source v2 = Fixtures.source(Fixtures.SOURCE, Fixtures.MN, Fixtures.INTERVAL, 2);
        assertThat(DeviceDirectory.changes(DeviceDirectory.registrations(v1), v2, T0)).isEmpty();
    }

    @Test
    void aChangedIntervalOrAReplacedDeviceIsAnnounced() {
        List<DeviceRegistration> before = DeviceDirectory.registrations(Fixtures.source());
        Source faster = Fixtures.source(Fixtures.SOURCE, Fixtures.MN, Duration.ofSeconds(30), 2);
        Source replaced = Fixtures.source(Fixtures.SOURCE, "MN-NEW", Fixtures.INTERVAL, 3);

        assertThat(DeviceDirectory.changes(before, faster, T0))
                .singleElement()
                .satisfies(d -> assertThat(d.realtimeIntervalMillis()).isEqualTo(30_000));
        assertThat(DeviceDirectory.changes(before, replaced, T0))
                .extracting(d -> d.mn() + " " + d.active())
                .containsExactly(Fixtures.MN + " false", "MN-NEW true");
    }

    @Test
    void aDeletedOrRetiredSourceRemovesEveryDevice() {
        List<DeviceRegistration> before = DeviceDirectory.registrations(Fixtures.source());
        Source s = Fixtures.source();
        Source retired =
                new Source(
                        s.sourceId(),
                        s.name(),
                        s.enterprise(),
                        s.kind(),
                        s.place(),
                        s.groups(),
                        s.outlets(),
                        s.devices(),
                        s.cameras(),
                        s.permitLimits(),
                        s.agencyIds(),
                        true,
                        2,
                        s.updatedAt());

        assertThat(DeviceDirectory.changes(before, null, T0))
                .singleElement()
                .satisfies(d -> assertThat(d.active()).isFalse());
        assertThat(DeviceDirectory.changes(before, retired, T0))
                .singleElement()
                .satisfies(d -> assertThat(d.active()).isFalse());
    }
}
