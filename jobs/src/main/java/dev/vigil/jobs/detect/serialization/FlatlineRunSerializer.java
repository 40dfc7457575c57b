package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.events.DataKind;
import dev.vigil.jobs.detect.flatline.FlatlineRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link FlatlineRun}s (state of every series), field by field in declaration order: as state, a
 * copy that is the run itself spares the heap backend a deep copy per series after each checkpoint.
 * The trail holds each reading's numbers and flag, not its evidence text.
 */
public final class FlatlineRunSerializer extends ImmutableRecordSerializer<FlatlineRun> {

    private static final long serialVersionUID = 1L;

    public static final FlatlineRunSerializer INSTANCE = new FlatlineRunSerializer();

    private static final DataKind[] KINDS = DataKind.values();

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
        out.writeInt(r.trail().size());
        for (FlatlineRun.Seen seen : r.trail()) {
            writeString(seen.ref(), out);
            writeInstant(seen.time(), out);
            out.writeDouble(seen.value());
            writeEnum(seen.kind(), out);
            writeString(seen.flag(), out);
        }
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
                readTrail(in));
    }

    private static List<FlatlineRun.Seen> readTrail(DataInputView in) throws IOException {
        int size = in.readInt();
        List<FlatlineRun.Seen> trail = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            trail.add(
                    new FlatlineRun.Seen(
                            readString(in),
                            readInstant(in),
                            in.readDouble(),
                            readEnum(KINDS, in),
                            readString(in)));
        }
        return List.copyOf(trail);
    }

    @Override
    public TypeSerializerSnapshot<FlatlineRun> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Restores this serializer. The state it is used for lives under operator ids that changed with
     * the format (see the README), so an earlier format is never read.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FlatlineRun> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
