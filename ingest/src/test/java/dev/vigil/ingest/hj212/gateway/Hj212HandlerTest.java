package dev.vigil.ingest.hj212.gateway;

import static dev.vigil.ingest.hj212.gateway.GatewayFakes.MN;
import static dev.vigil.ingest.hj212.gateway.GatewayFakes.PW;
import static dev.vigil.ingest.hj212.gateway.GatewayFakes.frame;
import static dev.vigil.ingest.hj212.gateway.GatewayFakes.realtime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.ingest.hj212.Hj212Encoder;
import dev.vigil.ingest.hj212.Hj212Time;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives the whole gateway pipeline through EmbeddedChannels, with fakes of Kafka and registry. */
class Hj212HandlerTest {

    /** 2016-08-01 09:00 China time, just after the example frames' DataTime. */
    private static final Instant NOW = Instant.parse("2016-08-01T01:00:00Z");

    private static final String REJECTED_CRC =
            "##0275QN=20190901181526940;ST=32;CN=2011;PW=123456;MN=Y80110010000010;Flag=4;CP=&&DataTime=20190901181500;a21005-Rtd=1.760,a21005-Flag=N;a21026-Rtd=106.400,a21026-Flag=N;O3-Rtd=63.400,O3-Flag=N;a21004-Rtd=63.200,a21004-Flag=N;a34002-Rtd=9,a34002-Flag=N;a34004-Rtd=4,a34004-Flag=N&&1100\r\n";

    private final GatewayFakes.Reports reports = new GatewayFakes.Reports();
    private final GatewayFakes.DeadLetters deadLetters = new GatewayFakes.DeadLetters();
    private final GatewayFakes.Directory directory = new GatewayFakes.Directory().register(MN, PW);
    private final AtomicInteger hashings = new AtomicInteger();
    private final Executor hashing =
            task -> {
                hashings.incrementAndGet();
                task.run();
            };
    private final List<ByteBuf> written = new ArrayList<>();

    private Hj212Gateway gateway;

    private Hj212Gateway gateway(Hj212GatewayConfig config) {
        gateway =
                new Hj212Gateway(
                        config,
                        reports,
                        deadLetters,
                        directory,
                        hashing,
                        Clock.fixed(NOW, ZoneOffset.UTC));
        return gateway;
    }

    private EmbeddedChannel connect() {
        if (gateway == null) {
            gateway(Hj212GatewayConfig.builder().port(0).build());
        }
        return new EmbeddedChannel(new Hj212ServerInitializer(gateway));
    }

    private void send(EmbeddedChannel channel, byte[]... frames) {
        for (byte[] frame : frames) {
            ByteBuf buf = Unpooled.directBuffer(frame.length).writeBytes(frame);
            written.add(buf);
            channel.writeInbound(buf);
        }
        channel.runPendingTasks();
    }

    /** Reads and releases every frame the gateway wrote back. */
    private static List<String> replies(EmbeddedChannel channel) {
        channel.runPendingTasks();
        List<String> replies = new ArrayList<>();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            replies.add(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return replies;
    }

    private static void close(EmbeddedChannel channel) {
        assertThat(replies(channel)).isEmpty();
        assertFalse(channel.finish());
    }

    @AfterEach
    void everyInputBufferWasReleased() {
        assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void answers9014OnlyAfterTheReportIsDurable() {
        EmbeddedChannel channel = connect();

        send(channel, realtime("20160801085857223", "20160801085857", 2.2));

        assertThat(reports.published).hasSize(1);
        Report report = reports.published.get(0);
        assertThat(report.mn()).isEqualTo(MN);
        assertThat(report.qn()).isEqualTo("20160801085857223");
        assertThat(report.receivedAt()).isEqualTo(NOW);
        assertThat(report.warnings()).isEmpty();
        assertThat(replies(channel)).as("nothing before the ack").isEmpty();

        reports.ack(0);

        List<String> replies = replies(channel);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0))
                .startsWith("##")
                .contains("QN=20160801085857223;ST=91;CN=9014;")
                .contains("MN=" + MN)
                .endsWith("\r\n");
        assertThat(gateway.metrics().framesAccepted()).isEqualTo(1);
        close(channel);
    }

    @Test
    void aFailedSendGetsNoAnswerAndTheResendIsPublished() {
        EmbeddedChannel channel = connect();
        byte[] upload = realtime("20160801085857223", "20160801085857", 2.2);

        send(channel, upload);
        reports.fail(0);

        assertThat(replies(channel)).isEmpty();
        assertThat(gateway.metrics().publishFailures()).isEqualTo(1);

        // The device resends after its timeout: published again, answered after the ack.
        send(channel, upload);
        assertThat(reports.published).hasSize(2);
        reports.ack(1);
        assertThat(replies(channel)).hasSize(1);
        close(channel);
    }

    @Test
    void aBadCrcGetsNoAnswerAndADeadLetterWithoutThePassword() {
        EmbeddedChannel channel = connect();

        send(channel, REJECTED_CRC.getBytes(StandardCharsets.US_ASCII));

        assertThat(replies(channel)).isEmpty();
        assertThat(reports.published).isEmpty();
        assertThat(deadLetters.published).hasSize(1);
        DeadLetter letter = deadLetters.published.get(0);
        assertThat(letter.origin()).isEqualTo("hj212");
        assertThat(letter.reason())
                .contains("CRC mismatch: frame says 1100, data segment gives 2D00")
                .contains("at byte 0");
        assertThat(letter.field()).isEqualTo("CRC");
        assertThat(letter.remoteAddress()).isNotNull();
        assertThat(letter.receivedAt()).isEqualTo(NOW);
        String raw = new String(letter.raw(), StandardCharsets.US_ASCII);
        assertThat(raw).contains("PW=******;MN=Y80110010000010").doesNotContain("123456");
        assertThat(gateway.metrics().rejectedCount("crc_mismatch")).isEqualTo(1);
        assertThat(channel.isOpen()).as("one bad frame does not close the connection").isTrue();
        close(channel);
    }

    @Test
    void unknownMnAndWrongPasswordLookTheSameOnTheWire() {
        EmbeddedChannel unknown = connect();
        EmbeddedChannel wrong = connect();

        send(
                unknown,
                frame(
                        "0000AAAA0000BBBB0000CCCC",
                        "s3cret",
                        "20160801085857001",
                        "2011",
                        5,
                        "DataTime=20160801085857;w01018-Rtd=1"));
        send(
                wrong,
                frame(
                        MN,
                        "654321",
                        "20160801085857001",
                        "2011",
                        5,
                        "DataTime=20160801085857;w01018-Rtd=1"));

        assertThat(replies(unknown)).isEmpty();
        assertThat(replies(wrong)).isEmpty();
        assertThat(unknown.isOpen()).isEqualTo(wrong.isOpen()).isTrue();
        assertThat(unknown.config().isAutoRead()).isEqualTo(wrong.config().isAutoRead()).isTrue();
        assertThat(reports.published).isEmpty();
        assertThat(gateway.metrics().authFailures()).isEqualTo(2);
        assertThat(gateway.metrics().rejectedCount("auth_unknown_mn")).isEqualTo(1);
        assertThat(gateway.metrics().rejectedCount("auth_wrong_password")).isEqualTo(1);
        assertThat(hashings.get()).as("an unknown MN costs a hash too").isEqualTo(2);

        assertThat(deadLetters.published).hasSize(2);
        for (DeadLetter letter : deadLetters.published) {
            String raw = new String(letter.raw(), StandardCharsets.US_ASCII);
            assertThat(raw)
                    .contains("PW=******;")
                    .doesNotContain("s3cret")
                    .doesNotContain("654321");
            assertThat(letter.reason()).startsWith("device authentication failed");
            assertThat(letter.toString()).doesNotContain("s3cret").doesNotContain("654321");
        }
        assertThat(deadLetters.published.get(0).reason()).contains("not in the source registry");
        assertThat(deadLetters.published.get(1).reason()).contains("wrong password");
        close(unknown);
        close(wrong);
    }

    @Test
    void thePasswordIsHashedOncePerConnection() {
        EmbeddedChannel channel = connect();
        reports.ackAtOnce = true;

        send(
                channel,
                realtime("20160801085857001", "20160801085857", 1),
                realtime("20160801085857002", "20160801085858", 2),
                realtime("20160801085857003", "20160801085859", 3));

        assertThat(reports.published).hasSize(3);
        assertThat(replies(channel)).hasSize(3);
        assertThat(hashings.get()).isEqualTo(1);

        // A password change in the registry takes effect with the next frame.
        directory.register(MN, "new-password");
        send(channel, realtime("20160801085857004", "20160801085900", 4));
        assertThat(reports.published).hasSize(3);
        assertThat(hashings.get()).isEqualTo(2);
        close(channel);
    }

    @Test
    void aWrongPasswordOnAnAcceptedConnectionIsCheckedRejectedAndCounted() {
        reports.ackAtOnce = true;
        EmbeddedChannel channel = connect();
        send(channel, realtime("20160801085857001", "20160801085857", 1));
        assertThat(replies(channel)).hasSize(1);

        // WHEN the same connection sends a frame with another password
        send(
                channel,
                frame(
                        MN,
                        "654321",
                        "20160801085857002",
                        "2011",
                        5,
                        "DataTime=20160801085858;w01018-Rtd=2"));

        // THEN it is hashed, rejected without an answer, counted and dead-lettered
        assertThat(hashings.get()).isEqualTo(2);
        assertThat(replies(channel)).isEmpty();
        assertThat(reports.published).hasSize(1);
        assertThat(gateway.metrics().authFailures()).isEqualTo(1);
        assertThat(gateway.metrics().rejectedCount("auth_wrong_password")).isEqualTo(1);
        assertThat(deadLetters.published).hasSize(1);

        // and the right password is accepted again without another hash
        send(channel, realtime("20160801085857003", "20160801085859", 3));
        assertThat(replies(channel)).hasSize(1);
        assertThat(hashings.get()).isEqualTo(2);
        assertThat(gateway.metrics().passwordChecks()).isEqualTo(2);
        close(channel);
    }

    @Test
    void aReconnectingDeviceIsNotHashedAgainButAWrongPasswordIs() {
        reports.ackAtOnce = true;
        EmbeddedChannel first = connect();
        send(first, realtime("20160801085857001", "20160801085857", 1));
        assertThat(hashings.get()).isEqualTo(1);
        assertThat(replies(first)).hasSize(1);
        close(first);

        // GIVEN the device was accepted once, WHEN it reconnects, THEN no hash is computed again.
        EmbeddedChannel second = connect();
        send(second, realtime("20160801085857002", "20160801085858", 2));
        assertThat(replies(second)).hasSize(1);
        assertThat(hashings.get()).isEqualTo(1);
        assertThat(gateway.metrics().passwordChecks()).isEqualTo(1);

        // A guess on another connection still costs a hash and is rejected.
        EmbeddedChannel guess = connect();
        send(
                guess,
                frame(
                        MN,
                        "654321",
                        "20160801085857003",
                        "2011",
                        5,
                        "DataTime=20160801085859;w01018-Rtd=1"));
        assertThat(hashings.get()).isEqualTo(2);
        assertThat(gateway.metrics().rejectedCount("auth_wrong_password")).isEqualTo(1);

        // A password change in the registry ends the shared acceptance too.
        directory.register(MN, "new-password");
        EmbeddedChannel third = connect();
        send(third, realtime("20160801085857004", "20160801085900", 4));
        assertThat(hashings.get()).isEqualTo(3);
        assertThat(reports.published).hasSize(2);
        close(second);
        close(guess);
        close(third);
    }

    @Test
    void aRetiredSourcesDeviceIsRejected() {
        directory.register("old-plant", MN, PW, true);
        EmbeddedChannel channel = connect();

        send(channel, realtime("20160801085857001", "20160801085857", 1));

        assertThat(reports.published).isEmpty();
        assertThat(gateway.metrics().rejectedCount("auth_retired")).isEqualTo(1);
        close(channel);
    }

    @Test
    void framesWaitForTheRegistryAndKeepTheirOrder() {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        directory.readiness = ready;
        EmbeddedChannel channel = connect();

        send(
                channel,
                realtime("20160801085857001", "20160801085857", 1),
                realtime("20160801085857002", "20160801085858", 2));
        assertThat(reports.published).isEmpty();
        assertThat(channel.config().isAutoRead()).as("no reading while frames wait").isFalse();

        ready.complete(null);
        channel.runPendingTasks();

        assertThat(reports.published)
                .extracting(Report::qn)
                .containsExactly("20160801085857001", "20160801085857002");
        assertThat(channel.config().isAutoRead()).isTrue();
        reports.ackAll();
        assertThat(replies(channel)).hasSize(2);
        close(channel);
    }

    @Test
    void aDuplicateIsPublishedOnceAndAnsweredAfterTheOriginalsAck() {
        EmbeddedChannel channel = connect();
        EmbeddedChannel reconnected = connect();
        byte[] upload = realtime("20160801085857223", "20160801085857", 2.2);

        send(channel, upload, upload);
        send(reconnected, upload);

        assertThat(reports.published).hasSize(1);
        assertThat(gateway.metrics().duplicates()).isEqualTo(2);
        assertThat(replies(channel)).isEmpty();

        reports.ack(0);

        assertThat(replies(channel)).hasSize(2).allMatch(r -> r.contains("CN=9014"));
        assertThat(replies(reconnected)).hasSize(1);
        close(channel);
        close(reconnected);
    }

    @Test
    void withoutQnAnIdenticalResendIsADuplicateButNewValuesUnderTheSameDataTimeAreNot() {
        EmbeddedChannel channel = connect();
        reports.ackAtOnce = true;
        String head = "ST=31;CN=2011;PW=123456;MN=" + MN + ";CP=&&DataTime=20160801085500000;";
        byte[] first = Hj212Encoder.encode(head + "S08-Rtd=-0.105000,S08-Flag=N&&");
        byte[] changed = Hj212Encoder.encode(head + "S08-Rtd=-0.100000,S08-Flag=N&&");

        send(channel, first, first, changed);

        assertThat(reports.published).hasSize(2);
        assertThat(gateway.metrics().duplicates()).isEqualTo(1);
        assertThat(replies(channel)).as("Flag absent: no answer asked").isEmpty();
        close(channel);
    }

    @Test
    void splitPacketsArePublishedAsPartsAndOnceMerged() {
        EmbeddedChannel channel = connect();
        String time = "DataTime=20160801080000;";
        byte[] part1 =
                Hj212Encoder.encode(
                        "QN=20160801085857534;ST=32;CN=2061;PW=123456;MN="
                                + MN
                                + ";Flag=7;PNUM=2;PNO=1;CP=&&"
                                + time
                                + "w00000-Avg=17.5,w00000-Flag=N&&");
        byte[] part2 =
                Hj212Encoder.encode(
                        "QN=20160801085857535;ST=32;CN=2061;PW=123456;MN="
                                + MN
                                + ";Flag=7;PNUM=2;PNO=2;CP=&&"
                                + time
                                + "w01018-Avg=40.1,w01018-Flag=N&&");

        send(channel, part1);
        assertThat(reports.published).hasSize(1);
        reports.ack(0);
        assertThat(replies(channel)).hasSize(1).allMatch(r -> r.contains("QN=20160801085857534"));

        send(channel, part2);

        assertThat(reports.published).hasSize(3);
        Report second = reports.published.get(1);
        assertThat(second.packetCount()).isEqualTo(2);
        assertThat(second.packetNumber()).isEqualTo(2);
        Report merged = reports.published.get(2);
        assertThat(merged.packetNumber()).isNull();
        assertThat(merged.packetCount()).isNull();
        assertThat(merged.flag()).isEqualTo(7);
        assertThat(merged.qn()).isNull();
        assertThat(merged.pollutants())
                .extracting(p -> p.code())
                .containsExactly("w00000", "w01018");
        assertThat(merged.dataTime()).isEqualTo(Hj212Time.parse("20160801080000"));

        // The last part is answered once it and the merged report are both durable.
        reports.ack(1);
        assertThat(replies(channel)).isEmpty();
        reports.ack(2);
        assertThat(replies(channel)).hasSize(1).allMatch(r -> r.contains("QN=20160801085857535"));
        close(channel);
    }

    @Test
    void dataTimesFarFromTheReceiveTimeAreFlagged() {
        EmbeddedChannel channel = connect();
        String future = Hj212Time.formatSeconds(NOW.plus(Duration.ofHours(1)));
        String past = Hj212Time.formatSeconds(NOW.minus(Duration.ofDays(40)));

        send(
                channel,
                realtime("20160801085857001", future, 1),
                realtime("20160801085857002", past, 2));

        assertThat(reports.published.get(0).warnings()).containsExactly("datatime-in-future");
        assertThat(reports.published.get(1).warnings()).containsExactly("datatime-far-past");
        reports.ackAll();
        assertThat(replies(channel)).hasSize(2);
        close(channel);
    }

    @Test
    void heartbeatsAreNotPublished() {
        EmbeddedChannel channel = connect();

        send(channel, frame("20160801085857001", "8013", 4, "HeartbeatTime=120"));
        send(channel, frame("20160801085857002", "9015", 5, "DataTime=20160801085857"));

        assertThat(reports.published).isEmpty();
        assertThat(replies(channel))
                .as("answered at once only when asked (A=1)")
                .hasSize(1)
                .allMatch(r -> r.contains("QN=20160801085857002") && r.contains("CN=9014"));
        close(channel);
    }

    @Test
    void aTimeCalibrationRequestGets9013AndThenASetTime() {
        directory.register("LD130102000147", PW);
        EmbeddedChannel channel = connect();

        send(
                channel,
                "##0076ST=91;CN=1013;PW=123456;MN=LD130102000147;Flag=1;CP=&&QN=20160824001252000&&0F00\r\n"
                        .getBytes(StandardCharsets.US_ASCII));

        List<String> replies = replies(channel);
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0)).contains("CN=9013").contains("QN=20160824001252000");
        assertThat(replies.get(1))
                .contains("CN=1012")
                .contains("SystemTime=" + Hj212Time.formatSeconds(NOW));
        assertThat(reports.published).isEmpty();
        close(channel);
    }

    @Test
    void a2005AlarmEventIsPublishedAndAnsweredWith9013AfterTheAck() {
        directory.register("ZG130182201401", PW);
        EmbeddedChannel channel = connect();

        send(
                channel,
                "##0127QN=20160823235559979;ST=32;CN=2072;PW=123456;MN=ZG130182201401;Flag=1;CP=&&AlarmTime=20160823235559;B01-Ala=16.00,AlarmType=1&&5D80\r\n"
                        .getBytes(StandardCharsets.US_ASCII));

        assertThat(reports.published).hasSize(1);
        assertThat(reports.published.get(0).cn()).isEqualTo("2072");
        assertThat(replies(channel)).isEmpty();
        reports.ack(0);
        assertThat(replies(channel))
                .hasSize(1)
                .allMatch(r -> r.contains("CN=9013") && r.contains("QN=20160823235559979"));
        close(channel);
    }

    @Test
    void aCommandThatIsNoUploadIsDeadLettered() {
        EmbeddedChannel channel = connect();

        send(channel, frame("20160801085857001", "1011", 4, "SystemTime=20160801085857"));

        assertThat(reports.published).isEmpty();
        assertThat(deadLetters.published).hasSize(1);
        assertThat(deadLetters.published.get(0).reason()).contains("CN 1011");
        assertThat(deadLetters.published.get(0).field()).isEqualTo("CN");
        close(channel);
    }

    @Test
    void readingStopsWhileTooManySendsAreInFlight() {
        gateway(Hj212GatewayConfig.builder().maxInFlightPerConnection(2).build());
        EmbeddedChannel channel = connect();

        send(channel, realtime("20160801085857001", "20160801085857", 1));
        assertThat(channel.config().isAutoRead()).isTrue();
        send(channel, realtime("20160801085857002", "20160801085858", 2));
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(gateway.metrics().pausedReads()).isEqualTo(1);

        reports.ack(0);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();

        reports.ack(1);
        assertThat(replies(channel)).hasSize(2);
        close(channel);
    }

    @Test
    void readingStopsEverywhereWhileTooManyRecordsAreInFlightOverall() {
        gateway(Hj212GatewayConfig.builder().maxInFlightTotal(2).build());
        EmbeddedChannel busy = connect();
        EmbeddedChannel other = connect();

        send(
                busy,
                realtime("20160801085857001", "20160801085857", 1),
                realtime("20160801085857002", "20160801085858", 2),
                realtime("20160801085857003", "20160801085859", 3));
        assertThat(busy.config().isAutoRead()).isFalse();
        send(other, frame("20160801085857009", "8013", 4, "HeartbeatTime=120"));
        assertThat(other.config().isAutoRead()).isFalse();

        reports.ack(0);
        reports.ack(1);
        busy.runPendingTasks();
        other.runPendingTasks();

        assertThat(busy.config().isAutoRead()).isTrue();
        assertThat(other.config().isAutoRead()).isTrue();
        reports.ack(2);
        assertThat(replies(busy)).hasSize(3);
        close(busy);
        close(other);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() {
        gateway(Hj212GatewayConfig.builder().idleTimeout(Duration.ofMinutes(5)).build());
        EmbeddedChannel channel = connect();

        channel.advanceTimeBy(4, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        send(channel, frame("20160801085857009", "8013", 4, "HeartbeatTime=120"));
        channel.advanceTimeBy(4, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("a heartbeat keeps it alive").isTrue();

        channel.advanceTimeBy(2, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(gateway.metrics().snapshot()).containsEntry("idleClosed", 1L);
        close(channel);
    }

    @Test
    void connectionsBeyondThePerAddressCapAreRefused() {
        gateway(Hj212GatewayConfig.builder().maxConnectionsPerAddress(2).build());
        EmbeddedChannel first = connect();
        EmbeddedChannel second = connect();

        EmbeddedChannel third = connect();

        assertThat(third.isOpen()).isFalse();
        assertThat(gateway.metrics().connectionsRefused()).isEqualTo(1);
        assertThat(gateway.metrics().connectionsOpen()).isEqualTo(2);

        first.close();
        EmbeddedChannel fourth = connect();
        assertThat(fourth.isOpen()).isTrue();
        close(first);
        close(second);
        close(third);
        close(fourth);
        assertThat(gateway.metrics().connectionsOpen()).isZero();
    }

    @Test
    void garbageIsDeadLetteredInBoundedChunksAndCapped() {
        gateway(
                Hj212GatewayConfig.builder()
                        .deadLettersPerMinute(3)
                        .garbageChunkBytes(256)
                        .build());
        EmbeddedChannel channel = connect();
        reports.ackAtOnce = true;
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            garbage.append("AT+CSQ PW=secret").append(i).append("\r\n");
        }

        send(channel, garbage.toString().getBytes(StandardCharsets.US_ASCII));
        send(channel, realtime("20160801085857001", "20160801085857", 1));

        assertThat(deadLetters.published).hasSize(3);
        assertThat(deadLetters.published)
                .allSatisfy(
                        letter -> {
                            assertThat(letter.raw().length).isLessThanOrEqualTo(256);
                            assertThat(new String(letter.raw(), StandardCharsets.US_ASCII))
                                    .doesNotContain("secret");
                        });
        assertThat(gateway.metrics().deadLettersSuppressed()).isPositive();
        assertThat(gateway.metrics().rejectedCount("garbage")).isEqualTo(400);
        assertThat(reports.published).as("the device's frames still go through").hasSize(1);
        assertThat(replies(channel)).hasSize(1);
        close(channel);
    }

    @Test
    void repeatedFailedLoginsCloseTheConnection() {
        gateway(Hj212GatewayConfig.builder().maxFailedLoginsPerConnection(2).build());
        EmbeddedChannel channel = connect();
        String cp = "DataTime=20160801085857;w01018-Rtd=1";

        send(channel, frame(MN, "000001", "20160801085857001", "2011", 5, cp));
        assertThat(channel.isOpen()).isTrue();
        send(channel, frame(MN, "000002", "20160801085857002", "2011", 5, cp));

        assertThat(channel.isOpen()).isFalse();
        assertThat(deadLetters.published).hasSize(2);
        close(channel);
    }

    @Test
    void aFrameSplitAtEveryByteIsStillOneReport() {
        reports.ackAtOnce = true;
        byte[] upload = realtime("20160801085857223", "20160801085857", 2.2);
        for (int at = 1; at < upload.length; at++) {
            EmbeddedChannel channel = connect();
            send(channel, java.util.Arrays.copyOfRange(upload, 0, at));
            send(channel, java.util.Arrays.copyOfRange(upload, at, upload.length));
            assertThat(replies(channel)).as("split at %d", at).hasSize(1);
            close(channel);
        }
        assertThat(reports.published).as("resends on new connections are duplicates").hasSize(1);
    }
}
