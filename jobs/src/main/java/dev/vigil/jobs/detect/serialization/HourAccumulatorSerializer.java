package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readDouble;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeDouble;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.jobs.detect.hourly.HourAccumulator;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link HourAccumulator}s (state of every open hour of every series), field by field in
 * declaration order. Identity copies are safe: an accumulator's slot bits are copied whenever a
 * slot is set ({@code withSlot}), never changed in place.
 */
public final class HourAccumulatorSerializer extends ImmutableRecordSerializer<HourAccumulator> {

    private static final long serialVersionUID = 1L;

    public static final HourAccumulatorSerializer INSTANCE = new HourAccumulatorSerializer();

    @Override
    public void serialize(HourAccumulator h, DataOutputView out) throws IOException {
        writeString(h.mn(), out);
        writeString(h.pollutantCode(), out);
        writeString(h.sourceId(), out);
        writeString(h.outletId(), out);
        out.writeInt(h.expected());
        out.writeLong(h.slotMillis());
        out.writeBoolean(h.water());
        long[] seen = h.seen();
        out.writeInt(seen == null ? -1 : seen.length);
        if (seen != null) {
            for (long bits : seen) {
                out.writeLong(bits);
            }
        }
        out.writeInt(h.total());
        out.writeInt(h.valid());
        out.writeDouble(h.sum());
        writeDouble(h.official(), out);
        writeString(h.officialRef(), out);
        out.writeBoolean(h.closed());
        writeDouble(h.judged(), out);
        out.writeBoolean(h.mismatch());
        out.writeBoolean(h.revisionPending());
    }

    @Override
    public HourAccumulator deserialize(DataInputView in) throws IOException {
        String mn = readString(in);
        String pollutantCode = readString(in);
        String sourceId = readString(in);
        String outletId = readString(in);
        int expected = in.readInt();
        long slotMillis = in.readLong();
        boolean water = in.readBoolean();
        int words = in.readInt();
        long[] seen = words < 0 ? null : new long[words];
        for (int i = 0; i < words; i++) {
            seen[i] = in.readLong();
        }
        return new HourAccumulator(
                mn,
                pollutantCode,
                sourceId,
                outletId,
                expected,
                slotMillis,
                water,
                seen,
                in.readInt(),
                in.readInt(),
                in.readDouble(),
                readDouble(in),
                readString(in),
                in.readBoolean(),
                readDouble(in),
                in.readBoolean(),
                in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<HourAccumulator> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; there is one version of the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<HourAccumulator> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
