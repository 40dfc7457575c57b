package dev.vigil.ingest.hj212;

import io.netty.buffer.ByteBuf;

/**
 * The HJ 212 check sum over a data segment, computed with one 256-entry table lookup per byte.
 *
 * <p>It is not CRC-16/MODBUS: the register is shifted right by 8 bits <em>before</em> the byte is
 * mixed in, so after each byte the register is one of the 256 table entries and the whole check
 * carries only 8 bits of information. A corrupted frame passes it with probability 1/256, which is
 * why the decoder also insists on the length field and the trailer.
 */
public final class Hj212Crc {

    /** The value of an empty data segment (the initial register). */
    public static final int EMPTY = 0xFFFF;

    private static final int[] TABLE = new int[256];

    /**
     * {@code HIGH[n][x]}: the register's high byte after {@code x} went through the table and n
     * more zero bytes followed, i.e. {@code h(x) = TABLE[x] >>> 8} applied n + 1 times.
     *
     * <p>The table step is linear over GF(2) ({@code TABLE[a ^ b] == TABLE[a] ^ TABLE[b]}), so the
     * high byte after eight bytes b1..b8 is {@code HIGH[7][h ^ b1] ^ HIGH[6][b2] ^ ... ^
     * HIGH[0][b8]}: one lookup on the chain from one register value to the next per eight bytes
     * instead of one per byte, with the other seven lookups free to run in parallel. Eight bytes
     * per step measured faster than four: the chain's load latency, not the loads, bounds the loop.
     */
    private static final int[][] HIGH = new int[8][256];

    private static final byte[] HEX =
            "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                boolean lsb = (crc & 1) != 0;
                crc >>>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
            TABLE[i] = crc;
        }
        for (int x = 0; x < 256; x++) {
            int high = TABLE[x] >>> 8;
            for (int n = 0; n < HIGH.length; n++) {
                HIGH[n][x] = high;
                high = TABLE[high] >>> 8;
            }
        }
    }

    private Hj212Crc() {}

    /**
     * Returns the register after mixing one more byte into {@code crc}; start from {@link #EMPTY}.
     */
    public static int update(int crc, byte b) {
        // crc is at most 0xFFFF, so (crc >>> 8) ^ (b & 0xFF) is always a valid index.
        return TABLE[(crc >>> 8) ^ (b & 0xFF)];
    }

    /** Returns the check of {@code length} bytes of {@code data} starting at {@code offset}. */
    public static int compute(byte[] data, int offset, int length) {
        int[] high0 = HIGH[0];
        int[] high1 = HIGH[1];
        int[] high2 = HIGH[2];
        int[] high3 = HIGH[3];
        int[] high4 = HIGH[4];
        int[] high5 = HIGH[5];
        int[] high6 = HIGH[6];
        int[] high7 = HIGH[7];
        int crc = EMPTY;
        int i = offset;
        int end = offset + length;
        // Eight, then four bytes at a time, keeping at least one for the last step, which needs
        // the whole register; only the high byte of crc matters between steps.
        for (; end - i > 8; i += 8) {
            int high =
                    high7[((crc >>> 8) ^ data[i]) & 0xFF]
                            ^ high6[data[i + 1] & 0xFF]
                            ^ high5[data[i + 2] & 0xFF]
                            ^ high4[data[i + 3] & 0xFF]
                            ^ high3[data[i + 4] & 0xFF]
                            ^ high2[data[i + 5] & 0xFF]
                            ^ high1[data[i + 6] & 0xFF]
                            ^ high0[data[i + 7] & 0xFF];
            crc = high << 8;
        }
        for (; end - i > 4; i += 4) {
            int high =
                    high3[((crc >>> 8) ^ data[i]) & 0xFF]
                            ^ high2[data[i + 1] & 0xFF]
                            ^ high1[data[i + 2] & 0xFF]
                            ^ high0[data[i + 3] & 0xFF];
            crc = high << 8;
        }
        for (; i < end; i++) {
            crc = TABLE[(crc >>> 8) ^ (data[i] & 0xFF)];
        }
        return crc;
    }

    /**
     * Returns the check of {@code length} bytes of {@code buf} starting at absolute {@code index}.
     */
    public static int compute(ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            return compute(buf.array(), buf.arrayOffset() + index, length);
        }
        int crc = EMPTY;
        for (int i = index, end = index + length; i < end; i++) {
            crc = TABLE[(crc >>> 8) ^ (buf.getByte(i) & 0xFF)];
        }
        return crc;
    }

    /** Returns the check of every byte of {@code data}. */
    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** Formats a check as the 4 upper-case hex digits a frame carries, high byte first. */
    public static String format(int crc) {
        byte[] digits = new byte[4];
        write(crc, digits, 0);
        return new String(digits, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes a check as 4 upper-case hex digits into {@code dst} at {@code offset}. */
    public static void write(int crc, byte[] dst, int offset) {
        dst[offset] = HEX[(crc >>> 12) & 0xF];
        dst[offset + 1] = HEX[(crc >>> 8) & 0xF];
        dst[offset + 2] = HEX[(crc >>> 4) & 0xF];
        dst[offset + 3] = HEX[crc & 0xF];
    }

    /**
     * Parses 4 hex digits (either case) at {@code offset}; returns -1 when they are not 4 hex
     * digits.
     */
    public static int parse(byte[] src, int offset) {
        int value = 0;
        for (int i = offset; i < offset + 4; i++) {
            int digit = hexValue(src[i]);
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /**
     * Parses 4 hex digits (either case) at absolute {@code index} of {@code buf}; returns -1 when
     * they are not 4 hex digits.
     */
    public static int parse(ByteBuf buf, int index) {
        int value = 0;
        for (int i = index; i < index + 4; i++) {
            int digit = hexValue(buf.getByte(i));
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /** Parses a 4-hex-digit check (either case); returns -1 when it is not 4 hex digits. */
    public static int parse(CharSequence text) {
        if (text.length() != 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? hexValue((byte) c) : -1;
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
