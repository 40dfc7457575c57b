package dev.vigil.jobs.detect.offline;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device MN: reports a registered device OFFLINE when nothing came from it for {@code
 * factor} × its real-time interval, including a device never heard from since registration, and
 * resolves the alert with its next report. That report resolves it as well when this state does not
 * know the alert fired (it fired after the checkpoint a restored job started from): whether a
 * silence was too long is judged again from the receive times, so no offline alert stays open.
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
public final class OfflineDetector
        extends KeyedCoProcessFunction<String, Report, DeviceRegistration, Alert> {

    private static final long serialVersionUID = 1L;

    private final double factor;
    private transient OfflineWatcher watcher;

    public OfflineDetector(double factor) {
        this.factor = factor;
    }

    @Override
    public void open(OpenContext openContext) {
        watcher = new OfflineWatcher(getRuntimeContext(), factor);
    }

    @Override
    public void processElement1(Report report, Context ctx, Collector<Alert> out) throws Exception {
        watcher.report(report, ctx.getCurrentKey(), ctx.timerService(), out::collect);
    }

    @Override
    public void processElement2(DeviceRegistration device, Context ctx, Collector<Alert> out)
            throws Exception {
        watcher.registration(device, ctx.getCurrentKey(), ctx.timerService(), out::collect);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        watcher.timer(timestamp, ctx.getCurrentKey(), ctx.timerService(), out::collect);
    }
}
