package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212FrameDecoder;
import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212Parser;
import dev.vigil.ingest.hj212.Hj212Replies;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's short way through the gateway's 9014 answers, checked against the parser. */
class DeviceHandlerTest {

    private static final Instant SAMPLED = Instant.parse("2026-11-22T00:15:30Z");
    private static final String QN = "20261122081531123";

    private final Hj212Parser parser = new Hj212Parser();

    private static Hj212Frame frameOf(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        Hj212Frame frame = channel.readInbound();
        assertFalse(channel.finish());
        return frame;
    }

    /** What the gateway answers to an upload of {@code device} under {@link #QN}. */
    private Hj212Frame answerTo(DeviceSpec device) {
        Upload upload =
                new Upload(Upload.REALTIME, SAMPLED, "DataTime=20261122081530;w01018-Rtd=1.00");
        Hj212Message sent =
                parser.parse(frameOf(new FrameWriter(device).frame(upload, QN))).message();
        return frameOf(Hj212Replies.dataAnswer(sent));
    }

    @Test
    void aDataAnswerGivesTheQnThatTheParserReads() {
        DeviceSpec device = Devices.water2017();
        Hj212Frame answer = answerTo(device);

        assertThat(DeviceHandler.answeredQn(answer, device.mn())).isEqualTo(QN);
        Hj212Message parsed = parser.parse(answer).message();
        assertThat(parsed.cn()).isEqualTo("9014");
        assertThat(parsed.qn()).isEqualTo(QN);
    }

    @Test
    void anAnswerToAnotherMnIsRecognisedAsNotOurs() {
        Hj212Frame answer = answerTo(Devices.water2017());

        assertThat(DeviceHandler.answeredQn(answer, "010000A8900016F000169DC1")).isEmpty();
        assertThat(DeviceHandler.answeredQn(answer, "010000A8900016F000169DC")).isEmpty();
    }

    @Test
    void whatIsNoHeaderQnAnswerGoesToTheParser() {
        // 2005 answers carry the QN in CP, not in the header.
        DeviceSpec old = Devices.water2005();
        assertThat(DeviceHandler.answeredQn(answerTo(old), old.mn())).isNull();

        DeviceSpec device = Devices.water2017();
        Hj212Message upload =
                parser.parse(
                                frameOf(
                                        new FrameWriter(device)
                                                .frame(
                                                        new Upload(
                                                                Upload.REALTIME,
                                                                SAMPLED,
                                                                "DataTime=20261122081530"),
                                                        QN)))
                        .message();
        for (byte[] other :
                List.of(
                        Hj212Replies.notificationAnswer(upload),
                        Hj212Replies.setTime(upload, SAMPLED))) {
            assertThat(DeviceHandler.answeredQn(frameOf(other), device.mn())).isNull();
        }
    }
}
