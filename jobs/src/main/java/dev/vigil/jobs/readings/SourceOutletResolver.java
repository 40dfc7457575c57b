package dev.vigil.jobs.readings;

import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.registry.DeviceDirectoryFunction;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import dev.vigil.jobs.detect.registry.RegistrationWait;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device MN: tags each report with the source and outlet the registry binds its device to,
 * from the per-device registrations of {@link DeviceDirectoryFunction} (the same ones detection
 * follows).
 *
 * <p><b>Unregistered devices.</b> The gateway only accepts devices of the registry, but a report
 * can still come from a device the job does not (yet) know: at a fresh start reports and registry
 * are read side by side and a report can overtake its registration, a backlog can predate it, and a
 * device removed from the registry can still have reports in flight. Such a report waits, in
 * processing time, up to {@code wait} for the registration and is released, in order, with the
 * registered source and outlet as soon as it arrives. When it does not, the report is not dropped
 * (readings are evidence): it is emitted with its MN as source and outlet and {@code
 * registered=false} (see {@link SourceOutlet#unregistered}), so the values are kept and findable,
 * and never mistaken for a registered source's. A later registration applies to the device's later
 * reports only. Reports without pollutant values give no points and never wait.
 *
 * <p>A removal ({@code active=false}) forgets the device only when it comes from the source the
 * device is registered at, so a move to another source is never undone by the old source's removal,
 * whatever their order. State: the registration per registered device, and the waiting reports and
 * their deadline, cleared on release and on timeout.
 */
public final class SourceOutletResolver
        extends KeyedCoProcessFunction<String, Report, DeviceRegistration, ResolvedReport> {

    private static final long serialVersionUID = 1L;

    private final long waitMillis;
    private transient RegistrationWait wait;

    /** Reports of unknown devices wait up to {@code wait} for their registration. */
    public SourceOutletResolver(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative: " + wait);
        }
        this.waitMillis = wait.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        wait = new RegistrationWait(getRuntimeContext());
    }

    @Override
    public void processElement1(Report report, Context ctx, Collector<ResolvedReport> out)
            throws Exception {
        if (report.pollutants().isEmpty()) {
            return;
        }
        DeviceRegistration registration = wait.registration();
        if (registration != null) {
            out.collect(new ResolvedReport(report, where(registration)));
            return;
        }
        wait.park(report, ctx.timerService(), waitMillis);
    }

    @Override
    public void processElement2(
            DeviceRegistration change, Context ctx, Collector<ResolvedReport> out)
            throws Exception {
        SourceOutlet where = where(change);
        for (Report report : wait.apply(change, ctx.timerService())) {
            out.collect(new ResolvedReport(report, where));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ResolvedReport> out)
            throws Exception {
        for (Report report : wait.expire()) {
            out.collect(new ResolvedReport(report, SourceOutlet.unregistered(report.mn())));
        }
    }

    static SourceOutlet where(DeviceRegistration registration) {
        return SourceOutlet.registered(registration.sourceId(), registration.outletId());
    }
}
