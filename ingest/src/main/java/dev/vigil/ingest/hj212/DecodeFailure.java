package dev.vigil.ingest.hj212;

import java.util.Arrays;
import java.util.Objects;

/**
 * Input that could not be turned into an HJ 212 frame or message, kept as a value so that it can be
 * counted and sent to the dead-letter topic instead of being thrown down the pipeline.
 *
 * <p>{@code detail} says what was wrong and where, in words an operator can act on; it never
 * contains a device password. {@code raw} holds the rejected bytes (for a frame that was too long,
 * only its header). {@code offset} is the position of the first rejected byte in the connection's
 * byte stream.
 *
 * @param reason what kind of problem this is
 * @param detail human-readable explanation
 * @param offset position of {@code raw} in the connection's byte stream
 * @param raw the rejected bytes; callers must not modify the array
 */
public record DecodeFailure(Reason reason, String detail, long offset, byte[] raw) {

    /** What kind of problem made the input unusable. */
    public enum Reason {
        /** Bytes outside any frame (before the first {@code ##} or between frames). */
        GARBAGE,
        /** The 4 characters after {@code ##} are not decimal digits. */
        BAD_LENGTH,
        /** The declared length exceeds the maximum, or no frame end was found within it. */
        TOO_LONG,
        /** The frame stopped (next {@code ##} or end of stream) before its declared length. */
        TRUNCATED,
        /** The data segment in front of the CRC and trailer does not have the declared length. */
        LENGTH_MISMATCH,
        /** The 4 characters in front of the trailer are not hex digits. */
        BAD_CRC_FIELD,
        /** The CRC the frame carries differs from the CRC of its data segment. */
        CRC_MISMATCH,
        /** The data segment has no device id ({@code MN}). */
        MISSING_MN,
        /** The data segment has no command code ({@code CN}). */
        MISSING_CN
    }

    public DecodeFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(raw, "raw");
    }

    /** Returns {@code "<detail> [<REASON>]"}, the form used in logs and on the CLI. */
    public String describe() {
        return detail + " [" + reason + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodeFailure other
                && reason == other.reason
                && offset == other.offset
                && detail.equals(other.detail)
                && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, offset, Arrays.hashCode(raw));
    }

    /** Never prints the raw bytes: they may hold a device password. */
    @Override
    public String toString() {
        return "DecodeFailure["
                + reason
                + " at "
                + offset
                + ", "
                + raw.length
                + " bytes: "
                + detail
                + "]";
    }
}
