package dev.vigil.ingest.hj212;

import static dev.vigil.ingest.hj212.Hj212Fixtures.concat;
import static dev.vigil.ingest.hj212.Hj212Fixtures.decode;
import static dev.vigil.ingest.hj212.Hj212Fixtures.decodeAndClose;
import static dev.vigil.ingest.hj212.Hj212Fixtures.decodeSplit;
import static dev.vigil.ingest.hj212.Hj212Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.ingest.hj212.DecodeFailure.Reason;
import dev.vigil.ingest.hj212.Hj212Frame.Anomaly;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hj212FrameDecoderTest {

    private static final String GOOD =
            "##0073ST=32;CN=8013;PW=123456;MN=ZG130182201205;Flag=0;CP=&&HeartbeatTime=120&&0500";

    private static Hj212Frame onlyFrame(List<Object> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(Hj212Frame.class);
        return (Hj212Frame) out.get(0);
    }

    private static DecodeFailure onlyFailure(List<Object> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(DecodeFailure.class);
        return (DecodeFailure) out.get(0);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A frame with a length field and CRC computed for the given data segment. */
    private static String frame(String data) {
        return Hj212Encoder.encodeText(data).replace("\r\n", "");
    }

    @Test
    void decodesEveryExampleFrame() {
        for (String line : Hj212Fixtures.examples()) {
            Hj212Frame frame = onlyFrame(decode(wire(line)));

            assertThat(frame.raw()).isEqualTo(wire(line));
            assertThat(frame.dataLength()).isEqualTo(Integer.parseInt(line.substring(2, 6)));
            assertThat(frame.dataSegment()).isEqualTo(line.substring(6, line.length() - 4));
            assertThat(Hj212Crc.format(frame.crc())).isEqualTo(line.substring(line.length() - 4));
            assertThat(frame.offset()).isZero();
            assertThat(frame.anomalies()).isEmpty();
        }
    }

    @Test
    void everyExampleFrameSplitAtEveryByteGivesTheSameFrame() {
        for (String line : Hj212Fixtures.examples()) {
            byte[] bytes = wire(line);
            List<Object> whole = decode(bytes);
            for (int at = 0; at <= bytes.length; at++) {
                assertThat(decodeSplit(bytes, at)).as("%s split at %d", line, at).isEqualTo(whole);
            }
        }
    }

    @Test
    void theRejectedExampleIsACrcMismatchAtEveryByteBoundary() {
        byte[] bytes = wire(Hj212Fixtures.rejectedExample());
        for (int at = 0; at <= bytes.length; at++) {
            DecodeFailure failure = onlyFailure(decodeSplit(bytes, at));

            assertThat(failure.reason()).isEqualTo(Reason.CRC_MISMATCH);
            assertThat(failure.detail())
                    .isEqualTo("CRC mismatch: frame says 1100, data segment gives 2D00");
            assertThat(failure.raw()).isEqualTo(bytes);
        }
    }

    @Test
    void decodesAllExampleFramesConcatenatedInOneBuffer() {
        List<String> lines = Hj212Fixtures.examples();
        byte[] all = concat(lines.stream().map(Hj212Fixtures::wire).toArray(byte[][]::new));

        List<Object> out = decode(all);

        assertThat(out).hasSize(lines.size()).allMatch(Hj212Frame.class::isInstance);
        long offset = 0;
        for (int i = 0; i < lines.size(); i++) {
            Hj212Frame frame = (Hj212Frame) out.get(i);
            assertThat(frame.raw()).isEqualTo(wire(lines.get(i)));
            assertThat(frame.offset()).isEqualTo(offset);
            offset += frame.raw().length;
        }
    }

    @Test
    void concatenatedGoodAndBadFramesGiveTheSameOutputHoweverTheStreamIsSplit() {
        byte[] all =
                concat(
                        "junk".getBytes(StandardCharsets.US_ASCII),
                        wire(Hj212Fixtures.examples().get(0)),
                        wire(Hj212Fixtures.rejectedExample()),
                        wire(GOOD.replace("##0073", "##0074")),
                        "\r\n".getBytes(StandardCharsets.US_ASCII),
                        wire(Hj212Fixtures.examples().get(7)));
        List<Object> whole = decode(all);

        assertThat(whole)
                .extracting(Hj212FrameDecoderTest::kind)
                .containsExactly("GARBAGE", "frame", "CRC_MISMATCH", "LENGTH_MISMATCH", "frame");
        for (int at = 0; at <= all.length; at++) {
            assertThat(decodeSplit(all, at)).as("split at %d", at).isEqualTo(whole);
        }
        List<byte[]> bytewise = new ArrayList<>();
        for (byte b : all) {
            bytewise.add(new byte[] {b});
        }
        assertThat(decode(new Hj212FrameDecoder(), bytewise)).isEqualTo(whole);
    }

    private static String kind(Object decoded) {
        return decoded instanceof DecodeFailure failure ? failure.reason().name() : "frame";
    }

    @Test
    void badCrcIsAFailureAndTheNextFrameStillDecodes() {
        String bad = GOOD.substring(0, GOOD.length() - 4) + "0501";

        List<Object> out = decode(wire(bad), wire(GOOD));

        assertThat(out).hasSize(2);
        DecodeFailure failure = (DecodeFailure) out.get(0);
        assertThat(failure.reason()).isEqualTo(Reason.CRC_MISMATCH);
        assertThat(failure.detail())
                .isEqualTo("CRC mismatch: frame says 0501, data segment gives 0500");
        assertThat(failure.raw()).isEqualTo(wire(bad));
        assertThat(((Hj212Frame) out.get(1)).offset()).isEqualTo(wire(bad).length);
    }

    @Test
    void crcFieldThatIsNotHexIsReported() {
        String bad = GOOD.substring(0, GOOD.length() - 4) + "05G0";

        DecodeFailure failure = onlyFailure(decode(wire(bad)));

        assertThat(failure.reason()).isEqualTo(Reason.BAD_CRC_FIELD);
        assertThat(failure.detail()).contains("'05G0'");
    }

    @Test
    void lengthFieldThatIsNotDigitsIsReportedUpToTheEndOfTheLine() {
        String bad = "##00x3" + GOOD.substring(6);

        List<Object> out = decode(wire(bad), wire(GOOD));

        assertThat(out).hasSize(2);
        DecodeFailure failure = (DecodeFailure) out.get(0);
        assertThat(failure.reason()).isEqualTo(Reason.BAD_LENGTH);
        assertThat(failure.detail()).isEqualTo("length field '00x3' is not 4 decimal digits");
        assertThat(failure.raw()).isEqualTo(wire(bad));
        assertThat(out.get(1)).isInstanceOf(Hj212Frame.class);
    }

    @Test
    void lengthLongerThanTheDataIsAMismatchReportedWithoutWaitingForTheMissingBytes() {
        String bad = "##0080" + GOOD.substring(6);
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());

        channel.writeInbound(Unpooled.wrappedBuffer(wire(bad)));
        DecodeFailure failure = channel.readInbound();

        assertThat(failure.reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(failure.detail())
                .isEqualTo(
                        "length mismatch: header says 80 data bytes, the frame has 73 in front of its CRC");
        assertFalse(channel.finish());
    }

    @Test
    void lengthShorterThanTheDataIsAMismatch() {
        String bad = "##0070" + GOOD.substring(6);

        DecodeFailure failure = onlyFailure(decode(wire(bad)));

        assertThat(failure.reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(failure.detail())
                .startsWith("length mismatch: header says 70 data bytes, the frame has 73");
    }

    @Test
    void lengthAboveTheMaximumIsRejectedAsSoonAsTheHeaderArrives() {
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        ByteBuf header = Unpooled.copiedBuffer("##1025", StandardCharsets.US_ASCII);

        channel.writeInbound(header);
        DecodeFailure failure = channel.readInbound();

        assertThat(failure.reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(failure.detail())
                .isEqualTo("frame too long: header says 1025 data bytes, the maximum is 1024");
        assertThat(failure.raw()).isEqualTo("##1025".getBytes(StandardCharsets.US_ASCII));
        assertThat(header.refCnt()).as("nothing of the frame is buffered").isZero();

        // The rest of the oversized frame is dropped; the next frame decodes.
        channel.writeInbound(
                Unpooled.wrappedBuffer(
                        ("x".repeat(1025) + "ABCD\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(wire(GOOD)));
        Hj212Frame frame = channel.readInbound();
        assertThat(frame.offset()).isEqualTo(6 + 1025 + 6);
        assertFalse(channel.finish());
    }

    @Test
    void maximumLengthMustFitTheFourDigitLengthField() {
        assertThatThrownBy(() -> new Hj212FrameDecoder(10_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDataLength");
        assertThat(new Hj212FrameDecoder().maxDataLength()).isEqualTo(1024);
    }

    @Test
    void maximumLengthIsConfigurable() {
        Hj212FrameDecoder small = new Hj212FrameDecoder(72);

        DecodeFailure failure = onlyFailure(decode(small, List.of(wire(GOOD))));

        assertThat(failure.reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(onlyFrame(decode(new Hj212FrameDecoder(73), List.of(wire(GOOD)))).dataLength())
                .isEqualTo(73);
    }

    @Test
    void dataWithoutAnyLineEndIsCutAtTheMaximumFrameLength() {
        byte[] endless = ("##0010" + "x".repeat(2000)).getBytes(StandardCharsets.US_ASCII);

        List<Object> out = decode(endless, wire(GOOD));

        assertThat(out)
                .extracting(Hj212FrameDecoderTest::kind)
                .containsExactly("TOO_LONG", "frame");
        assertThat(((DecodeFailure) out.get(0)).detail())
                .isEqualTo("frame too long: no CRLF within 1036 bytes");
    }

    @Test
    void truncatedFrameIsReportedAndTheGoodFrameAfterItStillDecodes() {
        String truncated = Hj212Fixtures.examples().get(1).substring(0, 120);

        List<Object> out = decode(truncated.getBytes(StandardCharsets.US_ASCII), wire(GOOD));

        assertThat(out).hasSize(2);
        DecodeFailure failure = (DecodeFailure) out.get(0);
        assertThat(failure.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(failure.detail())
                .isEqualTo(
                        "frame truncated: header says 218 data bytes and a 4-digit CRC, only 114 bytes came before the next '##'");
        assertThat(ascii(failure.raw())).isEqualTo(truncated);
        assertThat(((Hj212Frame) out.get(1)).raw()).isEqualTo(wire(GOOD));
    }

    @Test
    void truncatedFrameWhoseLengthReachesExactlyTheEndOfTheNextFrameDoesNotSwallowIt() {
        // The cut frame claims exactly as many bytes as the next frame fills: only the "##" inside
        // tells them apart (the 8-bit CRC alone would let 1 in 256 such merges through).
        String cut = "##" + String.format("%04d", GOOD.length()) + "ST=3";

        List<Object> out = decode((cut + GOOD + "\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(out)
                .extracting(Hj212FrameDecoderTest::kind)
                .containsExactly("TRUNCATED", "frame");
    }

    @Test
    void truncatedFrameAtTheEndOfTheStreamIsReportedWhenTheConnectionCloses() {
        String truncated = GOOD.substring(0, 40);

        Hj212Fixtures.Decoded decoded =
                decodeAndClose(
                        new Hj212FrameDecoder(),
                        List.of(truncated.getBytes(StandardCharsets.US_ASCII)));

        assertThat(decoded.whileOpen()).isEmpty();
        DecodeFailure failure = onlyFailure(decoded.atClose());
        assertThat(failure.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(failure.detail()).endsWith("before the end of the stream");
    }

    @Test
    void nulBytesInsideFieldsAreJustData() {
        String data =
                "ST=\0\0;CN=2051;PW=123456;MN=LD130133000017;CP=&&DataTime=20160824001000000;B01-Cou=161.47&&";

        Hj212Frame frame = onlyFrame(decode(Hj212Encoder.encode(data)));

        assertThat(frame.dataSegment()).isEqualTo(data);
        assertThat(frame.anomalies()).isEmpty();
    }

    @Test
    void garbageBeforeAndBetweenFramesIsReportedAndSkipped() {
        byte[] stream =
                concat(
                        "AT+CIPSEND\r\n".getBytes(StandardCharsets.US_ASCII),
                        wire(GOOD),
                        "\0\0\0".getBytes(StandardCharsets.US_ASCII),
                        wire(GOOD),
                        "2BC0\r\n".getBytes(StandardCharsets.US_ASCII),
                        wire(GOOD));

        List<Object> out = decode(stream);

        assertThat(out)
                .extracting(Hj212FrameDecoderTest::kind)
                .containsExactly("GARBAGE", "frame", "GARBAGE", "frame", "GARBAGE", "frame");
        DecodeFailure first = (DecodeFailure) out.get(0);
        assertThat(ascii(first.raw())).isEqualTo("AT+CIPSEND\r\n");
        assertThat(first.detail()).isEqualTo("12 bytes outside any frame (up to a line feed)");
        assertThat(first.offset()).isZero();
        DecodeFailure nuls = (DecodeFailure) out.get(2);
        assertThat(nuls.raw()).containsExactly(0, 0, 0);
        assertThat(nuls.detail()).isEqualTo("3 bytes outside any frame before the next frame");
        assertThat(ascii(((DecodeFailure) out.get(4)).raw())).isEqualTo("2BC0\r\n");
    }

    @Test
    void blankLinesBetweenFramesAreSkippedSilently() {
        List<Object> out =
                decode(
                        concat(
                                "\r\n\n".getBytes(StandardCharsets.US_ASCII),
                                wire(GOOD),
                                "\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                                wire(GOOD)));

        assertThat(out).extracting(Hj212FrameDecoderTest::kind).containsExactly("frame", "frame");
    }

    @Test
    void strayHashBeforeAFrameIsGarbageAndTheFrameDecodes() {
        List<Object> out = decode(("#" + GOOD + "\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(out).extracting(Hj212FrameDecoderTest::kind).containsExactly("GARBAGE", "frame");
        assertThat(((DecodeFailure) out.get(0)).raw()).containsExactly('#');
    }

    @Test
    void longGarbageWithoutLineFeedsIsReportedInChunksOfTheMaximumFrameLength() {
        List<Object> out =
                decode(concat("z".repeat(2500).getBytes(StandardCharsets.US_ASCII), wire(GOOD)));

        assertThat(out)
                .extracting(Hj212FrameDecoderTest::kind)
                .containsExactly("GARBAGE", "GARBAGE", "GARBAGE", "frame");
        assertThat(out.subList(0, 3))
                .extracting(o -> ((DecodeFailure) o).raw().length)
                .containsExactly(1036, 1036, 428);
    }

    @Test
    void lowerCaseHexCrcIsAccepted() {
        String data =
                "QN=20160801090000001;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&";
        String lower = frame(data).toLowerCase().substring(0, 6) + data + "ff01";

        Hj212Frame frame = onlyFrame(decode(wire(lower)));

        assertThat(frame.crc()).isEqualTo(0xFF01);
        assertThat(frame.anomalies()).isEmpty();
    }

    @Test
    void frameEndingWithLfOnlyIsAcceptedAndFlagged() {
        List<Object> out = decode((GOOD + "\n" + GOOD + "\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(out)
                .hasSize(2)
                .allSatisfy(
                        o ->
                                assertThat(((Hj212Frame) o).anomalies())
                                        .containsExactly(Anomaly.TRAILER_LF_ONLY));
    }

    @Test
    void frameEndingWithCrOnlyIsAcceptedAndFlagged() {
        List<Object> out =
                decode((GOOD + "\r" + GOOD + "\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(((Hj212Frame) out.get(0)).anomalies()).containsExactly(Anomaly.TRAILER_CR_ONLY);
        assertThat(((Hj212Frame) out.get(1)).anomalies()).isEmpty();
    }

    @Test
    void frameWithoutTrailerIsAcceptedWhenTheNextFrameFollows() {
        List<Object> out = decode((GOOD + GOOD + "\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(out).hasSize(2);
        assertThat(((Hj212Frame) out.get(0)).anomalies()).containsExactly(Anomaly.TRAILER_MISSING);
        assertThat(((Hj212Frame) out.get(1)).offset()).isEqualTo(GOOD.length());
    }

    @Test
    void frameWithoutTrailerAtTheEndOfTheStreamIsAcceptedWhenTheConnectionCloses() {
        Hj212Fixtures.Decoded decoded =
                decodeAndClose(
                        new Hj212FrameDecoder(), List.of(GOOD.getBytes(StandardCharsets.US_ASCII)));

        assertThat(decoded.whileOpen()).isEmpty();
        assertThat(onlyFrame(decoded.atClose()).anomalies())
                .containsExactly(Anomaly.TRAILER_MISSING);
    }

    @Test
    void chineseTextWithTheLengthInBytesIsClean() {
        String data =
                "QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857;i12001-Info=排口一&&";

        Hj212Frame frame = onlyFrame(decode(Hj212Encoder.encode(data)));

        assertThat(frame.dataSegment()).isEqualTo(data);
        assertThat(frame.anomalies()).isEmpty();
    }

    @Test
    void chineseTextWithTheLengthInCharactersIsAcceptedAndFlagged() {
        String data =
                "QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857;i12001-Info=排口一&&";
        String characterCount = String.format("%04d", data.length());
        byte[] bytes = Hj212Encoder.encode(data);
        System.arraycopy(characterCount.getBytes(StandardCharsets.US_ASCII), 0, bytes, 2, 4);

        List<Object> whole = decode(bytes);

        Hj212Frame frame = onlyFrame(whole);
        assertThat(frame.dataSegment()).isEqualTo(data);
        assertThat(frame.anomalies()).containsExactly(Anomaly.LENGTH_COUNTS_CHARACTERS);
        for (int at = 0; at <= bytes.length; at++) {
            assertThat(decodeSplit(bytes, at)).isEqualTo(whole);
        }
    }

    @Test
    void framesSplitOverManySmallPacketsDecodeOnceComplete() {
        byte[] stream = concat(wire(GOOD), wire(Hj212Fixtures.examples().get(2)));
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < stream.length; i += 7) {
            chunks.add(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 7)));
        }

        List<Object> out = decode(new Hj212FrameDecoder(), chunks);

        assertThat(out).extracting(Hj212FrameDecoderTest::kind).containsExactly("frame", "frame");
    }

    @Test
    void failuresNeverPrintThePasswordOrTheRawBytes() {
        DecodeFailure failure = onlyFailure(decode(wire(Hj212Fixtures.rejectedExample())));

        assertThat(failure.toString()).doesNotContain("123456").contains("CRC_MISMATCH");
        assertThat(failure.describe()).doesNotContain("123456");
        assertThat(Hj212Fixtures.frameOf(GOOD).toString()).doesNotContain("123456");
    }
}
