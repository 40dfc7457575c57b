package dev.vigil.ingest.hj212;

import java.nio.charset.StandardCharsets;

/**
 * Wraps a data segment into a complete HJ 212 frame: {@code ##}, 4-digit length in UTF-8 bytes, the
 * segment, its CRC in upper-case hex and CRLF. Used for replies, tests and simulators.
 */
public final class Hj212Encoder {

    private Hj212Encoder() {}

    /** Returns the frame for a data segment; throws if it is longer than 9999 UTF-8 bytes. */
    public static byte[] encode(String dataSegment) {
        byte[] data = dataSegment.getBytes(StandardCharsets.UTF_8);
        int length = data.length;
        byte[] frame = newFrame(length);
        System.arraycopy(data, 0, frame, Hj212Frame.DATA_OFFSET, length);
        return seal(frame);
    }

    /**
     * Returns a frame of a data segment of {@code length} bytes with its {@code ##} and length
     * written; the caller writes the segment from {@link Hj212Frame#DATA_OFFSET} and then {@link
     * #seal seals} it. For writers that build the segment's bytes in place.
     */
    public static byte[] newFrame(int length) {
        if (length < 0 || length > 9999) {
            throw new IllegalArgumentException(
                    "data segment of " + length + " bytes does not fit a 4-digit length");
        }
        byte[] frame = new byte[length + 12];
        frame[0] = '#';
        frame[1] = '#';
        frame[2] = (byte) ('0' + length / 1000);
        frame[3] = (byte) ('0' + length / 100 % 10);
        frame[4] = (byte) ('0' + length / 10 % 10);
        frame[5] = (byte) ('0' + length % 10);
        return frame;
    }

    /** Writes the CRC of a {@link #newFrame} frame's segment and the CRLF; returns the frame. */
    public static byte[] seal(byte[] frame) {
        int length = frame.length - 12;
        int end = Hj212Frame.DATA_OFFSET + length;
        Hj212Crc.write(Hj212Crc.compute(frame, Hj212Frame.DATA_OFFSET, length), frame, end);
        frame[end + 4] = '\r';
        frame[end + 5] = '\n';
        return frame;
    }

    /**
     * Returns the frame for a data segment as text (for tests and logs of frames without secrets).
     */
    public static String encodeText(String dataSegment) {
        return new String(encode(dataSegment), StandardCharsets.UTF_8);
    }
}
