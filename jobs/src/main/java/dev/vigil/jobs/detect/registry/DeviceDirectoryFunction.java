package dev.vigil.jobs.detect.registry;

import dev.vigil.jobs.detect.DetectionState;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by source id: remembers which devices each source registered and emits a {@link
 * DeviceRegistration} for every device added, moved or removed, so the per-device operators learn
 * of a device before (or without) ever hearing from it.
 */
public final class DeviceDirectoryFunction
        extends KeyedProcessFunction<String, RegistryUpdate, DeviceRegistration> {

    private static final long serialVersionUID = 1L;

    private transient ValueState<List<DeviceRegistration>> devices;

    @Override
    public void open(OpenContext openContext) {
        devices = getRuntimeContext().getState(DetectionState.SOURCE_DEVICES);
    }

    @Override
    public void processElement(
            RegistryUpdate update, Context ctx, Collector<DeviceRegistration> out)
            throws Exception {
        if (!update.isSource()) {
            return;
        }
        List<DeviceRegistration> before = devices.value();
        Instant at =
                update.source() != null
                        ? update.source().updatedAt()
                        : Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        for (DeviceRegistration change :
                DeviceDirectory.changes(before == null ? List.of() : before, update.source(), at)) {
            out.collect(change);
        }
        List<DeviceRegistration> after = DeviceDirectory.registrations(update.source());
        if (after.isEmpty()) {
            devices.clear();
        } else {
            devices.update(after);
        }
    }
}
