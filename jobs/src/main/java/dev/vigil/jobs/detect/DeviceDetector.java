package dev.vigil.jobs.detect;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.offline.OfflineWatcher;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import dev.vigil.jobs.detect.registry.DeviceResolver;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device MN: everything detection does per device in one operator, so that each report
 * crosses the network once: it is resolved to its source and outlet ({@link DeviceResolver}, the
 * main output, with dead letters on {@link DetectionState#DEAD_LETTERS}) and watched for silence
 * ({@link OfflineWatcher}, alerts on {@link DetectionState#OFFLINE_ALERTS}).
 *
 * <p>Both keep their own state under their own descriptors, and both use processing-time timers on
 * the same key: each ignores a timer that is not its own (the resolver's wait deadline, the watch's
 * due time), so when the two coincide both act on it. The resolver runs first on a registration: it
 * deletes its deadline timer before the watch arms its own, so a watch timer at the same instant is
 * never deleted with it.
 */
public final class DeviceDetector
        extends KeyedCoProcessFunction<String, Report, DeviceRegistration, ResolvedReport> {

    private static final long serialVersionUID = 1L;

    private final DeviceResolver resolver;
    private final double offlineFactor;
    private transient OfflineWatcher watcher;

    public DeviceDetector(DetectionConfig config) {
        Objects.requireNonNull(config, "config");
        this.resolver = new DeviceResolver(config);
        this.offlineFactor = config.offlineFactor();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        resolver.setRuntimeContext(getRuntimeContext());
        resolver.open(openContext);
        watcher = new OfflineWatcher(getRuntimeContext(), offlineFactor);
    }

    @Override
    public void processElement1(Report report, Context ctx, Collector<ResolvedReport> out)
            throws Exception {
        resolver.processElement1(report, ctx, out);
        watcher.report(report, ctx.getCurrentKey(), ctx.timerService(), offlineAlerts(ctx));
    }

    @Override
    public void processElement2(
            DeviceRegistration device, Context ctx, Collector<ResolvedReport> out)
            throws Exception {
        resolver.processElement2(device, ctx, out);
        watcher.registration(device, ctx.getCurrentKey(), ctx.timerService(), offlineAlerts(ctx));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ResolvedReport> out)
            throws Exception {
        resolver.onTimer(timestamp, ctx, out);
        watcher.timer(timestamp, ctx.getCurrentKey(), ctx.timerService(), offlineAlerts(ctx));
    }

    /** Where the watch's OFFLINE alerts go. */
    private Consumer<Alert> offlineAlerts(Context ctx) {
        return alert -> ctx.output(DetectionState.OFFLINE_ALERTS, alert);
    }
}
