package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212Replies;
import dev.vigil.ingest.hj212.Hj212Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A fleet against a small real HJ 212 server over loopback TCP. */
class FleetTest {

    private final Scenario tiny = ScenarioReader.read(Scenarios.tiny());
    private final Map<String, List<AcknowledgedUpload>> acknowledged = new ConcurrentHashMap<>();
    private AnsweringGateway gateway;
    private Fleet fleet;

    @BeforeEach
    void startGateway() throws InterruptedException {
        gateway = new AnsweringGateway().start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (fleet != null) {
            fleet.close();
        }
        gateway.close();
    }

    private Fleet start(Scenario scenario, FleetConfig config, double speed) {
        SimClock clock = SimClock.system(speed, Duration.ofHours(1));
        fleet =
                new Fleet(
                                scenario,
                                config,
                                clock,
                                new FleetStats(),
                                upload ->
                                        acknowledged
                                                .computeIfAbsent(
                                                        upload.mn(),
                                                        mn -> new CopyOnWriteArrayList<>())
                                                .add(upload))
                        .start();
        return fleet;
    }

    private FleetConfig config() {
        return FleetConfig.defaults(gateway.address()).withAnswerTimeout(Duration.ofMillis(300));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static List<Instant> dataTimes(List<Hj212Message> uploads, String cn) {
        return uploads.stream().filter(m -> m.cn().equals(cn)).map(Hj212Message::dataTime).toList();
    }

    @Test
    void theScenarioPlaysOutAndEveryAnsweredUploadArrivedInOrder() throws Exception {
        // GIVEN the tiny scenario at 30x: 10 s real-time interval, events between 20 s and 80 s;
        // a generous answer timeout, so a loaded machine's slow answer is not taken for a lost one
        start(tiny, config().withAnswerTimeout(Duration.ofSeconds(10)), 30);
        DeviceSpec water = tiny.devices().get(0);
        DeviceSpec gas = tiny.devices().get(1);
        DeviceSpec old = tiny.devices().get(2);

        // WHEN it runs for about 2.5 simulated minutes
        Thread.sleep(5_000);
        fleet.stop(Duration.ofSeconds(5));

        // THEN every logger's uploads arrived once each, in order, and were answered
        FleetStats stats = fleet.stats();
        assertThat(stats.unanswered()).isZero();
        assertThat(stats.resent.sum()).isZero();
        assertThat(stats.answers()).isEqualTo(stats.sent());
        for (DeviceSpec device : tiny.devices()) {
            List<Hj212Message> uploads = gateway.uploads(device.mn());
            assertThat(uploads).as(device.mn()).hasSizeGreaterThan(10);
            assertThat(acknowledged.get(device.mn()))
                    .extracting(AcknowledgedUpload::qn)
                    .containsExactlyElementsOf(uploads.stream().map(Hj212Message::qn).toList());
            List<Instant> realtime = dataTimes(uploads, "2011");
            for (int i = 1; i < realtime.size(); i++) {
                assertThat(Duration.between(realtime.get(i - 1), realtime.get(i)))
                        .as("%s: real-time DataTimes every 10 s without a gap", device.mn())
                        .isEqualTo(Duration.ofSeconds(10));
            }
            assertThat(dataTimes(uploads, "2051")).isNotEmpty().isSorted();
        }
        // the offline period: a disconnect, then the backlog with its original DataTimes
        assertThat(stats.offlinePeriods.sum()).isEqualTo(1);
        assertThat(stats.backlogSent.sum()).isGreaterThanOrEqualTo(3);
        assertThat(stats.connects.sum()).isEqualTo(4);
        // the exceedance and the flag change
        assertThat(gateway.uploads(water.mn()))
                .filteredOn(m -> m.cn().equals("2011"))
                .anyMatch(m -> m.pollutant("w01018").number("Rtd") > 150);
        assertThat(gateway.uploads(gas.mn()))
                .filteredOn(m -> m.cn().equals("2011"))
                .anyMatch(m -> "M".equals(m.pollutant("a34013").text("Flag")))
                .anyMatch(m -> "N".equals(m.pollutant("a34013").text("Flag")))
                .anyMatch(m -> "12.50".equals(m.pollutant("a21026").text("Rtd")));
        // the injected garbage and bad-CRC frames reached the server as undecodable input
        assertThat(gateway.failures()).hasSize(4);
        assertThat(stats.garbageInjected.sum()).isEqualTo(2);
        assertThat(stats.badCrcInjected.sum()).isEqualTo(2);
        assertThat(gateway.uploads(old.mn())).allMatch(m -> m.flag() == 1);
    }

    @Test
    void anUnansweredUploadIsResentUnderItsQnUntilItIsAnswered() throws Exception {
        gateway.skipAnswers(2);
        start(tiny.withDeviceCount(1), config(), 30);

        await("three answers", Duration.ofSeconds(10), () -> fleet.stats().answers() >= 3);
        fleet.stop(Duration.ofSeconds(5));

        String mn = tiny.devices().get(0).mn();
        List<String> qns = gateway.uploads(mn).stream().map(Hj212Message::qn).toList();
        assertThat(qns.get(0)).isEqualTo(qns.get(1)).isEqualTo(qns.get(2));
        assertThat(qns.get(3)).isNotEqualTo(qns.get(0));
        assertThat(fleet.stats().resent.sum()).isEqualTo(2);
        assertThat(acknowledged.get(mn).get(0).qn()).isEqualTo(qns.get(0));
    }

    @Test
    void aSetTimeCommandIsAnsweredAndSetsTheLoggersClock() throws Exception {
        start(tiny.withDeviceCount(1).withRealtimeInterval(Duration.ofSeconds(1)), config(), 1);
        String mn = tiny.devices().get(0).mn();
        await("the first upload", Duration.ofSeconds(15), () -> !gateway.uploads(mn).isEmpty());
        Instant platformTime = Instant.now().plus(Duration.ofHours(2));

        gateway.broadcast(Hj212Replies.setTime(gateway.uploads(mn).get(0), platformTime));
        await(
                "9011 and 9012",
                Duration.ofSeconds(5),
                () -> gateway.answersToCommands().size() == 2);
        int before = gateway.uploads(mn).size();
        await(
                "a real-time upload after the time was set",
                Duration.ofSeconds(5),
                () ->
                        gateway.uploads(mn).stream()
                                .skip(before)
                                .anyMatch(m -> m.cn().equals("2011")));
        fleet.stop(Duration.ofSeconds(2));

        assertThat(gateway.answersToCommands())
                .extracting(Hj212Message::cn)
                .containsExactly("9011", "9012");
        assertThat(gateway.answersToCommands().get(0).field("QnRtn")).isEqualTo("1");
        assertThat(gateway.answersToCommands().get(1).field("ExeRtn")).isEqualTo("1");
        assertThat(fleet.stats().timeSets.sum()).isEqualTo(1);
        // The logger goes on from the new time, without inventing samples for the two hours.
        // (the minute and hour in progress end with the jump and are sent first)
        List<Hj212Message> after = gateway.uploads(mn).subList(before, gateway.uploads(mn).size());
        Instant soon = Instant.now().plus(Duration.ofMinutes(110));
        assertThat(after).allMatch(m -> Hj212Time.parse(m.qn()).isAfter(soon));
        assertThat(after)
                .filteredOn(m -> m.cn().equals("2011"))
                .isNotEmpty()
                .allMatch(m -> m.dataTime().isAfter(soon));
        assertThat(after).hasSizeLessThan(10);
    }

    @Test
    void theLoadGeneratorSpreadsItsConnectionsOverLoopbackSourceAddresses() throws Exception {
        Scenario load = tiny.withDeviceCount(12).withoutEvents();
        start(load, config().withLocalAddresses(LocalAddresses.spread(12, 4)), 1);

        // The gateway may see a connection before the logger's own connect listener has run.
        await(
                "12 connections, on both sides",
                Duration.ofSeconds(10),
                () -> gateway.openConnections() == 12 && fleet.stats().connected() == 12);

        assertThat(gateway.remoteAddresses())
                .containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3", "127.0.0.4");
    }

    @Test
    void loggersReconnectWhenTheGatewayDropsThemAndResendWhatWasInFlight() throws Exception {
        gateway.skipAnswers(3);
        Scenario fast = tiny.withoutEvents().withRealtimeInterval(Duration.ofSeconds(1));
        start(fast, config().withAnswerTimeout(Duration.ofSeconds(30)), 1);
        // In flight counts what the loggers sent; the gateway may read it a moment later.
        await(
                "3 unanswered uploads, each read by the gateway",
                Duration.ofSeconds(5),
                () ->
                        fleet.stats().inFlight() == 3
                                && tiny.devices().stream()
                                        .allMatch(d -> !gateway.uploads(d.mn()).isEmpty()));

        List<String> firstQns = new ArrayList<>();
        for (DeviceSpec device : tiny.devices()) {
            firstQns.add(gateway.uploads(device.mn()).get(0).qn());
        }
        closeAllConnections();
        await(
                "every logger reconnected and answered",
                Duration.ofSeconds(10),
                () -> acknowledged.size() == 3);

        assertThat(fleet.stats().closedByGateway.sum()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            String mn = tiny.devices().get(i).mn();
            assertThat(acknowledged.get(mn).get(0).qn()).isEqualTo(firstQns.get(i));
        }
    }

    private void closeAllConnections() throws InterruptedException {
        // Closing the server's side of every connection is what a gateway restart looks like.
        gateway.closeConnections();
    }
}
