package dev.vigil.events.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.Samples;
import dev.vigil.events.report.ProtocolVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTest {

    @Test
    void sampleIsValid() {
        assertThat(Samples.fullSource().validate()).isEmpty();
    }

    @Test
    void findsDevicesOutletsAndLimits() {
        Source source = Samples.fullSource();

        assertThat(source.device(Samples.MN)).isPresent();
        assertThat(source.device("other")).isEmpty();
        assertThat(source.outlet(Samples.OUTLET_ID))
                .map(Outlet::kind)
                .contains(Outlet.Kind.WASTEWATER);
        assertThat(source.permitLimit(Samples.OUTLET_ID, "w01018", DataKind.HOURLY))
                .map(PermitLimit::limit)
                .contains(50.0);
        assertThat(source.permitLimit(Samples.OUTLET_ID, "w01018", DataKind.DAILY)).isEmpty();
    }

    @Test
    void reportsEveryBrokenReferenceAndDuplicateNamingTheField() {
        Device good = Samples.device();
        Device strayDevice =
                new Device(
                        good.mn(),
                        "WS-09",
                        ProtocolVersion.HJ212_2017,
                        "plain-text",
                        Duration.ZERO,
                        Duration.ofMinutes(10));
        Source source =
                with(
                        List.of(good, strayDevice),
                        List.of(
                                new PermitLimit(
                                        Samples.OUTLET_ID, "w01018", 50, "mg/L", DataKind.HOURLY),
                                new PermitLimit(
                                        Samples.OUTLET_ID, "w01018", 60, "mg/L", DataKind.HOURLY),
                                new PermitLimit("WS-09", "w01001", -1, "", DataKind.HOURLY)));

        assertThat(source.validate())
                .containsExactly(
                        "devices[1].mn: duplicate \"" + Samples.MN + "\"",
                        "devices[1].outletId: no outlet \"WS-09\"",
                        "devices[1].passwordHash: not a hash from Device.hashPassword",
                        "devices[1].realtimeInterval: must be positive",
                        "permitLimits[1]: duplicate limit for WS-01/w01018/HOURLY",
                        "permitLimits[2].outletId: no outlet \"WS-09\"",
                        "permitLimits[2].limit: must be a positive number, was -1.0");
    }

    private static Source with(List<Device> devices, List<PermitLimit> limits) {
        Source s = Samples.fullSource();
        return new Source(
                s.sourceId(),
                s.name(),
                s.enterprise(),
                s.kind(),
                s.place(),
                s.groups(),
                s.outlets(),
                devices,
                s.cameras(),
                limits,
                s.agencyIds(),
                s.retired(),
                s.version(),
                s.updatedAt());
    }
}
