package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.jobs.detect.threshold.ThresholdValue;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link ThresholdValue}s: the value as {@link JudgedValueSerializer} writes it, then the flag. */
public final class ThresholdValueSerializer extends ImmutableRecordSerializer<ThresholdValue> {

    private static final long serialVersionUID = 1L;

    public static final ThresholdValueSerializer INSTANCE = new ThresholdValueSerializer();

    @Override
    public void serialize(ThresholdValue v, DataOutputView out) throws IOException {
        JudgedValueSerializer.INSTANCE.serialize(v.value(), out);
        writeString(v.flag(), out);
    }

    @Override
    public ThresholdValue deserialize(DataInputView in) throws IOException {
        return new ThresholdValue(JudgedValueSerializer.INSTANCE.deserialize(in), readString(in));
    }

    @Override
    public TypeSerializerSnapshot<ThresholdValue> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; there is one version of the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ThresholdValue> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
