package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readDouble;
import static dev.vigil.jobs.detect.serialization.NullableFields.readEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeDouble;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.rule.JudgedValue;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link JudgedValue}s with their evidence, field by field in declaration order. */
public final class JudgedValueSerializer extends ImmutableRecordSerializer<JudgedValue> {

    private static final long serialVersionUID = 1L;
    private static final DataKind[] KINDS = DataKind.values();

    public static final JudgedValueSerializer INSTANCE = new JudgedValueSerializer();

    @Override
    public void serialize(JudgedValue v, DataOutputView out) throws IOException {
        writeString(v.sourceId(), out);
        writeString(v.outletId(), out);
        writeString(v.pollutantCode(), out);
        writeString(v.mn(), out);
        writeEnum(v.kind(), out);
        out.writeDouble(v.value());
        writeInstant(v.time(), out);
        out.writeBoolean(v.revised());
        writeDouble(v.previousValue(), out);
        Evidence e = v.evidence();
        out.writeBoolean(e != null);
        if (e != null) {
            NullableFields.writeEvidence(e, out);
        }
    }

    @Override
    public JudgedValue deserialize(DataInputView in) throws IOException {
        String sourceId = readString(in);
        String outletId = readString(in);
        String pollutantCode = readString(in);
        String mn = readString(in);
        DataKind kind = readEnum(KINDS, in);
        double value = in.readDouble();
        var time = readInstant(in);
        boolean revised = in.readBoolean();
        Double previousValue = readDouble(in);
        Evidence evidence = in.readBoolean() ? NullableFields.readEvidence(in) : null;
        return new JudgedValue(
                sourceId,
                outletId,
                pollutantCode,
                mn,
                kind,
                value,
                time,
                revised,
                previousValue,
                evidence);
    }

    @Override
    public TypeSerializerSnapshot<JudgedValue> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; there is one version of the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<JudgedValue> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
