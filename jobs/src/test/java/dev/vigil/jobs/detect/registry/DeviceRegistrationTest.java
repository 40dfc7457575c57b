package dev.vigil.jobs.detect.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which devices measure water, so that HJ 212's water rule judges their hours. */
class DeviceRegistrationTest {

    @Test
    void theDevicesOutletDecidesWhetherItMeasuresWater() {
        Source water = Fixtures.source(); // one wastewater outlet
        Device device = water.devices().get(0);

        assertThat(DeviceRegistration.of(water, device).water()).isTrue();
        assertThat(DeviceRegistration.of(withOutlet(water, Outlet.Kind.RAINWATER), device).water())
                .isTrue();
        // a stack at a source registered as a water source is still flue gas
        assertThat(DeviceRegistration.of(withOutlet(water, Outlet.Kind.FLUE_GAS), device).water())
                .isFalse();
    }

    @Test
    void withoutAKnownOutletTheSourceDecides() {
        Source water = Fixtures.source();
        Source noOutlets = withOutlets(water, List.of(), water.kind());
        Source air = withOutlets(water, List.of(), Source.Kind.AIR);
        Device device = water.devices().get(0);

        assertThat(DeviceRegistration.measuresWater(noOutlets, device)).isTrue();
        assertThat(DeviceRegistration.measuresWater(air, device)).isFalse();
    }

    @Test
    void aChangeOfMediumIsAChangeOfBinding() {
        Source water = Fixtures.source();
        Device device = water.devices().get(0);
        DeviceRegistration before = DeviceRegistration.of(water, device);
        DeviceRegistration after =
                DeviceRegistration.of(withOutlet(water, Outlet.Kind.FLUE_GAS), device);

        assertThat(before.sameBinding(after)).isFalse();
        assertThat(before.sameBinding(DeviceRegistration.of(water, device))).isTrue();
    }

    private static Source withOutlet(Source source, Outlet.Kind kind) {
        Outlet outlet = source.outlets().get(0);
        return withOutlets(
                source, List.of(new Outlet(outlet.outletId(), outlet.name(), kind)), source.kind());
    }

    private static Source withOutlets(Source s, List<Outlet> outlets, Source.Kind kind) {
        return new Source(
                s.sourceId(),
                s.name(),
                s.enterprise(),
                kind,
                s.place(),
                s.groups(),
                outlets,
                s.devices(),
                s.cameras(),
                s.permitLimits(),
                s.agencyIds(),
                s.retired(),
                s.version(),
                s.updatedAt());
    }
}
