package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readEvidenceList;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEvidenceList;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.jobs.detect.flatline.FlatlineRun;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link FlatlineRun}s (state of every series), field by field in declaration order: as state, a
 * copy that is the run itself spares the heap backend a deep copy per series after each checkpoint.
 */
public final class FlatlineRunSerializer extends ImmutableRecordSerializer<FlatlineRun> {

    private static final long serialVersionUID = 1L;

    public static final FlatlineRunSerializer INSTANCE = new FlatlineRunSerializer();

    @Override
    public void serialize(FlatlineRun r, DataOutputView out) throws IOException {
        out.writeDouble(r.value());
        out.writeInt(r.count());
        writeInstant(r.start(), out);
        writeInstant(r.lastTime(), out);
        out.writeBoolean(r.firing());
        writeString(r.sourceId(), out);
        writeString(r.outletId(), out);
        writeString(r.mn(), out);
        writeString(r.pollutantCode(), out);
        writeEvidenceList(r.evidence(), out);
    }

    @Override
    public FlatlineRun deserialize(DataInputView in) throws IOException {
        return new FlatlineRun(
                in.readDouble(),
                in.readInt(),
                readInstant(in),
                readInstant(in),
                in.readBoolean(),
                readString(in),
                readString(in),
                readString(in),
                readString(in),
                readEvidenceList(in));
    }

    @Override
    public TypeSerializerSnapshot<FlatlineRun> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; there is one version of the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FlatlineRun> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
