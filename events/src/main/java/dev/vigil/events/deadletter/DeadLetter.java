package dev.vigil.events.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Input that Vigil rejected, with the reason and the raw bytes as received, published to {@code
 * vigil.dead-letter} under its origin so that nothing is silently dropped and every rejection can
 * be inspected and replayed.
 *
 * <p>Equality, hash code and {@link #toString()} look at the bytes of {@code raw}, not the array
 * identity; the array is copied in and out, so the record stays immutable.
 *
 * @param origin where the input came from, e.g. {@code hj212}, {@code http:video}, {@code rules},
 *     the Kafka key
 * @param reason what was wrong and where, in an operator's words
 * @param field the offending field; nullable
 * @param raw the input's bytes exactly as received (Base64 in JSON)
 * @param remoteAddress the sender's address, e.g. {@code 10.1.2.3:50112}; nullable
 * @param receivedAt when it was received
 * @param detail further context (e.g. {@code cn}, {@code mn}, {@code topic}, {@code offset})
 */
public record DeadLetter(
        String origin,
        String reason,
        String field,
        byte[] raw,
        String remoteAddress,
        Instant receivedAt,
        Map<String, String> detail) {

    private static final int PREVIEW_BYTES = 64;

    public DeadLetter {
        Objects.requireNonNull(origin, "origin is required");
        Objects.requireNonNull(reason, "reason is required");
        raw = Objects.requireNonNull(raw, "raw is required").clone();
        Objects.requireNonNull(receivedAt, "receivedAt is required");
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** A copy of the rejected bytes. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter other
                && origin.equals(other.origin)
                && reason.equals(other.reason)
                && Objects.equals(field, other.field)
                && Arrays.equals(raw, other.raw)
                && Objects.equals(remoteAddress, other.remoteAddress)
                && receivedAt.equals(other.receivedAt)
                && detail.equals(other.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                origin, reason, field, Arrays.hashCode(raw), remoteAddress, receivedAt, detail);
    }

    /** Shows the length and the start of the raw bytes as text, control bytes escaped. */
    @Override
    public String toString() {
        return "DeadLetter[origin="
                + origin
                + ", reason="
                + reason
                + ", field="
                + field
                + ", raw="
                + raw.length
                + " bytes \""
                + preview()
                + "\", remoteAddress="
                + remoteAddress
                + ", receivedAt="
                + receivedAt
                + ", detail="
                + detail
                + "]";
    }

    private String preview() {
        StringBuilder text = new StringBuilder();
        String decoded =
                new String(raw, 0, Math.min(raw.length, PREVIEW_BYTES), StandardCharsets.UTF_8);
        decoded.codePoints()
                .forEach(
                        c -> {
                            if (c < 0x20 || c == 0x7f) {
                                text.append(String.format("\\x%02x", c));
                            } else {
                                text.appendCodePoint(c);
                            }
                        });
        return raw.length > PREVIEW_BYTES ? text.append("...").toString() : text.toString();
    }
}
