package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.Reading;
import dev.vigil.jobs.detect.SeriesState;
import dev.vigil.jobs.detect.flatline.FlatlineRun;
import dev.vigil.jobs.detect.hourly.HourAccumulator;
import dev.vigil.jobs.detect.validity.Condition;
import dev.vigil.jobs.detect.validity.ConditionEpisode;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The per-series state comes back as it was written, with or without each of its parts, restores
 * its serializer from the snapshot, and copies so that changing the copy leaves the original alone.
 */
class SeriesStateSerializerTest {

    private static final SeriesStateSerializer SERIALIZER = SeriesStateSerializer.INSTANCE;

    @Test
    void aFullStateComesBackEqual() throws Exception {
        SeriesState state = full();

        assertThat(roundTrip(state)).usingRecursiveComparison().isEqualTo(state);
    }

    @Test
    void anEmptyStateComesBackEmpty() throws Exception {
        SeriesState back = roundTrip(new SeriesState());

        assertThat(back.condition()).isNull();
        assertThat(back.run()).isNull();
        assertThat(back.hours()).isEmpty();
        assertThat(back.revisionTimers()).isEmpty();
    }

    @Test
    void aCopyHasItsOwnHours() {
        SeriesState state = full();
        SeriesState copy = SERIALIZER.copy(state);

        assertThat(SERIALIZER.isImmutableType()).isFalse();
        assertThat(copy).isNotSameAs(state).usingRecursiveComparison().isEqualTo(state);
        assertThat(copy.hours()).isNotSameAs(state.hours());
    }

    @Test
    void theSerializerRestoresFromItsSnapshot() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());

        TypeSerializerSnapshot<?> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        assertThat(read.restoreSerializer()).isEqualTo(SERIALIZER);
    }

    private static SeriesState full() {
        Reading reading = Fixtures.reading(1, 42.5, "D");
        ConditionEpisode condition =
                new ConditionEpisode(
                        Condition.DEVICE_FAULT,
                        T0,
                        T0.plusSeconds(300),
                        "src",
                        null,
                        "MN",
                        "w01018",
                        List.of(reading.evidence()));
        FlatlineRun run =
                new FlatlineRun(
                        42.5,
                        3,
                        T0,
                        T0.plusSeconds(600),
                        false,
                        "src",
                        "o",
                        "MN",
                        "w01018",
                        List.of(
                                new FlatlineRun.Seen(
                                        reading.ref(),
                                        reading.dataTime(),
                                        reading.value(),
                                        reading.kind(),
                                        reading.flag())));
        TreeMap<Long, HourAccumulator> hours = new TreeMap<>();
        for (long start : new long[] {7_200_000L, 3_600_000L}) {
            hours.put(
                    start,
                    new HourAccumulator(
                            "MN",
                            "w01018",
                            "src",
                            null,
                            12,
                            300_000,
                            false,
                            new long[] {start},
                            1,
                            0,
                            42.5,
                            null,
                            null,
                            false,
                            40.0,
                            true,
                            false));
        }
        return new SeriesState(condition, run, hours, new long[] {120_000L, 240_000L});
    }

    private static SeriesState roundTrip(SeriesState state) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(state, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SeriesState back = SERIALIZER.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }
}
