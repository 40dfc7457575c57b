package dev.vigil.jobs.detect.offline;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.AlertBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The OFFLINE alerts of a device's silence, all under {@link DeviceWatch#alertId}: evidence is the
 * last report before the silence (none for a device never heard from) and the report that ends it.
 */
final class OfflineAlerts {

    private OfflineAlerts() {}

    /** FIRING: the device has been silent for longer than its timeout. */
    static Alert offline(DeviceWatch w, String mn, long now) {
        Duration timeout = Duration.ofMillis(w.timeoutMillis());
        String message =
                w.everHeard()
                        ? "Device "
                                + mn
                                + " silent since "
                                + w.silentSince()
                                + " (offline after "
                                + timeout.toSeconds()
                                + " s)"
                        : "Device "
                                + mn
                                + " registered at "
                                + w.registeredAt()
                                + " has never reported (offline after "
                                + timeout.toSeconds()
                                + " s)";
        List<Evidence> evidence =
                w.everHeard()
                        ? List.of(
                                new Evidence(
                                        Evidence.Kind.READING,
                                        w.lastRef(),
                                        w.lastReceivedAt(),
                                        null,
                                        "last report of " + mn))
                        : List.of();
        return base(w, mn, Alert.State.FIRING)
                .evidence(evidence)
                .at(w.silentSince(), Instant.ofEpochMilli(now))
                .message(message)
                .build();
    }

    /** RESOLVED: the device reports again. */
    static Alert back(DeviceWatch w, Report report, String mn, long now) {
        return base(w, mn, Alert.State.RESOLVED)
                .evidence(
                        List.of(
                                new Evidence(
                                        Evidence.Kind.READING,
                                        report.rawDigest(),
                                        report.receivedAt(),
                                        null,
                                        "CN " + report.cn() + " from " + mn)))
                .at(report.receivedAt(), Instant.ofEpochMilli(now))
                .message("Device " + mn + " reports again")
                .build();
    }

    /** RESOLVED: the device was removed from the registry while offline. */
    static Alert unregistered(DeviceWatch w, String mn, long now) {
        Instant at = Instant.ofEpochMilli(now);
        return base(w, mn, Alert.State.RESOLVED)
                .at(at, at)
                .message("Device " + mn + " is no longer registered at " + w.sourceId())
                .build();
    }

    private static AlertBuilder base(DeviceWatch w, String mn, Alert.State state) {
        return AlertBuilder.alert(w.alertId(mn), Alert.Type.OFFLINE, state)
                .severity(Severity.WARNING)
                .about(w.sourceId(), w.outletId(), null, mn);
    }
}
