package dev.vigil.jobs.detect.complaint;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.registry.RegistryState;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by complaint id: attributes each complaint to a source from the broadcast registry and
 * raises its COMPLAINT alert. A complaint that arrives before the registry names any source near it
 * (a fresh start) waits up to the configured time, is attributed as soon as the registry changes,
 * and goes to the dead-letter topic if still nothing qualifies; either way its state is cleared.
 */
public final class ComplaintDetector
        extends KeyedBroadcastProcessFunction<String, Complaint, RegistryUpdate, Alert> {

    private static final long serialVersionUID = 1L;

    private final long wait;
    private transient ValueState<Complaint> pending;

    public ComplaintDetector(Duration registryWait) {
        this.wait = registryWait.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(DetectionState.PENDING_COMPLAINT);
    }

    @Override
    public void processElement(Complaint complaint, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        long now = ctx.currentProcessingTime();
        Optional<ComplaintAttribution> attribution =
                attribute(ctx.getBroadcastState(DetectionState.SOURCES), complaint);
        if (attribution.isPresent()) {
            out.collect(
                    ComplaintAlerts.alert(complaint, attribution.get(), Instant.ofEpochMilli(now)));
        } else if (pending.value() == null) {
            pending.update(complaint);
            ctx.timerService().registerProcessingTimeTimer(now + wait);
        }
    }

    @Override
    public void processBroadcastElement(RegistryUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        RegistryState.apply(
                ctx.getBroadcastState(DetectionState.SOURCES),
                ctx.getBroadcastState(DetectionState.RULES),
                update);
        if (!update.isSource() || update.tombstone()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(ctx.currentProcessingTime());
        ReadOnlyBroadcastState<String, Source> sources =
                ctx.getBroadcastState(DetectionState.SOURCES);
        ctx.applyToKeyedState(
                DetectionState.PENDING_COMPLAINT,
                (complaintId, state) -> {
                    Complaint complaint = state.value();
                    Optional<ComplaintAttribution> attribution = attribute(sources, complaint);
                    if (attribution.isPresent()) {
                        out.collect(ComplaintAlerts.alert(complaint, attribution.get(), now));
                        state.clear(); // its timer then finds nothing to do
                    }
                });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Complaint complaint = pending.value();
        if (complaint == null) {
            return;
        }
        pending.clear();
        Optional<ComplaintAttribution> attribution =
                attribute(ctx.getBroadcastState(DetectionState.SOURCES), complaint);
        if (attribution.isPresent()) {
            out.collect(
                    ComplaintAlerts.alert(
                            complaint, attribution.get(), Instant.ofEpochMilli(timestamp)));
        } else {
            ctx.output(DetectionState.DEAD_LETTERS, unattributed(complaint, timestamp));
        }
    }

    private static Optional<ComplaintAttribution> attribute(
            ReadOnlyBroadcastState<String, Source> sources, Complaint complaint) throws Exception {
        List<Source> all = new ArrayList<>();
        for (Map.Entry<String, Source> entry : sources.immutableEntries()) {
            all.add(entry.getValue());
        }
        return ComplaintAttribution.of(all, complaint.place());
    }

    private static DeadLetter unattributed(Complaint complaint, long now) {
        return new DeadLetter(
                Topics.COMPLAINTS.name(),
                "no registered source near the place of complaint "
                        + complaint.complaintId()
                        + ": no alert raised",
                "place",
                Json.toBytes(complaint),
                null,
                Instant.ofEpochMilli(now),
                Map.of("complaintId", complaint.complaintId()));
    }
}
