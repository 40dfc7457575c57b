package dev.vigil.jobs.detect.registry;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.Reading;
import dev.vigil.jobs.detect.ResolvedReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resolving devices to sources, including reports that overtake their registration. */
class DeviceResolverTest {

    private static final long NOW = 1_000_000;
    private KeyedTwoInputStreamOperatorTestHarness<
                    String, Report, DeviceRegistration, ResolvedReport>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new DeviceResolver(Fixtures.config()),
                        Report::mn,
                        DeviceRegistration::mn,
                        Types.STRING);
        harness.setProcessingTime(NOW);
    }

    @Test
    void reportsOfARegisteredDeviceBecomeReadingsOfItsSource() throws Exception {
        harness.processElement2(Fixtures.registration(), 0);
        harness.processElement1(report(1, 42.0), 0);

        assertThat(readings())
                .singleElement()
                .satisfies(r -> assertThat(r.sourceId()).isEqualTo(Fixtures.SOURCE));
    }

    @Test
    void aReportsReadingsAreHandedOnTogetherAndAReportWithoutValuesNotAtAll() throws Exception {
        harness.processElement2(Fixtures.registration(), 0);
        Report cod = report(1, 42.0);
        Pollutant noValue = pollutant("w01001", null);
        Pollutant ammonia = pollutant("w21003", 7.0);

        harness.processElement1(
                withPollutants(cod, List.of(cod.pollutants().get(0), noValue, ammonia)), 0);
        harness.processElement1(withPollutants(cod, List.of(noValue)), 0);

        // one element for the report, its readings in the report's order
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.readings())
                                        .extracting(Reading::pollutantCode, Reading::value)
                                        .containsExactly(
                                                tuple(Fixtures.COD, 42.0), tuple("w21003", 7.0)));
    }

    private static Pollutant pollutant(String code, Double rtd) {
        return new Pollutant(
                code, rtd, null, null, null, null, null, null, null, null, "N", null, null, null);
    }

    private static Report withPollutants(Report r, List<Pollutant> pollutants) {
        return new Report(
                r.mn(),
                r.protocol(),
                r.cn(),
                r.st(),
                r.qn(),
                r.flag(),
                r.dataTime(),
                r.receivedAt(),
                pollutants,
                r.fields(),
                r.packetCount(),
                r.packetNumber(),
                r.warnings(),
                r.rawDigest());
    }

    @Test
    void reportsWaitForTheirRegistrationAndAreReleasedInOrder() throws Exception {
        harness.processElement1(report(1, 1.0), 0);
        harness.processElement1(report(2, 2.0), 0);
        assertThat(readings()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.processElement2(Fixtures.registration(), 0);

        assertThat(readings()).extracting(Reading::value).containsExactly(1.0, 2.0);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the registration only
    }

    @Test
    void reportsOfADeviceThatNeverRegistersAreDeadLetteredAndForgotten() throws Exception {
        harness.processElement1(report(1, 1.0), 0);
        harness.setProcessingTime(NOW + Duration.ofSeconds(5).toMillis());

        assertThat(readings()).isEmpty();
        assertThat(deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("not in the registry"));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void anAbsurdDataTimeIsDeadLetteredAtOnce() throws Exception {
        harness.processElement2(Fixtures.registration(), 0);
        Report future =
                Fixtures.report(
                        Fixtures.MN,
                        "2011",
                        Instant.parse("2099-01-01T00:00:00Z"),
                        Duration.ZERO,
                        1,
                        "N");
        harness.processElement1(
                new Report(
                        future.mn(),
                        future.protocol(),
                        future.cn(),
                        future.st(),
                        null,
                        null,
                        future.dataTime(),
                        T0,
                        future.pollutants(),
                        null,
                        null,
                        null,
                        null,
                        future.rawDigest()),
                0);

        assertThat(readings()).isEmpty();
        assertThat(deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.field()).isEqualTo("DataTime"));
    }

    @Test
    void aRemovedDeviceIsForgottenButNotByARemovalFromAnotherSource() throws Exception {
        DeviceRegistration registration = Fixtures.registration();
        harness.processElement2(registration, 0);
        harness.processElement2(
                new DeviceRegistration(Fixtures.MN, "src-other", null, 1, 1, T0, false, true), 0);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processElement2(registration.removed(T0), 0);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(DetectionState.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    private static Report report(int minute, double value) {
        return Fixtures.report(
                Fixtures.MN,
                "2011",
                T0.plusSeconds(60L * minute),
                Duration.ofSeconds(2),
                value,
                "N");
    }

    /** The readings of the reports handed on, in order. */
    private List<Reading> readings() {
        return harness.extractOutputValues().stream().flatMap(r -> r.readings().stream()).toList();
    }
}
