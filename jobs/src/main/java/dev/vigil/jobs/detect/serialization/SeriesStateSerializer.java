package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.readEvidenceList;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEvidenceList;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.jobs.detect.SeriesState;
import dev.vigil.jobs.detect.flatline.FlatlineRun;
import dev.vigil.jobs.detect.hourly.HourAccumulator;
import dev.vigil.jobs.detect.validity.Condition;
import dev.vigil.jobs.detect.validity.ConditionEpisode;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link SeriesState}s (the one state entry of every series): the condition and the run after a
 * presence flag each, the hours in chronological order, then the pending revision timers. Unlike
 * the records' serializers its copies are real ones, because the state is changed in place.
 */
public final class SeriesStateSerializer extends TypeSerializerSingleton<SeriesState> {

    private static final long serialVersionUID = 1L;

    public static final SeriesStateSerializer INSTANCE = new SeriesStateSerializer();

    private static final Condition[] CONDITIONS = Condition.values();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SeriesState createInstance() {
        return new SeriesState();
    }

    @Override
    public SeriesState copy(SeriesState from) {
        return from.copy();
    }

    @Override
    public SeriesState copy(SeriesState from, SeriesState reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SeriesState s, DataOutputView out) throws IOException {
        ConditionEpisode c = s.condition();
        out.writeBoolean(c != null);
        if (c != null) {
            writeEnum(c.condition(), out);
            writeInstant(c.start(), out);
            writeInstant(c.lastTime(), out);
            writeString(c.sourceId(), out);
            writeString(c.outletId(), out);
            writeString(c.mn(), out);
            writeString(c.pollutantCode(), out);
            writeEvidenceList(c.evidence(), out);
        }
        FlatlineRun run = s.run();
        out.writeBoolean(run != null);
        if (run != null) {
            FlatlineRunSerializer.INSTANCE.serialize(run, out);
        }
        Map<Long, HourAccumulator> hours = s.hours();
        out.writeInt(hours.size());
        for (Map.Entry<Long, HourAccumulator> hour : hours.entrySet()) {
            out.writeLong(hour.getKey());
            HourAccumulatorSerializer.INSTANCE.serialize(hour.getValue(), out);
        }
        long[] timers = s.revisionTimers();
        out.writeInt(timers.length);
        for (long at : timers) {
            out.writeLong(at);
        }
    }

    @Override
    public SeriesState deserialize(DataInputView in) throws IOException {
        ConditionEpisode condition =
                in.readBoolean()
                        ? new ConditionEpisode(
                                readEnum(CONDITIONS, in),
                                readInstant(in),
                                readInstant(in),
                                readString(in),
                                readString(in),
                                readString(in),
                                readString(in),
                                readEvidenceList(in))
                        : null;
        FlatlineRun run = in.readBoolean() ? FlatlineRunSerializer.INSTANCE.deserialize(in) : null;
        int size = in.readInt();
        TreeMap<Long, HourAccumulator> hours = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            long start = in.readLong();
            hours.put(start, HourAccumulatorSerializer.INSTANCE.deserialize(in));
        }
        long[] timers = new long[in.readInt()];
        for (int i = 0; i < timers.length; i++) {
            timers[i] = in.readLong();
        }
        return new SeriesState(condition, run, hours, timers);
    }

    @Override
    public SeriesState deserialize(SeriesState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<SeriesState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; there is one version of the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
