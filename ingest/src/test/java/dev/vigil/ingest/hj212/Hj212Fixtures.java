package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Golden frames and helpers that drive {@link Hj212FrameDecoder} through an EmbeddedChannel. */
final class Hj212Fixtures {

    static final String REAL_TRAFFIC_NAME = "real-2016-08-24-00.h212";

    private Hj212Fixtures() {}

    /** The valid example frames of PROTOCOLS.md, without their CRLF. */
    static List<String> examples() {
        return lines("/hj212/examples.h212");
    }

    /**
     * The example frame PROTOCOLS.md says must be rejected (claims CRC 1100, the right one is
     * 2D00).
     */
    static String rejectedExample() {
        return lines("/hj212/rejected.h212").get(0);
    }

    /** The lines of a test resource, without line endings. */
    static List<String> lines(String resource) {
        try (InputStream in = Hj212Fixtures.class.getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (!trimmed.isEmpty()) {
                    lines.add(trimmed);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line as it travels on the wire: UTF-8 with the CRLF trailer. */
    static byte[] wire(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /**
     * Finds the hour of real traffic: from the module directory ({@code ../../shared}), from the
     * repository root ({@code ../shared}), or at its fixed place on the build machines.
     */
    static Path realTraffic() {
        List<Path> candidates =
                List.of(
                        Path.of("../../shared/testdata/hj212", REAL_TRAFFIC_NAME),
                        Path.of("../shared/testdata/hj212", REAL_TRAFFIC_NAME),
                        Path.of("/work/shared/testdata/hj212", REAL_TRAFFIC_NAME));
        for (Path candidate : candidates) {
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                "real HJ 212 traffic not found; looked for "
                        + candidates.stream().map(p -> p.toAbsolutePath().normalize()).toList()
                        + " (copy testdata/hj212/"
                        + REAL_TRAFFIC_NAME
                        + " from the shared folder)");
    }

    /** What the decoder emitted while the connection was open, and when it was closed. */
    record Decoded(List<Object> whileOpen, List<Object> atClose) {}

    /**
     * Writes each chunk as its own buffer, collects the output, closes the channel and checks that
     * the decoder released every buffer and never closed the connection itself.
     */
    static Decoded decodeAndClose(Hj212FrameDecoder decoder, List<byte[]> chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<ByteBuf> written = new ArrayList<>();
        List<Object> whileOpen = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ByteBuf buf = Unpooled.directBuffer(chunk.length).writeBytes(chunk);
            written.add(buf);
            channel.writeInbound(buf);
            drain(channel, whileOpen);
        }
        assertThat(channel.isOpen()).as("a bad frame must not close the connection").isTrue();
        channel.finish();
        List<Object> atClose = new ArrayList<>();
        drain(channel, atClose);
        assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
        return new Decoded(whileOpen, atClose);
    }

    /**
     * Writes each chunk as its own buffer and returns the output; the input must leave nothing
     * behind, so closing the channel yields nothing ({@code assertFalse(channel.finish())}).
     */
    static List<Object> decode(Hj212FrameDecoder decoder, List<byte[]> chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<ByteBuf> written = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ByteBuf buf = Unpooled.directBuffer(chunk.length).writeBytes(chunk);
            written.add(buf);
            channel.writeInbound(buf);
            drain(channel, out);
        }
        assertThat(channel.isOpen()).as("a bad frame must not close the connection").isTrue();
        assertFalse(channel.finish());
        assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
        return out;
    }

    /** Decodes the chunks with a decoder of the standard maximum length. */
    static List<Object> decode(byte[]... chunks) {
        return decode(new Hj212FrameDecoder(), List.of(chunks));
    }

    /** Decodes {@code bytes} delivered in two writes, split at {@code at}. */
    static List<Object> decodeSplit(byte[] bytes, int at) {
        return decode(
                new Hj212FrameDecoder(),
                List.of(
                        Arrays.copyOfRange(bytes, 0, at),
                        Arrays.copyOfRange(bytes, at, bytes.length)));
    }

    static void drain(EmbeddedChannel channel, List<Object> out) {
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add(o);
        }
    }

    static Hj212Frame frameOf(String line) {
        List<Object> out = decode(wire(line));
        assertThat(out).hasSize(1).first().isInstanceOf(Hj212Frame.class);
        return (Hj212Frame) out.get(0);
    }
}
