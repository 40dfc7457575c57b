package dev.vigil.jobs.readings;

import static dev.vigil.jobs.readings.TestReports.SAMPLED;
import static dev.vigil.jobs.readings.TestReports.report;
import static dev.vigil.jobs.readings.TestReports.rtd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tagging reports with the registry's source and outlet, and what an unknown device gets. */
class SourceOutletResolverTest {

    private static final long NOW = 1_000_000;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MN = Fixtures.MN;
    private static final SourceOutlet REGISTERED =
            SourceOutlet.registered(Fixtures.SOURCE, Fixtures.OUTLET);

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, Report, DeviceRegistration, ResolvedReport>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new SourceOutletResolver(WAIT),
                        Report::mn,
                        DeviceRegistration::mn,
                        Types.STRING);
        harness.setProcessingTime(NOW);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void reportsOfARegisteredDeviceCarryItsSourceAndOutletAtOnce() throws Exception {
        harness.processElement2(Fixtures.registration(), 0);
        harness.processElement1(reading(1.0), 0);

        assertThat(harness.extractOutputValues())
                .extracting(ResolvedReport::where)
                .containsExactly(REGISTERED);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void reportsWaitForTheirRegistrationAndAreReleasedInOrder() throws Exception {
        harness.processElement1(reading(1.0), 0);
        harness.processElement1(reading(2.0), 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.processElement2(Fixtures.registration(), 0);

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.report().pollutants().get(0).rtd(), ResolvedReport::where)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1.0, REGISTERED),
                        org.assertj.core.groups.Tuple.tuple(2.0, REGISTERED));
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the registration only
    }

    @Test
    void reportsOfADeviceThatNeverRegistersAreKeptUnderItsMnMarkedUnregistered() throws Exception {
        harness.processElement1(reading(1.0), 0);
        harness.setProcessingTime(NOW + WAIT.toMillis() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(NOW + WAIT.toMillis());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.where()).isEqualTo(SourceOutlet.unregistered(MN));
                            assertThat(ReadingPoints.convert(r).points().get(0).tags())
                                    .containsEntry("source", MN)
                                    .containsEntry("outlet", MN)
                                    .containsEntry("registered", "false");
                        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aRegistrationAfterTheWaitAppliesToLaterReports() throws Exception {
        harness.processElement1(reading(1.0), 0);
        harness.setProcessingTime(NOW + WAIT.toMillis());
        harness.processElement2(Fixtures.registration(), 0);
        harness.processElement1(reading(2.0), 0);

        assertThat(harness.extractOutputValues())
                .extracting(ResolvedReport::where)
                .containsExactly(SourceOutlet.unregistered(MN), REGISTERED);
    }

    @Test
    void reportsWithoutValuesNeverWait() throws Exception {
        harness.processElement1(report(MN, "8013", null), 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aMoveIsNotUndoneByTheOldSourcesRemoval() throws Exception {
        DeviceRegistration old = Fixtures.registration();
        DeviceRegistration moved =
                new DeviceRegistration(
                        MN,
                        "src-other",
                        "WS-09",
                        old.realtimeIntervalMillis(),
                        old.minuteIntervalMillis(),
                        Instant.EPOCH,
                        true,
                        true);
        harness.processElement2(old, 0);
        harness.processElement2(moved, 0);
        harness.processElement2(old.removed(Instant.EPOCH), 0);
        harness.processElement1(reading(1.0), 0);

        assertThat(harness.extractOutputValues())
                .extracting(ResolvedReport::where)
                .containsExactly(SourceOutlet.registered("src-other", "WS-09"));
    }

    @Test
    void aRemovedDeviceIsUnregisteredAgain() throws Exception {
        harness.processElement2(Fixtures.registration(), 0);
        harness.processElement2(Fixtures.registration().removed(Instant.EPOCH), 0);
        harness.processElement1(reading(1.0), 0);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(NOW + WAIT.toMillis());

        assertThat(harness.extractOutputValues())
                .extracting(ResolvedReport::where)
                .containsExactly(SourceOutlet.unregistered(MN));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private static Report reading(double value) {
        return report(MN, "2011", SAMPLED, rtd("w01018", value, "N"));
    }
}
