package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ingest.hj212.Hj212Replies.QnRtn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hj212RepliesTest {

    private static final String MN_2017 = "010000A8900016F000169DC0";
    private static final Instant NOW =
            OffsetDateTime.parse("2016-08-01T08:58:57.223+08:00").toInstant();

    private final Hj212Parser parser = new Hj212Parser();

    private Hj212Message message(String dataSegment) {
        return parser.parse(dataSegment).message();
    }

    private Hj212Message example(int index) {
        String line = Hj212Fixtures.examples().get(index);
        return message(line.substring(6, line.length() - 4));
    }

    /** Decodes a reply with the gateway's own decoder and parser. */
    private Hj212Message decodeOwn(byte[] reply) {
        Hj212Frame frame =
                Hj212Fixtures.frameOf(
                        new String(reply, StandardCharsets.UTF_8).replace("\r\n", ""));
        assertThat(frame.raw()).isEqualTo(reply);
        assertThat(frame.anomalies()).isEmpty();
        Hj212ParseResult result = parser.parse(frame);
        assertThat(result.isParsed()).isTrue();
        return result.message();
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Test
    void dataAnswer9014Of2017EchoesTheQnAndIsTheStandardsExampleFrame() {
        Hj212Message hourly = example(2); // QN=20160801090000001

        byte[] reply = Hj212Replies.dataAnswer(hourly);

        assertThat(text(reply)).isEqualTo(Hj212Fixtures.examples().get(5) + "\r\n");
        Hj212Message decoded = decodeOwn(reply);
        assertThat(decoded.cn()).isEqualTo("9014");
        assertThat(decoded.qn()).isEqualTo("20160801090000001");
        assertThat(decoded.answerRequired()).isFalse();
        assertThat(decoded.warnings()).isEmpty();
    }

    @Test
    void dataAnswer9014Of2017ForTheRealTimeExample() {
        byte[] reply = Hj212Replies.dataAnswer(example(1));

        assertThat(text(reply))
                .isEqualTo(
                        Hj212Encoder.encodeText(
                                "QN=20160801085857223;ST=91;CN=9014;PW=123456;MN="
                                        + MN_2017
                                        + ";Flag=4;CP=&&&&"));
    }

    @Test
    void dataAnswer9014Of2005CarriesQnAndCnInCp() {
        byte[] reply = Hj212Replies.dataAnswer(example(6));

        assertThat(text(reply))
                .isEqualTo(
                        Hj212Encoder.encodeText(
                                "ST=91;CN=9014;PW=123456;MN=88888880000001;CP=&&QN=20040516010101001;CN=2051&&"));
        Hj212Message decoded = decodeOwn(reply);
        assertThat(decoded.protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(decoded.field("QN")).isEqualTo("20040516010101001");
        assertThat(decoded.field("CN")).isEqualTo("2051");
    }

    @Test
    void dataAnswer9014Of2025CarriesThe2025VersionBits() {
        Hj212Message upload =
                message(
                        "QN=20260101000000001;ST=32;CN=2011;PW=123456;MN="
                                + MN_2017
                                + ";Flag=9;CP=&&DataTime=20260101000000&&");

        Hj212Message decoded = decodeOwn(Hj212Replies.dataAnswer(upload));

        assertThat(decoded.flag()).isEqualTo(8);
        assertThat(decoded.protocol()).isEqualTo(Hj212Version.HJ212_2025);
    }

    @Test
    void notificationAnswer9013Of2005ForAnAlarmEchoesItsQn() {
        byte[] reply = Hj212Replies.notificationAnswer(example(9));

        assertThat(text(reply))
                .isEqualTo(
                        Hj212Encoder.encodeText(
                                "ST=91;CN=9013;PW=123456;MN=ZG130182201401;CP=&&QN=20160823235559979&&"));
        decodeOwn(reply);
    }

    @Test
    void notificationAnswer9013Of2005TakesTheQnFromCpWhenTheHeaderHasNone() {
        Hj212Message request =
                message(
                        "ST=91;CN=1013;PW=123456;MN=LD130102000147;Flag=1;CP=&&QN=20160824001252000&&");

        assertThat(text(Hj212Replies.notificationAnswer(request)))
                .isEqualTo(
                        Hj212Encoder.encodeText(
                                "ST=91;CN=9013;PW=123456;MN=LD130102000147;CP=&&QN=20160824001252000&&"));
    }

    @Test
    void notificationAnswer9013Of2017() {
        Hj212Message request =
                message(
                        "QN=20160801085857223;ST=32;CN=1013;PW=123456;MN="
                                + MN_2017
                                + ";Flag=5;CP=&&&&");

        byte[] reply = Hj212Replies.notificationAnswer(request);

        assertThat(text(reply))
                .isEqualTo(
                        Hj212Encoder.encodeText(
                                "QN=20160801085857223;ST=91;CN=9013;PW=123456;MN="
                                        + MN_2017
                                        + ";Flag=4;CP=&&&&"));
        assertThat(decodeOwn(reply).cn()).isEqualTo("9013");
    }

    @Test
    void requestAnswer9011Of2005IsByteForByteWhatRealDevicesSend() {
        Hj212Message request =
                message(
                        "QN=20160824000504006;ST=32;CN=1012;PW=123456;MN=LD130107000188;CP=&&SystemTime=20160824000504&&");

        byte[] reply = Hj212Replies.requestAnswer(request, QnRtn.READY);

        assertThat(text(reply))
                .isEqualTo(
                        "##0084ST=91;CN=9011;PW=123456;MN=LD130107000188;Flag=0;CP=&&QN=20160824000504006;QnRtn=1&&5780\r\n");
    }

    @Test
    void requestAnswer9011Of2017CarriesQnRtn() {
        Hj212Message request =
                message(
                        "QN=20160801085857223;ST=32;CN=1011;PW=123456;MN="
                                + MN_2017
                                + ";Flag=5;CP=&&&&");

        Hj212Message decoded = decodeOwn(Hj212Replies.requestAnswer(request, QnRtn.PASSWORD_ERROR));

        assertThat(decoded.qn()).isEqualTo("20160801085857223");
        assertThat(decoded.cn()).isEqualTo("9011");
        assertThat(decoded.flag()).isEqualTo(4);
        assertThat(decoded.field("QnRtn")).isEqualTo("3");
    }

    @Test
    void setTime1012AnswersATimeCalibrationRequestWithTheTimeInCst() {
        Hj212Message request =
                message(
                        "QN=20160801085800000;ST=32;CN=1013;PW=123456;MN="
                                + MN_2017
                                + ";Flag=5;CP=&&PolId=w01018&&");

        byte[] command = Hj212Replies.setTime(request, NOW);

        assertThat(text(command))
                .isEqualTo(
                        Hj212Encoder.encodeText(
                                "QN=20160801085857223;ST=32;CN=1012;PW=123456;MN="
                                        + MN_2017
                                        + ";Flag=5;CP=&&PolId=w01018;SystemTime=20160801085857&&"));
        Hj212Message decoded = decodeOwn(command);
        assertThat(decoded.answerRequired()).isTrue();
        assertThat(Hj212Time.parse(decoded.field("SystemTime"))).isEqualTo(NOW.minusMillis(223));
    }

    @Test
    void setTime1012Of2005() {
        Hj212Message request =
                message(
                        "ST=91;CN=1013;PW=123456;MN=LD130102000147;Flag=1;CP=&&QN=20160824001252000&&");

        byte[] command = Hj212Replies.setTime(request, NOW);

        assertThat(text(command))
                .isEqualTo(
                        Hj212Encoder.encodeText(
                                "QN=20160801085857223;ST=91;CN=1012;PW=123456;MN=LD130102000147;Flag=1;CP=&&SystemTime=20160801085857&&"));
        assertThat(decodeOwn(command).protocol()).isEqualTo(Hj212Version.HJ212_2005);
    }

    @Test
    void everyReplyDecodesWithTheGatewaysOwnDecoder() {
        for (String line : Hj212Fixtures.examples()) {
            Hj212Message m = message(line.substring(6, line.length() - 4));
            for (byte[] reply :
                    List.of(
                            Hj212Replies.dataAnswer(m),
                            Hj212Replies.notificationAnswer(m),
                            Hj212Replies.requestAnswer(m, QnRtn.UNKNOWN),
                            Hj212Replies.setTime(m, NOW))) {
                assertThat(decodeOwn(reply).mn()).isEqualTo(m.mn());
            }
        }
    }

    @Test
    void encoderCountsUtf8BytesAndRejectsWhatA4DigitLengthCannotHold() {
        assertThat(Hj212Encoder.encodeText("CP=&&i12001-Info=排口&&")).startsWith("##0025");
        assertThatThrownBy(() -> Hj212Encoder.encode("x".repeat(10_000)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
