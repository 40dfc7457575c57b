package dev.vigil.ingest.hj212;

import static dev.vigil.ingest.hj212.Hj212Fixtures.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage: whatever arrives, the decoder emits only frames and failures, never throws,
 * releases every buffer, gives the same output however TCP splits the stream, and still delivers
 * every intact frame that follows the damage.
 */
class Hj212FrameDecoderFuzzTest {

    private static final long SEED = 20160824L;
    private static final int MUTATIONS = 5_000;
    private static final byte[] INTERESTING =
            "##\r\n0123456789;=,-&ABCDEF#".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Random random = new Random(SEED);
    private final List<byte[]> goodFrames = new ArrayList<>();

    Hj212FrameDecoderFuzzTest() {
        for (String line : Hj212Fixtures.examples()) {
            goodFrames.add(Hj212Fixtures.wire(line));
        }
        goodFrames.add(
                Hj212Encoder.encode(
                        "ST=32;CN=3020;PW=123456;MN=LD130133000015;Flag=4;CP=&&i12001-Info=排口一&&"));
    }

    /** A stream of intact frames with their offsets, damaged frames in between. */
    private record Stream(byte[] bytes, List<Long> goodOffsets, List<byte[]> good) {}

    @Test
    void mutatedFramesInterleavedWithGoodOnesAcrossRandomSplits() {
        int frames = 0;
        int failures = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            Stream stream = stream(1);

            List<Object> whole = Hj212Fixtures.decode(stream.bytes());
            List<Object> split =
                    Hj212Fixtures.decode(new Hj212FrameDecoder(), randomChunks(stream.bytes()));

            assertThat(split)
                    .as("iteration %d: output must not depend on the split", i)
                    .isEqualTo(whole);
            assertThat(whole).allMatch(o -> o instanceof Hj212Frame || o instanceof DecodeFailure);
            assertGoodFramesSurvived(stream, whole);
            frames += (int) whole.stream().filter(Hj212Frame.class::isInstance).count();
            failures += (int) whole.stream().filter(DecodeFailure.class::isInstance).count();
        }
        System.out.printf(
                "fuzz: %d mutations -> %d frames, %d failures%n", MUTATIONS, frames, failures);
        assertThat(failures).as("most mutations must be caught").isGreaterThan(MUTATIONS / 2);
    }

    @Test
    void oneLongConnectionSurvivesThousandsOfDamagedFrames() {
        Stream stream = stream(MUTATIONS);

        List<Object> out =
                Hj212Fixtures.decode(new Hj212FrameDecoder(), randomChunks(stream.bytes()));

        assertThat(out).allMatch(o -> o instanceof Hj212Frame || o instanceof DecodeFailure);
        assertGoodFramesSurvived(stream, out);
    }

    private Stream stream(int damagedFrames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        List<byte[]> good = new ArrayList<>();
        for (int i = 0; i < damagedFrames; i++) {
            bytes.writeBytes(mutate(pick()));
            byte[] frame = pick();
            offsets.add((long) bytes.size());
            good.add(frame);
            bytes.writeBytes(frame);
        }
        return new Stream(bytes.toByteArray(), offsets, good);
    }

    private static void assertGoodFramesSurvived(Stream stream, List<Object> out) {
        Map<Long, Hj212Frame> frames = new HashMap<>();
        for (Object o : out) {
            if (o instanceof Hj212Frame frame) {
                frames.put(frame.offset(), frame);
            }
        }
        for (int i = 0; i < stream.good().size(); i++) {
            long offset = stream.goodOffsets().get(i);
            Hj212Frame frame = frames.get(offset);
            assertThat(frame).as("intact frame at offset %d", offset).isNotNull();
            assertThat(frame.raw()).isEqualTo(stream.good().get(i));
        }
    }

    private byte[] pick() {
        return goodFrames.get(random.nextInt(goodFrames.size()));
    }

    private byte[] mutate(byte[] frame) {
        byte[] bytes = frame.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            bytes = mutateOnce(bytes);
        }
        return bytes;
    }

    private byte[] mutateOnce(byte[] bytes) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        switch (random.nextInt(8)) {
            case 0 -> { // bit flips
                if (bytes.length > 0) {
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 1 -> { // insertion
                byte inserted =
                        random.nextBoolean()
                                ? INTERESTING[random.nextInt(INTERESTING.length)]
                                : (byte) random.nextInt(256);
                return concat(
                        Arrays.copyOfRange(bytes, 0, at),
                        new byte[] {inserted},
                        Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 2 -> { // deletion
                return bytes.length == 0
                        ? bytes
                        : concat(
                                Arrays.copyOfRange(bytes, 0, at),
                                Arrays.copyOfRange(bytes, at + 1, bytes.length));
            }
            case 3 -> { // truncation
                return Arrays.copyOfRange(bytes, 0, at);
            }
            case 4 -> { // random garbage in front
                byte[] garbage = new byte[random.nextInt(60)];
                random.nextBytes(garbage);
                return concat(garbage, bytes);
            }
            case 5 -> { // a new random length field
                if (bytes.length >= 6) {
                    byte[] digits =
                            String.format(
                                            "%04d",
                                            random.nextInt(random.nextBoolean() ? 10_000 : 1_100))
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    System.arraycopy(digits, 0, bytes, 2, 4);
                }
                return bytes;
            }
            case 6 -> { // a duplicated slice
                int to = at + random.nextInt(bytes.length - at + 1);
                return concat(
                        Arrays.copyOfRange(bytes, 0, to),
                        Arrays.copyOfRange(bytes, at, bytes.length));
            }
            default -> { // an interesting byte overwritten
                if (bytes.length > 0) {
                    bytes[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                }
                return bytes;
            }
        }
    }

    private List<byte[]> randomChunks(byte[] bytes) {
        List<byte[]> chunks = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int size = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1 + random.nextInt(700);
            chunks.add(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)));
            i += size;
        }
        return chunks;
    }
}
