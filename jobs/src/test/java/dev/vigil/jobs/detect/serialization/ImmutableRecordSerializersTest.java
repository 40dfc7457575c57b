package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Camera;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.Reading;
import dev.vigil.jobs.detect.flatline.FlatlineRun;
import dev.vigil.jobs.detect.hourly.HourAccumulator;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import dev.vigil.jobs.detect.threshold.ThresholdValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The hand-written serializers give back what they were given, absent fields and long strings
 * included, for records in flight and in state, restore from their snapshots, and copy without
 * copying (the records are immutable).
 */
class ImmutableRecordSerializersTest {

    @Test
    void readingsComeBackEqualWithAndWithoutAnOutlet() throws Exception {
        Reading reading = Fixtures.reading(1, 42.5, "N");
        Reading outletless =
                new Reading(
                        "MN",
                        "src",
                        null,
                        "a21026",
                        DataKind.HOURLY,
                        -0.0,
                        null,
                        T0,
                        T0.plusNanos(123_456_789),
                        null,
                        true,
                        30_000,
                        false);

        assertThat(roundTrip(ReadingSerializer.INSTANCE, reading)).isEqualTo(reading);
        assertThat(roundTrip(ReadingSerializer.INSTANCE, outletless)).isEqualTo(outletless);
    }

    @Test
    void judgedValuesComeBackEqualWithTheirEvidence() throws Exception {
        JudgedValue live = Fixtures.reading(1, 42.5, "N").judged();
        JudgedValue revised =
                new JudgedValue(
                        "src",
                        null,
                        "w01018",
                        "MN",
                        DataKind.HOURLY,
                        12.0,
                        T0,
                        true,
                        11.0,
                        new Evidence(Evidence.Kind.ALERT, "ref", T0, null, null));
        JudgedValue bare =
                new JudgedValue(
                        "src", "o", "w01018", "MN", DataKind.DAILY, 1, T0, false, null, null);

        assertThat(roundTrip(ImmutableRecordType.JUDGED_VALUE, live)).isEqualTo(live);
        assertThat(roundTrip(ImmutableRecordType.JUDGED_VALUE, revised)).isEqualTo(revised);
        assertThat(roundTrip(ImmutableRecordType.JUDGED_VALUE, bare)).isEqualTo(bare);
        ThresholdValue unwritten = ThresholdValue.live(Fixtures.reading(1, 42.5, "T"));
        assertThat(roundTrip(ImmutableRecordType.THRESHOLD_VALUE, unwritten)).isEqualTo(unwritten);
        assertThat(roundTrip(ImmutableRecordType.THRESHOLD_VALUE, ThresholdValue.of(revised)))
                .isEqualTo(ThresholdValue.of(revised));
    }

    @Test
    void reportsComeBackEqualWithEverySubField() throws Exception {
        Report plain = Fixtures.report(Fixtures.MN, "2011", T0, Duration.ofSeconds(2), 42.0, "N");
        Pollutant full =
                new Pollutant(
                        "a21026",
                        1.0,
                        2.0,
                        3.0,
                        4.0,
                        5.0,
                        6.0,
                        7.0,
                        8.0,
                        9.0,
                        "N",
                        "E1",
                        T0,
                        Map.of("Ala", "1", "Info", "x"));
        Report everything =
                new Report(
                        "MN",
                        "HJ212-2017",
                        "2061",
                        "31",
                        "20240301000000000",
                        5,
                        null,
                        T0,
                        List.of(full, plain.pollutants().get(0)),
                        Map.of("RestartTime", "20240301000000", "AlarmType", "1"),
                        2,
                        1,
                        List.of("datatime-in-future", "é".repeat(30_000)),
                        plain.rawDigest());

        assertThat(roundTrip(ImmutableRecordType.REPORT, plain)).isEqualTo(plain);
        assertThat(roundTrip(ImmutableRecordType.REPORT, everything)).isEqualTo(everything);
    }

    @Test
    void seriesStateComesBackEqual() throws Exception {
        Reading reading = Fixtures.reading(1, 42.5, "N");
        FlatlineRun run =
                new FlatlineRun(
                        42.5,
                        3,
                        T0,
                        T0.plusSeconds(600),
                        true,
                        "src",
                        null,
                        "MN",
                        "w01018",
                        List.of(
                                new FlatlineRun.Seen(
                                        reading.ref(),
                                        reading.dataTime(),
                                        reading.value(),
                                        reading.kind(),
                                        reading.flag()),
                                new FlatlineRun.Seen(null, T0, -0.0, null, null)));
        HourAccumulator hour =
                new HourAccumulator(
                        "MN",
                        "w01018",
                        "src",
                        "o",
                        12,
                        300_000,
                        true,
                        new long[] {5L, -1L},
                        3,
                        2,
                        99.5,
                        33.0,
                        "ref",
                        true,
                        null,
                        false,
                        true);

        // A run is written inside a series' state (SeriesStateSerializer), by its own serializer.
        assertThat(roundTrip(FlatlineRunSerializer.INSTANCE, run)).isEqualTo(run);
        // A record with an array compares it by reference: compare field by field.
        assertThat(roundTrip(HourAccumulatorSerializer.INSTANCE, hour))
                .usingRecursiveComparison()
                .isEqualTo(hour);
    }

    @Test
    void sourcesComeBackEqualWithEveryPartAndWithoutTheOptionalOnes() throws Exception {
        Source full =
                new Source(
                        "src-1",
                        "Riverside Paper",
                        "Riverside Paper Co.",
                        Source.Kind.WATER,
                        new Place("1 River Road", new GeoPoint(-31.2, 121.4), "Riverside", "East"),
                        List.of("key-water", "é".repeat(30_000)),
                        List.of(
                                new Outlet("WS-01", "main outfall", Outlet.Kind.WASTEWATER),
                                new Outlet("RS-01", "rain outfall", Outlet.Kind.RAINWATER)),
                        List.of(
                                new Device(
                                        "MN1",
                                        "WS-01",
                                        ProtocolVersion.HJ212_2017,
                                        "pbkdf2-sha256$10000$c2FsdA$aGFzaA",
                                        Duration.ofSeconds(30),
                                        Duration.ofMinutes(10).plusNanos(5)),
                                new Device(
                                        "MN2",
                                        null,
                                        ProtocolVersion.HJ212_2025,
                                        "h",
                                        Duration.ofMillis(1500),
                                        Duration.ofHours(1))),
                        List.of(new Camera("cam-1", "east gate", VideoVendor.FRIGATE)),
                        List.of(
                                new PermitLimit("WS-01", "w01018", 100.0, "mg/L", DataKind.HOURLY),
                                new PermitLimit("WS-01", "w01001", -0.0, "", DataKind.DAILY)),
                        List.of("epb", "water-authority"),
                        true,
                        Long.MAX_VALUE,
                        T0.plusNanos(123_456_789));
        Source bare =
                new Source(
                        "src-2",
                        "",
                        null,
                        Source.Kind.OTHER,
                        new Place(null, null, null, null),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        0,
                        T0);

        assertThat(roundTrip(ImmutableRecordType.SOURCE, full)).isEqualTo(full);
        assertThat(roundTrip(ImmutableRecordType.SOURCE, bare)).isEqualTo(bare);
        Source fixture = Fixtures.source();
        assertThat(roundTrip(ImmutableRecordType.SOURCE, fixture)).isEqualTo(fixture);
    }

    @Test
    void rulesComeBackEqualWithEveryPartAndWithoutTheOptionalOnes() throws Exception {
        ThresholdRule ofOneOutlet =
                new ThresholdRule(
                        "r-1",
                        7,
                        "pH low",
                        new RuleScope("src-1", "WS-01", "w01001", null),
                        DataKind.REALTIME,
                        ThresholdRule.Comparison.BELOW,
                        List.of(
                                new RuleLevel(Severity.WARNING, 6.5, RuleLevel.Mode.ABSOLUTE),
                                new RuleLevel(Severity.SEVERE, -1e-9, RuleLevel.Mode.ABSOLUTE)),
                        new Persistence(3, Duration.ofMinutes(15).plusNanos(1)),
                        0.95,
                        false,
                        "staff",
                        T0.plusNanos(1),
                        true);
        ThresholdRule ofAGroup = Fixtures.realtimeRule(2);
        ThresholdRule withoutLevels =
                new ThresholdRule(
                        "r-2",
                        0,
                        "",
                        new RuleScope(null, null, "", null),
                        DataKind.DAILY,
                        ThresholdRule.Comparison.ABOVE,
                        null,
                        Persistence.IMMEDIATE,
                        1,
                        true,
                        "",
                        T0,
                        false);

        assertThat(roundTrip(ImmutableRecordType.THRESHOLD_RULE, ofOneOutlet))
                .isEqualTo(ofOneOutlet);
        assertThat(roundTrip(ImmutableRecordType.THRESHOLD_RULE, ofAGroup)).isEqualTo(ofAGroup);
        assertThat(roundTrip(ImmutableRecordType.THRESHOLD_RULE, withoutLevels))
                .isEqualTo(withoutLevels);
    }

    @Test
    void registryUpdatesComeBackEqualTombstonesIncluded() throws Exception {
        for (RegistryUpdate update :
                List.of(
                        RegistryUpdate.source(Fixtures.SOURCE, Fixtures.source()),
                        RegistryUpdate.source(Fixtures.SOURCE, null),
                        RegistryUpdate.rule("r-cod-realtime", Fixtures.realtimeRule(1)),
                        RegistryUpdate.rule("r-cod-realtime", null))) {
            assertThat(roundTrip(ImmutableRecordType.REGISTRY_UPDATE, update)).isEqualTo(update);
        }
    }

    @Test
    void deviceRegistrationsComeBackEqualWithAndWithoutAnOutlet() throws Exception {
        DeviceRegistration registration = Fixtures.registration();
        DeviceRegistration outletless =
                new DeviceRegistration(
                        "MN2", "src", null, 1, Long.MAX_VALUE, T0.plusNanos(7), false, true);

        assertThat(roundTrip(ImmutableRecordType.DEVICE_REGISTRATION, registration))
                .isEqualTo(registration);
        assertThat(roundTrip(ImmutableRecordType.DEVICE_REGISTRATION, outletless))
                .isEqualTo(outletless);
    }

    @Test
    void aCopyIsTheRecordItself() {
        Reading reading = Fixtures.reading(1, 42.5, "N");
        TypeSerializer<Reading> serializer = ReadingSerializer.INSTANCE;

        assertThat(serializer.isImmutableType()).isTrue();
        assertThat(serializer.copy(reading)).isSameAs(reading);
        Source source = Fixtures.source();
        assertThat(serializer(ImmutableRecordType.SOURCE).copy(source)).isSameAs(source);
        ThresholdRule rule = Fixtures.realtimeRule(1);
        assertThat(serializer(ImmutableRecordType.THRESHOLD_RULE).copy(rule)).isSameAs(rule);
    }

    @Test
    void eachSerializerRestoresFromItsSnapshot() throws Exception {
        for (TypeSerializer<?> serializer :
                List.of(
                        ReadingSerializer.INSTANCE,
                        serializer(ImmutableRecordType.JUDGED_VALUE),
                        serializer(ImmutableRecordType.THRESHOLD_VALUE),
                        serializer(ImmutableRecordType.REPORT),
                        FlatlineRunSerializer.INSTANCE,
                        HourAccumulatorSerializer.INSTANCE,
                        serializer(ImmutableRecordType.SOURCE),
                        serializer(ImmutableRecordType.THRESHOLD_RULE),
                        serializer(ImmutableRecordType.REGISTRY_UPDATE),
                        serializer(ImmutableRecordType.DEVICE_REGISTRATION))) {
            TypeSerializerSnapshot<?> snapshot = serializer.snapshotConfiguration();
            DataOutputSerializer out = new DataOutputSerializer(64);
            TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);

            TypeSerializerSnapshot<?> read =
                    TypeSerializerSnapshot.readVersionedSnapshot(
                            new DataInputDeserializer(out.getCopyOfBuffer()),
                            getClass().getClassLoader());

            assertThat(read.restoreSerializer()).isEqualTo(serializer);
        }
    }

    private static <T> TypeSerializer<T> serializer(ImmutableRecordType<T> type) {
        return type.createSerializer(new SerializerConfigImpl());
    }

    private static <T> T roundTrip(ImmutableRecordType<T> type, T value) throws Exception {
        return roundTrip(serializer(type), value);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        DataOutputSerializer copied = new DataOutputSerializer(256);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())))
                .usingRecursiveComparison()
                .isEqualTo(back);
        return back;
    }
}
