package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Sha256;
import dev.vigil.events.report.Report;
import dev.vigil.events.report.ReportJson;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins everything the decode path gives for the real hour and for a mangled copy of it: every
 * frame, decode failure, parse failure, message and report, as one SHA-256. The digests were
 * computed with the decoder, parser and mapper of commit 89f1b14; a change that is meant to be
 * faster but not different must leave them as they are.
 */
class Hj212PinnedOutputTest {

    /** Characters that upset the parser when one replaces a character of a data segment. */
    private static final String MANGLERS = ";,=-&.N0x9\0é ";

    private final Hj212Parser parser = new Hj212Parser();

    @Test
    void theRealHourGivesThePinnedOutput() throws IOException {
        // GIVEN the real hour as one stream
        byte[] hour = Files.readAllBytes(Hj212Fixtures.realTraffic());

        // WHEN it goes through the decoder, parser and mapper THEN every output is as pinned
        assertThat(outputDigest(hour))
                .isEqualTo("b56b386b37e9ccd9264eff30f22417ae76b60165e80761dd17f8683453bd3639");
    }

    @Test
    void aMangledHourGivesThePinnedOutput() throws IOException {
        // GIVEN each real frame with one to three characters of its data segment replaced by
        // characters the parser must cope with, re-framed with a correct length and CRC, and
        // every seventh frame broken on the wire instead
        SplittableRandom random = new SplittableRandom(212);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (String line :
                Files.readAllLines(Hj212Fixtures.realTraffic(), StandardCharsets.UTF_8)) {
            if (line.length() < 12 || !line.startsWith("##")) {
                stream.writeBytes(Hj212Fixtures.wire(line));
                continue;
            }
            StringBuilder data = new StringBuilder(line.substring(6, line.length() - 4));
            for (int n = 1 + random.nextInt(3); n > 0 && data.length() > 0; n--) {
                int at = random.nextInt(data.length());
                data.setCharAt(at, MANGLERS.charAt(random.nextInt(MANGLERS.length())));
            }
            byte[] frame = Hj212Encoder.encode(data.toString());
            if (random.nextInt(7) == 0) {
                frame[2 + random.nextInt(frame.length - 2)] ^= (byte) (1 + random.nextInt(127));
            }
            stream.writeBytes(frame);
        }

        // WHEN it goes through the decoder, parser and mapper THEN every output is as pinned
        assertThat(outputDigest(stream.toByteArray()))
                .isEqualTo("82485caf6ccad77a17b762687ba116d526cd2b59568a0c1db79b439e8d41ab18");
    }

    /** Decodes a stream as the gateway does and returns the SHA-256 of a text of every output. */
    private String outputDigest(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.finish();
        Instant receivedAt = Instant.parse("2016-08-23T16:38:18.250123Z");
        List<String> lines = new ArrayList<>();
        int reports = 0;
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            if (o instanceof Hj212Frame frame) {
                lines.add(frame + " " + frame.dataLength() + " " + hex(frame.raw()));
                Hj212ParseResult parsed = parser.parse(frame);
                if (parsed.isParsed()) {
                    Hj212Message message = parsed.message();
                    lines.add(message + " pw=" + message.pw());
                    Report report =
                            Hj212ReportMapper.toReport(
                                    message, receivedAt.plusNanos(reports++ * 1_001L), frame.raw());
                    lines.add(new String(ReportJson.toBytes(report), StandardCharsets.UTF_8));
                } else {
                    lines.add("parse failure " + describe(parsed.failure()));
                }
            } else {
                lines.add("decode failure " + describe((DecodeFailure) o));
            }
        }
        assertThat(reports).isPositive();
        return Sha256.hex(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(DecodeFailure failure) {
        return failure.reason()
                + " at "
                + failure.offset()
                + ": "
                + failure.detail()
                + " "
                + hex(failure.raw());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
