package dev.vigil.jobs.detect.offline;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import java.time.Instant;

/**
 * What offline detection knows about one registered device: where it belongs, how long it may be
 * silent, when (processing time) it was last heard, and whether it is reported offline; the state
 * of {@link OfflineWatcher}. Plain logic, no Flink.
 *
 * @param sourceId the device's source
 * @param outletId the device's outlet; nullable
 * @param timeoutMillis silence longer than this is offline: factor × the real-time interval
 * @param registeredAt the registry entry's {@code updatedAt}, the cause of an offline alert for a
 *     device never heard from
 * @param lastSeenAt processing time of the last report, or of the registration if none came
 * @param lastReceivedAt receive time of the last report; nullable: never heard from
 * @param lastRef raw digest of the last report; nullable
 * @param timerAt processing time of the pending timer; 0 for none
 * @param offline whether an OFFLINE alert is firing
 * @param mayHaveFired whether the run before a restart may have fired an OFFLINE alert for the
 *     current silence after its last checkpoint (its deadline passed before this run started)
 */
public record DeviceWatch(
        String sourceId,
        String outletId,
        long timeoutMillis,
        Instant registeredAt,
        long lastSeenAt,
        Instant lastReceivedAt,
        String lastRef,
        long timerAt,
        boolean offline,
        boolean mayHaveFired) {

    /** A device just registered, not heard from yet. */
    public static DeviceWatch registered(DeviceRegistration device, double factor, long now) {
        return new DeviceWatch(
                device.sourceId(),
                device.outletId(),
                timeout(device, factor),
                device.registeredAt(),
                now,
                null,
                null,
                0,
                false,
                false);
    }

    /** The silence a device may keep: factor × its real-time interval. */
    public static long timeout(DeviceRegistration device, double factor) {
        return Math.max(1, Math.round(device.realtimeIntervalMillis() * factor));
    }

    /** The watch after the registry moved the device or changed its interval. */
    public DeviceWatch rebound(DeviceRegistration device, double factor) {
        return new DeviceWatch(
                device.sourceId(),
                device.outletId(),
                timeout(device, factor),
                lastReceivedAt == null ? device.registeredAt() : registeredAt,
                lastSeenAt,
                lastReceivedAt,
                lastRef,
                timerAt,
                offline,
                mayHaveFired);
    }

    /** The watch after a report from the device; it is online again. */
    public DeviceWatch heard(Report report, long now) {
        return new DeviceWatch(
                sourceId,
                outletId,
                timeoutMillis,
                registeredAt,
                now,
                report.receivedAt(),
                report.rawDigest(),
                timerAt,
                false,
                false);
    }

    /**
     * When the device becomes offline: its timeout after it was last heard, or after this operator
     * started if that is later, because the job's own downtime is no silence of the device's.
     */
    public long dueAt(long startedAt) {
        return Math.max(lastSeenAt, startedAt) + timeoutMillis;
    }

    public DeviceWatch withTimer(long at) {
        return new DeviceWatch(
                sourceId,
                outletId,
                timeoutMillis,
                registeredAt,
                lastSeenAt,
                lastReceivedAt,
                lastRef,
                at,
                offline,
                mayHaveFired);
    }

    public DeviceWatch wentOffline() {
        return new DeviceWatch(
                sourceId,
                outletId,
                timeoutMillis,
                registeredAt,
                lastSeenAt,
                lastReceivedAt,
                lastRef,
                0,
                true,
                false);
    }

    /**
     * Whether the run before a restart may have reported the current silence: the device's deadline
     * passed before this run started, after the checkpoint this state comes from, which cannot
     * tell, and the device has not been heard in this run (a report in this run ended that silence
     * and resolved its alert already). The device's next report then resolves the silence's alert
     * in any case.
     */
    public boolean mayHaveFired(long startedAt) {
        return mayHaveFired || (timerAt != 0 && timerAt < startedAt && lastSeenAt < startedAt);
    }

    /**
     * The watch with its deadline deferred by the grace after a restart, remembering whether the
     * run before may have reported the silence ({@link #mayHaveFired(long)}, judged before the
     * pending deadline is dropped).
     */
    public DeviceWatch deferred(long startedAt) {
        return new DeviceWatch(
                sourceId,
                outletId,
                timeoutMillis,
                registeredAt,
                lastSeenAt,
                lastReceivedAt,
                lastRef,
                0,
                offline,
                mayHaveFired(startedAt));
    }

    /** Whether the device was ever heard from. */
    public boolean everHeard() {
        return lastReceivedAt != null;
    }

    /** Since when the device is silent, in data terms: its last report or its registration. */
    public Instant silentSince() {
        return everHeard() ? lastReceivedAt : registeredAt;
    }

    /** The same for the FIRING and RESOLVED records of this silence, and after a restart. */
    public String alertId(String mn) {
        return Alert.idFor(
                Alert.Type.OFFLINE.name(),
                sourceId,
                mn,
                (everHeard() ? "last-heard " : "registered ") + silentSince());
    }
}
