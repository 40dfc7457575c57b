package dev.vigil.jobs.detect.offline;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timing logic of offline detection, without Flink. */
class DeviceWatchTest {

    private static final DeviceRegistration DEVICE = Fixtures.registration(); // 5 min interval

    @Test
    void aDeviceIsDueFactorTimesItsIntervalAfterItWasLastHeard() {
        DeviceWatch watch = DeviceWatch.registered(DEVICE, 2.0, 1_000);
        assertThat(watch.timeoutMillis()).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(watch.dueAt(0)).isEqualTo(1_000 + 600_000);

        DeviceWatch heard = watch.heard(report(), 50_000);
        assertThat(heard.dueAt(0)).isEqualTo(650_000);
        assertThat(heard.offline()).isFalse();
    }

    @Test
    void afterARestartEveryDeviceGetsAFullTimeoutFromTheStart() {
        DeviceWatch heard = DeviceWatch.registered(DEVICE, 2.0, 0).heard(report(), 1_000);
        long restartedAt = 5_000_000;
        assertThat(heard.dueAt(restartedAt)).isEqualTo(restartedAt + 600_000);
    }

    @Test
    void aDeadlinePassedBeforeTheRestartMeansTheAlertMayHaveFired() {
        DeviceWatch armed = DeviceWatch.registered(DEVICE, 2.0, 0).withTimer(600_000);
        assertThat(armed.mayHaveFired(500_000)).isFalse();
        assertThat(armed.mayHaveFired(700_000)).isTrue();
        DeviceWatch deferred = armed.deferred(700_000);
        assertThat(deferred.timerAt()).isZero();
        assertThat(deferred.mayHaveFired(700_000)).isTrue();
        assertThat(deferred.heard(report(), 800_000).mayHaveFired(700_000)).isFalse();
        assertThat(armed.deferred(500_000).mayHaveFired(500_000)).isFalse();
    }

    @Test
    void aDeviceHeardSinceTheRestartEndedTheSilenceThatMayHaveFired() {
        // the old deadline is still pending when the device reports after the restart
        DeviceWatch heardAgain =
                DeviceWatch.registered(DEVICE, 2.0, 0).withTimer(600_000).heard(report(), 710_000);
        assertThat(heardAgain.timerAt()).isEqualTo(600_000);

        assertThat(heardAgain.mayHaveFired(700_000)).isFalse();
        assertThat(heardAgain.deferred(700_000).mayHaveFired(700_000)).isFalse();
    }

    @Test
    void theAlertIdNamesTheSilenceFromData() {
        DeviceWatch never = DeviceWatch.registered(DEVICE, 2.0, 123);
        DeviceWatch heard = never.heard(report(), 456);

        assertThat(never.alertId(Fixtures.MN))
                .isEqualTo(
                        Alert.idFor(
                                "OFFLINE",
                                Fixtures.SOURCE,
                                Fixtures.MN,
                                "registered " + DEVICE.registeredAt()))
                .isEqualTo(DeviceWatch.registered(DEVICE, 2.0, 999).alertId(Fixtures.MN));
        assertThat(heard.alertId(Fixtures.MN))
                .isEqualTo(
                        Alert.idFor(
                                "OFFLINE",
                                Fixtures.SOURCE,
                                Fixtures.MN,
                                "last-heard " + report().receivedAt()));
    }

    @Test
    void aNewIntervalChangesTheTimeoutButKeepsWhatWasHeard() {
        DeviceWatch heard = DeviceWatch.registered(DEVICE, 2.0, 0).heard(report(), 1_000);
        DeviceRegistration faster =
                new DeviceRegistration(
                        Fixtures.MN,
                        Fixtures.SOURCE,
                        Fixtures.OUTLET,
                        30_000,
                        600_000,
                        T0,
                        true,
                        true);
        DeviceWatch rebound = heard.rebound(faster, 2.0);
        assertThat(rebound.timeoutMillis()).isEqualTo(60_000);
        assertThat(rebound.lastReceivedAt()).isEqualTo(heard.lastReceivedAt());
    }

    private static Report report() {
        return Fixtures.report(Fixtures.MN, "2011", T0, Duration.ofSeconds(2), 5, "N");
    }
}
