package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Hj212CrcTest {

    /** The algorithm exactly as PROTOCOLS.md writes it, bit by bit. */
    private static int reference(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc = (crc >> 8) ^ (b & 0xFF);
            for (int bit = 0; bit < 8; bit++) {
                int lsb = crc & 1;
                crc >>= 1;
                if (lsb != 0) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc;
    }

    private static byte[] dataSegment(String frame) {
        return frame.substring(6, frame.length() - 4).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyExampleFrameCarriesTheCrcOfItsDataSegment() {
        for (String frame : Hj212Fixtures.examples()) {
            String carried = frame.substring(frame.length() - 4);
            assertThat(Hj212Crc.format(Hj212Crc.compute(dataSegment(frame))))
                    .as(frame)
                    .isEqualTo(carried);
        }
    }

    @Test
    void theRejectedExampleClaims1100ButItsDataGives2D00() {
        String frame = Hj212Fixtures.rejectedExample();
        assertThat(frame).endsWith("1100");
        assertThat(Hj212Crc.compute(dataSegment(frame))).isEqualTo(0x2D00);
    }

    @Test
    void tableLookupMatchesTheBitwiseDefinition() {
        Random random = new Random(212);
        for (int i = 0; i < 2_000; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            assertThat(Hj212Crc.compute(data)).isEqualTo(reference(data));
        }
    }

    @Test
    void fourBytesAtATimeMatchesTheBitwiseDefinitionAtEveryLengthAndOffset() {
        Random random = new Random(2005);
        for (int length = 0; length <= 70; length++) {
            for (int offset = 0; offset < 4; offset++) {
                byte[] buffer = new byte[offset + length + 3];
                random.nextBytes(buffer);
                byte[] data = java.util.Arrays.copyOfRange(buffer, offset, offset + length);

                assertThat(Hj212Crc.compute(buffer, offset, length))
                        .as("length %d at offset %d", length, offset)
                        .isEqualTo(reference(data));
            }
        }
    }

    @Test
    void isNotCrc16Modbus() {
        // CRC-16/MODBUS of "123456789" is 0x4B37.
        assertThat(Hj212Crc.compute("123456789".getBytes(StandardCharsets.US_ASCII)))
                .isNotEqualTo(0x4B37);
    }

    @Test
    void carriesOnlyEightBitsSoOnly256ValuesExist() {
        Random random = new Random(7);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[1 + random.nextInt(40)];
            random.nextBytes(data);
            seen.add(Hj212Crc.compute(data));
        }
        assertThat(seen).hasSizeLessThanOrEqualTo(256);
    }

    @Test
    void emptySegmentIsTheInitialRegister() {
        assertThat(Hj212Crc.compute(new byte[0])).isEqualTo(Hj212Crc.EMPTY).isEqualTo(0xFFFF);
    }

    @Test
    void computesOverAByteBufRangeOfHeapAndDirectBuffers() {
        String frame = Hj212Fixtures.examples().get(1);
        byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        int expected = Hj212Crc.compute(bytes, 6, bytes.length - 10);
        ByteBuf heap = Unpooled.wrappedBuffer(bytes);
        ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        try {
            assertThat(Hj212Crc.compute(heap, 6, bytes.length - 10)).isEqualTo(expected);
            assertThat(Hj212Crc.compute(direct, 6, bytes.length - 10)).isEqualTo(expected);
            assertThat(Hj212Crc.parse(direct, bytes.length - 4)).isEqualTo(expected);
        } finally {
            heap.release();
            direct.release();
        }
    }

    @Test
    void formatsFourUpperCaseDigitsHighByteFirst() {
        assertThat(Hj212Crc.format(0x2D00)).isEqualTo("2D00");
        assertThat(Hj212Crc.format(0x0500)).isEqualTo("0500");
        assertThat(Hj212Crc.format(0xFF01)).isEqualTo("FF01");
        assertThat(Hj212Crc.format(0x0000)).isEqualTo("0000");
    }

    @Test
    void parsesUpperAndLowerCaseAndRejectsEverythingElse() {
        assertThat(Hj212Crc.parse("2D00")).isEqualTo(0x2D00);
        assertThat(Hj212Crc.parse("2d00")).isEqualTo(0x2D00);
        assertThat(Hj212Crc.parse("fF0a")).isEqualTo(0xFF0A);
        assertThat(Hj212Crc.parse("2G00")).isEqualTo(-1);
        assertThat(Hj212Crc.parse("2D0")).isEqualTo(-1);
        assertThat(Hj212Crc.parse("2D000")).isEqualTo(-1);
        assertThat(Hj212Crc.parse("&&2D")).isEqualTo(-1);
        assertThat(Hj212Crc.parse(" D00")).isEqualTo(-1);
        assertThat(Hj212Crc.parse("２D00")).isEqualTo(-1);
        assertThat(Hj212Crc.parse("xx2d00".getBytes(StandardCharsets.US_ASCII), 2))
                .isEqualTo(0x2D00);
    }

    @Test
    void formatAndParseRoundTripForEveryValue() {
        for (int crc = 0; crc <= 0xFFFF; crc++) {
            assertThat(Hj212Crc.parse(Hj212Crc.format(crc))).isEqualTo(crc);
        }
    }
}
