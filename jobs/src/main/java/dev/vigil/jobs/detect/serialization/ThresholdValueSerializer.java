package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.jobs.detect.threshold.ThresholdValue;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link ThresholdValue}s, after a tag. A live reading's ({@link ThresholdValue#live}), which is
 * almost every value sent, as its fields alone: its evidence is the reading's frame at the value's
 * time and with its value, so of the evidence only the frame's ref is written. Any other value as
 * {@link JudgedValueSerializer} writes it, then the flag.
 */
public final class ThresholdValueSerializer extends ImmutableRecordSerializer<ThresholdValue> {

    private static final long serialVersionUID = 1L;

    public static final ThresholdValueSerializer INSTANCE = new ThresholdValueSerializer();

    private static final byte LIVE = 0;
    private static final byte WHOLE = 1;
    private static final DataKind[] KINDS = DataKind.values();

    @Override
    public void serialize(ThresholdValue v, DataOutputView out) throws IOException {
        JudgedValue value = v.value();
        if (!isLive(v)) {
            out.writeByte(WHOLE);
            JudgedValueSerializer.INSTANCE.serialize(value, out);
            writeString(v.flag(), out);
            return;
        }
        out.writeByte(LIVE);
        writeString(value.sourceId(), out);
        writeString(value.outletId(), out);
        writeString(value.pollutantCode(), out);
        writeString(value.mn(), out);
        writeEnum(value.kind(), out);
        out.writeDouble(value.value());
        writeInstant(value.time(), out);
        writeString(value.evidence().ref(), out);
        writeString(v.flag(), out);
    }

    /**
     * Whether the value has the shape {@link ThresholdValue#live} gives, so the tag says it all.
     */
    private static boolean isLive(ThresholdValue v) {
        JudgedValue value = v.value();
        Evidence e = value.evidence();
        return v.flag() != null
                && !value.revised()
                && value.previousValue() == null
                && e != null
                && e.kind() == Evidence.Kind.READING
                && e.detail() == null
                && e.value() != null
                && Double.doubleToLongBits(e.value()) == Double.doubleToLongBits(value.value())
                && Objects.equals(e.time(), value.time());
    }

    @Override
    public ThresholdValue deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        if (tag == WHOLE) {
            return new ThresholdValue(
                    JudgedValueSerializer.INSTANCE.deserialize(in), readString(in));
        }
        if (tag != LIVE) {
            throw new IOException("unknown threshold value tag " + tag);
        }
        String sourceId = readString(in);
        String outletId = readString(in);
        String pollutantCode = readString(in);
        String mn = readString(in);
        DataKind kind = readEnum(KINDS, in);
        double value = in.readDouble();
        Instant time = readInstant(in);
        String ref = readString(in);
        return new ThresholdValue(
                new JudgedValue(
                        sourceId,
                        outletId,
                        pollutantCode,
                        mn,
                        kind,
                        value,
                        time,
                        false,
                        null,
                        new Evidence(Evidence.Kind.READING, ref, time, value, null)),
                readString(in));
    }

    @Override
    public TypeSerializerSnapshot<ThresholdValue> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Restores this serializer; there is one version of the format, which only records between
     * operators use (no state holds a threshold value).
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ThresholdValue> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
