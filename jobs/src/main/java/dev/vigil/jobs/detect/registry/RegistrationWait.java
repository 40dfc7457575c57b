package dev.vigil.jobs.detect.registry;

import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.DetectionState;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * The per-device state of a resolver keyed by MN: the device's registration, and the reports that
 * arrived before it with the processing-time deadline they wait until. Detection and the readings
 * job both keep it; what they do with a released or expired report is theirs.
 */
public final class RegistrationWait {
    private final ValueState<DeviceRegistration> device;
    private final ListState<Report> pending;
    private final ValueState<Long> deadline;

    /** The state of the current key, from the descriptors in {@link DetectionState}. */
    public RegistrationWait(RuntimeContext context) {
        this.device = context.getState(DetectionState.DEVICE);
        this.pending = context.getListState(DetectionState.PENDING_REPORTS);
        this.deadline = context.getState(DetectionState.PENDING_DEADLINE);
    }

    /** The device's registration, or null while it is unknown. */
    public DeviceRegistration registration() throws Exception {
        return device.value();
    }

    /**
     * Parks a report of an unknown device; the first one sets the timer {@code waitMillis} ahead.
     */
    public void park(Report report, TimerService timers, long waitMillis) throws Exception {
        pending.add(report);
        if (deadline.value() == null) {
            long at = timers.currentProcessingTime() + waitMillis;
            timers.registerProcessingTimeTimer(at);
            deadline.update(at);
        }
    }

    /**
     * Applies a registry change and returns the reports it releases, in arrival order (empty when
     * none waited). A removal forgets the device only when it comes from the source the device is
     * registered at, so a move to another source is never undone by the old source's removal.
     */
    public List<Report> apply(DeviceRegistration change, TimerService timers) throws Exception {
        if (!change.active()) {
            DeviceRegistration current = device.value();
            if (current != null && current.sourceId().equals(change.sourceId())) {
                device.clear();
            }
            return List.of();
        }
        device.update(change);
        Long at = deadline.value();
        if (at == null) {
            return List.of();
        }
        timers.deleteProcessingTimeTimer(at);
        return drain();
    }

    /** The wait is over: returns the reports that waited in vain and clears them. */
    public List<Report> expire() throws Exception {
        return drain();
    }

    /**
     * The processing-time timer at {@code timestamp} fired: the reports that waited in vain if it
     * is the wait's deadline, else none (it is another timer of the same key).
     */
    public List<Report> expire(long timestamp) throws Exception {
        Long at = deadline.value();
        return at != null && at == timestamp ? drain() : List.of();
    }

    private List<Report> drain() throws Exception {
        List<Report> reports = new ArrayList<>();
        for (Report report : pending.get()) {
            reports.add(report);
        }
        pending.clear();
        deadline.clear();
        return reports;
    }
}
