package dev.vigil.deploy.simulate;

import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Outlet;
import java.time.Duration;
import java.util.List;

/** Loggers for tests, built directly rather than read from a scenario. */
final class Devices {

    static final String MN_2017 = "010000A8900016F000169DC0";
    static final String MN_2005 = "LD130133000015";

    private Devices() {}

    static PollutantSpec cod() {
        return new PollutantSpec("w01018", 40, 4, "mg/L", 100.0, 0, 1e7, 2);
    }

    static PollutantSpec flow() {
        return new PollutantSpec("w00000", 10, 1, "L/s", null, 0, 1e7, 2);
    }

    static PollutantSpec ph() {
        return new PollutantSpec("w01001", 7.2, 0.1, "pH", null, 0, 14, 2);
    }

    /** A 2017 wastewater logger sampling every 30 s with 10-minute intervals. */
    static DeviceSpec water2017() {
        return new DeviceSpec(
                "S-1",
                "DW001",
                "Outfall",
                Outlet.Kind.WASTEWATER,
                MN_2017,
                "123456",
                ProtocolVersion.HJ212_2017,
                "32",
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                true,
                List.of(flow(), cod(), ph()));
    }

    /** A 2005 wastewater logger with 2005 codes. */
    static DeviceSpec water2005() {
        return new DeviceSpec(
                "S-2",
                "DW001",
                "Outfall",
                Outlet.Kind.WASTEWATER,
                MN_2005,
                "654321",
                ProtocolVersion.HJ212_2005,
                "32",
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                true,
                List.of(
                        new PollutantSpec("B01", 5, 0.5, "L/s", null, 0, 1e7, 2),
                        new PollutantSpec("011", 50, 5, "mg/L", 100.0, 0, 1e7, 1)));
    }

    /** A 2017 flue-gas logger. */
    static DeviceSpec gas2017() {
        return new DeviceSpec(
                "S-3",
                "DA001",
                "Stack",
                Outlet.Kind.FLUE_GAS,
                "0123456789ABCDEF01234567",
                "111111",
                ProtocolVersion.HJ212_2017,
                "31",
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                true,
                List.of(new PollutantSpec("a21026", 20, 3, "mg/m3", 35.0, 0, 1e7, 2)));
    }
}
