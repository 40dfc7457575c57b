package dev.vigil.jobs.detect.registry;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.DetectionConfig;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Reading;
import dev.vigil.jobs.detect.ReportReadings;
import dev.vigil.jobs.detect.ResolvedReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device MN: turns each report into {@link Reading}s of the device's source and outlet,
 * handed on together as one {@link ResolvedReport}; a report without readings is handed on as
 * nothing.
 *
 * <p>Reports and registrations come from different topics, so at a fresh start a device's reports
 * can overtake its registration; they wait (processing time, {@link
 * DetectionConfig#unregisteredDeviceWait()}) and are released in order when it arrives, or go to
 * the dead-letter topic when it does not. Reports whose DataTime is absurdly far ahead of their
 * receive time are dead-lettered at once and never judged.
 */
public final class DeviceResolver
        extends KeyedCoProcessFunction<String, Report, DeviceRegistration, ResolvedReport> {

    private static final long serialVersionUID = 1L;

    private final DetectionConfig config;
    private transient RegistrationWait wait;

    public DeviceResolver(DetectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(OpenContext openContext) {
        wait = new RegistrationWait(getRuntimeContext());
    }

    @Override
    public void processElement1(Report report, Context ctx, Collector<ResolvedReport> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (ReportReadings.aheadOfReceipt(report, config.maxClockAhead())) {
            ctx.output(
                    DetectionState.DEAD_LETTERS,
                    deadLetter(
                            report,
                            "DataTime "
                                    + report.dataTime()
                                    + " is more than "
                                    + config.maxClockAhead()
                                    + " after the receive time "
                                    + report.receivedAt()
                                    + ": the device clock is wrong, values not judged",
                            "DataTime",
                            now));
            return;
        }
        DeviceRegistration registration = wait.registration();
        if (registration != null) {
            emit(report, registration, out);
        } else if (report.dataKind().isPresent() && !report.pollutants().isEmpty()) {
            wait.park(report, ctx.timerService(), config.unregisteredDeviceWait().toMillis());
        }
    }

    @Override
    public void processElement2(
            DeviceRegistration change, Context ctx, Collector<ResolvedReport> out)
            throws Exception {
        for (Report report : wait.apply(change, ctx.timerService())) {
            emit(report, change, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ResolvedReport> out)
            throws Exception {
        for (Report report : wait.expire(timestamp)) {
            ctx.output(
                    DetectionState.DEAD_LETTERS,
                    deadLetter(
                            report,
                            "device "
                                    + report.mn()
                                    + " is not in the registry: its values were not judged",
                            "MN",
                            timestamp));
        }
    }

    private void emit(
            Report report, DeviceRegistration registration, Collector<ResolvedReport> out) {
        List<Reading> readings = ReportReadings.of(report, registration, config.backlogAfter());
        if (!readings.isEmpty()) {
            out.collect(new ResolvedReport(readings));
        }
    }

    static DeadLetter deadLetter(Report report, String reason, String field, long now) {
        Map<String, String> detail = new HashMap<>();
        detail.put("mn", report.mn());
        detail.put("cn", report.cn());
        if (report.dataTime() != null) {
            detail.put("dataTime", report.dataTime().toString());
        }
        return new DeadLetter(
                Topics.REPORTS.name(),
                reason,
                field,
                Json.toBytes(report),
                null,
                Instant.ofEpochMilli(now),
                detail);
    }
}
