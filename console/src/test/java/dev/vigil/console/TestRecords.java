package dev.vigil.console;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The smallest valid records the console's unit tests feed their readers. */
public final class TestRecords {

    private TestRecords() {}

    /** A FIRING OFFLINE alarm of source {@code S}, raised and observed at {@code at}. */
    public static Alert offlineAlert(String id, Instant at) {
        return offlineAlert(id, Alert.State.FIRING, at);
    }

    /** An OFFLINE alarm of source {@code S} in {@code state}, raised and observed at {@code at}. */
    public static Alert offlineAlert(String id, Alert.State state, Instant at) {
        return new Alert(
                id,
                Alert.Type.OFFLINE,
                Severity.ALARM,
                state,
                "S",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                DataKind.REALTIME,
                List.of(),
                at,
                at,
                false,
                false,
                "m");
    }

    /** Source {@code S}, an air source with one 2017 logger {@code MN}, version 1 of {@code at}. */
    public static Source source(Instant at) {
        return new Source(
                "S",
                "Works",
                null,
                Source.Kind.AIR,
                new Place(null, new GeoPoint(0, 0), null, null),
                List.of(),
                List.of(),
                List.of(
                        new Device(
                                "MN",
                                null,
                                ProtocolVersion.HJ212_2017,
                                Device.hashPassword("MN", "1"),
                                Duration.ofMinutes(1),
                                Duration.ofMinutes(10))),
                List.of(),
                List.of(),
                List.of(),
                false,
                1,
                at);
    }
}
