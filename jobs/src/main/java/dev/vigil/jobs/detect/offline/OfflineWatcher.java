package dev.vigil.jobs.detect.offline;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Offline detection of the current device (keyed by MN), apart from the Flink function it runs in
 * (the job's per-device operator, {@link dev.vigil.jobs.detect.DeviceDetector}): reports a
 * registered device OFFLINE when nothing came from it for {@code factor} × its real-time interval,
 * including a device never heard from since registration, and resolves the alert with its next
 * report. That report resolves it as well when this state does not know the alert fired (it fired
 * after the checkpoint a restored job started from): whether a silence was too long is judged again
 * from the receive times, so no offline alert stays open.
 *
 * <p>Uses processing-time timers: silence means no records, and no records means no event time, so
 * an event-time timer would never fire for the very device it should report (nor, on an idle
 * stream, for any device). One timer per device is pending at most: a report only moves the last
 * heard time, and the timer, when it fires early, re-arms itself at the new due time. After a
 * (re)start every device gets a full timeout before it can be reported, so the job's own downtime
 * is not blamed on devices; and a device whose deadline passed before the restart has its silence
 * resolved by its next report even if the restored state does not remember firing the alert (the
 * run before may have fired it after its last checkpoint). That may resolve an alert that never
 * fired, which consumers ignore; the other way an offline alert could stay open for ever.
 *
 * <p>So a device that went offline before a restore gets exactly one RESOLVED when it reports after
 * it: from the state's {@code offline} if the checkpoint saw the alert, else from the deadline that
 * passed before the start. Which comes first after the restore, the old deadline's timer or the
 * report, does not matter: a device heard in this run has ended the silence the run before may have
 * reported, so the old timer firing after that report defers the deadline without marking the new
 * silence as possibly reported (which would resolve it, under another id, with the next report).
 */
public final class OfflineWatcher {

    private final double factor;
    private final ValueState<DeviceWatch> watch;
    private long startedAt = -1;

    /** The state of the current key, from {@link DetectionState#DEVICE_WATCH}. */
    public OfflineWatcher(RuntimeContext context, double factor) {
        this.factor = factor;
        this.watch = context.getState(DetectionState.DEVICE_WATCH);
    }

    /** A report of device {@code mn} arrived: it is heard, and back if it was offline. */
    public void report(Report report, String mn, TimerService timers, Consumer<Alert> out)
            throws Exception {
        DeviceWatch current = watch.value();
        if (current == null) {
            return; // not registered: nobody expects it to report
        }
        long now = now(timers.currentProcessingTime());
        if (current.offline() || current.mayHaveFired(startedAt)) {
            out.accept(OfflineAlerts.back(current, report, mn, now));
        }
        watch.update(armed(current.heard(report, now), timers));
    }

    /** The registry registered, moved or removed device {@code mn}. */
    public void registration(
            DeviceRegistration device, String mn, TimerService timers, Consumer<Alert> out)
            throws Exception {
        DeviceWatch current = watch.value();
        long now = now(timers.currentProcessingTime());
        if (!device.active()) {
            if (current != null && current.sourceId().equals(device.sourceId())) {
                if (current.offline()) {
                    out.accept(OfflineAlerts.unregistered(current, mn, now));
                }
                if (current.timerAt() != 0) {
                    timers.deleteProcessingTimeTimer(current.timerAt());
                }
                watch.clear();
            }
            return;
        }
        DeviceWatch next =
                current == null
                        ? DeviceWatch.registered(device, factor, now)
                        : current.rebound(device, factor);
        watch.update(armed(next, timers));
    }

    /**
     * A processing-time timer of device {@code mn} fired; one that is not this watch's (another
     * detector's on the same key) changes nothing.
     */
    public void timer(long timestamp, String mn, TimerService timers, Consumer<Alert> out)
            throws Exception {
        DeviceWatch current = watch.value();
        if (current == null || current.timerAt() != timestamp) {
            return;
        }
        long now = now(timers.currentProcessingTime());
        if (now < current.dueAt(startedAt)) {
            // Early (the device was heard meanwhile) or within the grace after a restart.
            watch.update(armed(current.deferred(startedAt), timers));
            return;
        }
        DeviceWatch fired = current.withTimer(0);
        watch.update(fired.wentOffline());
        out.accept(OfflineAlerts.offline(fired, mn, now));
    }

    /** The watch with a timer pending, unless one is already or the device is offline. */
    private DeviceWatch armed(DeviceWatch w, TimerService timers) {
        if (w.offline() || w.timerAt() != 0) {
            return w;
        }
        long due = w.dueAt(startedAt);
        timers.registerProcessingTimeTimer(due);
        return w.withTimer(due);
    }

    private long now(long processingTime) {
        if (startedAt < 0) {
            startedAt = processingTime;
        }
        return processingTime;
    }
}
