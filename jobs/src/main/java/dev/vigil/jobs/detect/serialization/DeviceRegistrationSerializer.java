package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.jobs.detect.registry.DeviceRegistration;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link DeviceRegistration}s, the registry's entry of every device (keyed state of the device
 * directory and of the per-device operators, written at every checkpoint), field by field in
 * declaration order.
 */
public final class DeviceRegistrationSerializer
        extends ImmutableRecordSerializer<DeviceRegistration> {

    private static final long serialVersionUID = 1L;

    public static final DeviceRegistrationSerializer INSTANCE = new DeviceRegistrationSerializer();

    @Override
    public void serialize(DeviceRegistration d, DataOutputView out) throws IOException {
        writeString(d.mn(), out);
        writeString(d.sourceId(), out);
        writeString(d.outletId(), out);
        out.writeLong(d.realtimeIntervalMillis());
        out.writeLong(d.minuteIntervalMillis());
        writeInstant(d.registeredAt(), out);
        out.writeBoolean(d.active());
        out.writeBoolean(d.water());
    }

    @Override
    public DeviceRegistration deserialize(DataInputView in) throws IOException {
        return new DeviceRegistration(
                readString(in),
                readString(in),
                readString(in),
                in.readLong(),
                in.readLong(),
                readInstant(in),
                in.readBoolean(),
                in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<DeviceRegistration> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer, also in place of the POJO serializer of earlier savepoints. */
    public static final class Snapshot extends PojoSuccessorSnapshot<DeviceRegistration> {
        public Snapshot() {
            super(DeviceRegistration.class, () -> INSTANCE);
        }
    }
}
