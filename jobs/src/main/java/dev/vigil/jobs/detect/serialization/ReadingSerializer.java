package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.events.DataKind;
import dev.vigil.jobs.detect.Reading;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link Reading}s, field by field in declaration order. */
public final class ReadingSerializer extends ImmutableRecordSerializer<Reading> {

    private static final long serialVersionUID = 1L;
    private static final DataKind[] KINDS = DataKind.values();

    public static final ReadingSerializer INSTANCE = new ReadingSerializer();

    @Override
    public void serialize(Reading r, DataOutputView out) throws IOException {
        writeString(r.mn(), out);
        writeString(r.sourceId(), out);
        writeString(r.outletId(), out);
        writeString(r.pollutantCode(), out);
        writeEnum(r.kind(), out);
        out.writeDouble(r.value());
        writeString(r.flag(), out);
        writeInstant(r.dataTime(), out);
        writeInstant(r.receivedAt(), out);
        writeString(r.ref(), out);
        out.writeBoolean(r.backlog());
        out.writeLong(r.realtimeIntervalMillis());
        out.writeBoolean(r.water());
    }

    @Override
    public Reading deserialize(DataInputView in) throws IOException {
        return new Reading(
                readString(in),
                readString(in),
                readString(in),
                readString(in),
                readEnum(KINDS, in),
                in.readDouble(),
                readString(in),
                readInstant(in),
                readInstant(in),
                readString(in),
                in.readBoolean(),
                in.readLong(),
                in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<Reading> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; there is one version of the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Reading> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
