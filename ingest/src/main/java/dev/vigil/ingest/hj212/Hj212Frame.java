package dev.vigil.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * One HJ 212 frame whose length and CRC checked out, as a private copy of its bytes (no reference
 * counting), with the deviations from the standard the decoder chose to tolerate.
 *
 * @param raw the whole frame from {@code ##} up to and including its trailer; do not modify
 * @param dataLength bytes of the data segment, which starts at {@link #DATA_OFFSET}
 * @param offset position of the frame in the connection's byte stream
 * @param anomalies tolerated deviations from the standard, empty for a clean frame
 */
public record Hj212Frame(byte[] raw, int dataLength, long offset, Set<Anomaly> anomalies) {

    /** Where the data segment starts: after {@code ##} and the 4-digit length. */
    public static final int DATA_OFFSET = 6;

    /** A deviation from the standard that the decoder accepts and reports. */
    public enum Anomaly {
        /** The length field counts characters of Chinese text instead of UTF-8 bytes. */
        LENGTH_COUNTS_CHARACTERS("length field counts characters, not UTF-8 bytes"),
        /** The frame ends with LF instead of CRLF. */
        TRAILER_LF_ONLY("frame ends with LF instead of CRLF"),
        /** The frame ends with CR instead of CRLF. */
        TRAILER_CR_ONLY("frame ends with CR instead of CRLF"),
        /** The frame has no trailer: the next frame or the end of the stream follows its CRC. */
        TRAILER_MISSING("frame has no CRLF after its CRC");

        private final String description;

        Anomaly(String description) {
            this.description = description;
        }

        /** Returns a short explanation for warnings. */
        public String description() {
            return description;
        }
    }

    public Hj212Frame {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(anomalies, "anomalies");
        if (dataLength < 0 || DATA_OFFSET + dataLength + 4 > raw.length) {
            throw new IllegalArgumentException(
                    "data length " + dataLength + " does not fit " + raw.length + " bytes");
        }
    }

    /** Returns the data segment decoded as UTF-8. */
    public String dataSegment() {
        return new String(raw, DATA_OFFSET, dataLength, StandardCharsets.UTF_8);
    }

    /** Returns the CRC the frame carries (it equals the CRC of the data segment). */
    public int crc() {
        return Hj212Crc.parse(raw, DATA_OFFSET + dataLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hj212Frame other
                && dataLength == other.dataLength
                && offset == other.offset
                && anomalies.equals(other.anomalies)
                && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataLength, offset, anomalies, Arrays.hashCode(raw));
    }

    /** Never prints the bytes: they hold the device password. */
    @Override
    public String toString() {
        return "Hj212Frame["
                + raw.length
                + " bytes at "
                + offset
                + ", crc "
                + Hj212Crc.format(crc())
                + ", anomalies "
                + anomalies
                + "]";
    }
}
