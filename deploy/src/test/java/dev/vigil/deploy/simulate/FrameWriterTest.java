package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.ingest.hj212.DecodeFailure;
import dev.vigil.ingest.hj212.Hj212Crc;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212FrameDecoder;
import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212ParseResult;
import dev.vigil.ingest.hj212.Hj212Parser;
import dev.vigil.ingest.hj212.Hj212Replies;
import dev.vigil.ingest.hj212.Hj212Time;
import dev.vigil.ingest.hj212.Hj212Version;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Frames the simulator writes decode with the gateway's own decoder and parser, field by field. */
class FrameWriterTest {

    private static final Instant SAMPLED =
            OffsetDateTime.parse("2026-11-22T08:15:30+08:00").toInstant();
    private static final String QN = "20261122081531123";

    private final Hj212Parser parser = new Hj212Parser();

    /** Sends bytes through the gateway's frame decoder and returns what it emitted. */
    private static List<Object> decode(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<Object> out = new ArrayList<>();
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            out.add(msg);
        }
        assertFalse(channel.finish());
        return out;
    }

    private Hj212Message decodeOne(byte[] frame) {
        List<Object> out = decode(frame);
        assertThat(out).hasSize(1).first().isInstanceOf(Hj212Frame.class);
        Hj212Frame decoded = (Hj212Frame) out.get(0);
        assertThat(decoded.anomalies()).isEmpty();
        assertThat(decoded.raw()).isEqualTo(frame);
        Hj212ParseResult result = parser.parse(decoded);
        assertThat(result.isParsed()).isTrue();
        assertThat(result.message().warnings()).isEmpty();
        return result.message();
    }

    private static Upload realtime(DeviceSpec device) {
        List<Upload> uploads = new ArrayList<>();
        new DataLogger(
                        device,
                        new PollutantSignals(device.pollutants(), List.of(), SAMPLED, 1),
                        SAMPLED,
                        0)
                .advanceTo(SAMPLED, uploads::add);
        return uploads.get(0);
    }

    @Test
    void a2017RealtimeUploadDecodesWithEveryHeaderFieldRight() {
        DeviceSpec device = Devices.water2017();
        Upload upload = realtime(device);

        byte[] frame = new FrameWriter(device).frame(upload, QN);

        Hj212Message message = decodeOne(frame);
        assertThat(message.protocol()).isEqualTo(Hj212Version.HJ212_2017);
        assertThat(message.qn()).isEqualTo(QN);
        assertThat(message.st()).isEqualTo("32");
        assertThat(message.cn()).isEqualTo("2011");
        assertThat(message.pw()).isEqualTo("123456");
        assertThat(message.mn()).isEqualTo(Devices.MN_2017);
        assertThat(message.flag()).isEqualTo(5);
        assertThat(message.answerRequired()).isTrue();
        assertThat(message.splitPacket()).isFalse();
        assertThat(message.dataTime()).isEqualTo(SAMPLED);
        assertThat(message.field("DataTime")).isEqualTo("20261122081530");
        assertThat(message.pollutants()).containsOnlyKeys("w00000", "w01018", "w01001");
        assertThat(message.pollutant("w01018").number("Rtd")).isBetween(0.0, 100.0);
        assertThat(message.pollutant("w01018").text("Flag")).isEqualTo("N");
        assertThat(message.pollutant("w01001").text("Rtd")).matches("\\d+\\.\\d{2}");
    }

    @Test
    void theCrcIsTheStandardsChecksumOfTheDataSegmentAndTheLengthItsByteCount() {
        DeviceSpec device = Devices.water2017();
        FrameWriter writer = new FrameWriter(device);
        Upload upload = realtime(device);
        String segment = writer.dataSegment(upload, QN);

        String frame = new String(writer.frame(upload, QN), StandardCharsets.US_ASCII);

        byte[] data = segment.getBytes(StandardCharsets.UTF_8);
        assertThat(frame)
                .isEqualTo(
                        "##"
                                + String.format("%04d", data.length)
                                + segment
                                + Hj212Crc.format(Hj212Crc.compute(data))
                                + "\r\n");
        assertThat(segment)
                .startsWith(
                        "QN="
                                + QN
                                + ";ST=32;CN=2011;PW=123456;MN="
                                + Devices.MN_2017
                                + ";Flag=5;CP=&&DataTime=20261122081530;w00000-Rtd=")
                .endsWith("&&");
    }

    @Test
    void a2005LoggerSendsFlag1SoTheParserSees2005AndAnswersAreRequired() {
        DeviceSpec device = Devices.water2005();

        Hj212Message message = decodeOne(new FrameWriter(device).frame(realtime(device), QN));

        assertThat(message.protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(message.flag()).isEqualTo(1);
        assertThat(message.answerRequired()).isTrue();
        assertThat(message.mn()).isEqualTo(Devices.MN_2005);
        assertThat(message.pollutants()).containsOnlyKeys("B01", "011");
        assertThat(message.pollutant("011").text("Rtd")).matches("\\d+\\.\\d");
        // The gateway's 2005 answer carries the QN inside CP, where the logger looks for it.
        Hj212Message answer = decodeOne(Hj212Replies.dataAnswer(message));
        assertThat(answer.qn()).isNull();
        assertThat(answer.field("QN")).isEqualTo(QN);
    }

    @Test
    void minuteAndHourlyUploadsCarryTheIntervalStartAsDataTime() {
        DeviceSpec device = Devices.water2017();
        List<Upload> uploads = new ArrayList<>();
        DataLogger logger =
                new DataLogger(
                        device,
                        new PollutantSignals(device.pollutants(), List.of(), SAMPLED, 1),
                        SAMPLED,
                        0);
        logger.advanceTo(SAMPLED.plusSeconds(3_600), uploads::add);
        FrameWriter writer = new FrameWriter(device);

        Upload hourly = uploads.stream().filter(u -> u.cn().equals("2061")).findFirst().get();
        Hj212Message message = decodeOne(writer.frame(hourly, QN));

        assertThat(message.cn()).isEqualTo("2061");
        assertThat(message.field("DataTime")).isEqualTo("20261122080000");
        assertThat(message.pollutant("w00000").text("Cou")).isNotNull();
        assertThat(message.pollutant("w01018").values())
                .containsKeys("Min", "Avg", "Max", "Flag")
                .doesNotContainKey("Cou");
    }

    @Test
    void aBadCrcFrameIsRejectedByTheDecoderForItsCrcAlone() {
        DeviceSpec device = Devices.water2017();

        List<Object> out = decode(new FrameWriter(device).badCrcFrame(realtime(device), QN));

        assertThat(out).hasSize(1).first().isInstanceOf(DecodeFailure.class);
        assertThat(((DecodeFailure) out.get(0)).reason())
                .isEqualTo(DecodeFailure.Reason.CRC_MISMATCH);
    }

    @Test
    void garbageIsOneRunOfBytesOutsideAnyFrame() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = FrameWriter.garbage(random);
            List<Object> out = decode(garbage);
            assertThat(out).hasSize(1).first().isInstanceOf(DecodeFailure.class);
            assertThat(((DecodeFailure) out.get(0)).reason())
                    .isEqualTo(DecodeFailure.Reason.GARBAGE);
        }
    }

    @Test
    void answersToASetTimeCommandDecodeAndEchoItsQn() {
        DeviceSpec device = Devices.water2017();
        FrameWriter writer = new FrameWriter(device);
        Hj212Message upload = decodeOne(writer.frame(realtime(device), QN));
        Hj212Message setTime =
                decodeOne(Hj212Replies.setTime(upload, Instant.parse("2026-11-22T00:20:00Z")));

        Hj212Message ready = decodeOne(writer.requestAnswer(setTime, Hj212Replies.QnRtn.READY));
        Hj212Message done = decodeOne(writer.executionDone(setTime));

        assertThat(ready.cn()).isEqualTo("9011");
        assertThat(ready.qn()).isEqualTo(setTime.qn());
        assertThat(ready.field("QnRtn")).isEqualTo("1");
        assertThat(done.cn()).isEqualTo("9012");
        assertThat(done.qn()).isEqualTo(setTime.qn());
        assertThat(done.field("ExeRtn")).isEqualTo("1");
        assertThat(done.answerRequired()).isFalse();
        assertThat(Hj212Time.parse(setTime.field("SystemTime")))
                .isEqualTo(Instant.parse("2026-11-22T00:20:00Z"));
    }

    @Test
    void theLongestUploadOfTheDistrictsLoggersFitsTheStandardsLimit() {
        int longest =
                ScenarioReader.read(Scenarios.district()).devices().stream()
                        .mapToInt(FrameWriter::longestDataSegment)
                        .max()
                        .orElseThrow();

        assertThat(longest).isLessThanOrEqualTo(FrameWriter.MAX_DATA_LENGTH);
    }
}
