package dev.vigil.console.stream;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A push client's place in the stream: for every partition of the streamed topics, the offset of
 * the next record it has not seen. Encoded opaque for clients (URL-safe Base64 of {@code
 * topic:partition:offset,...}) and made of Kafka offsets only, so it stays valid across console
 * restarts.
 */
public final class Cursor {

    private final Map<TopicPartition, Long> next;

    private Cursor(Map<TopicPartition, Long> next) {
        this.next = next;
    }

    /** The cursor before everything. */
    public static Cursor start() {
        return new Cursor(new TreeMap<>(Cursor::compare));
    }

    /** The cursor of this encoded form; empty when it is not one. */
    public static Optional<Cursor> decode(String encoded) {
        if (encoded == null || encoded.isBlank() || encoded.length() > 64_000) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Cursor cursor = start();
        if (text.isEmpty()) {
            return Optional.of(cursor);
        }
        for (String part : text.split(",")) {
            int second = part.lastIndexOf(':');
            int first = second < 0 ? -1 : part.lastIndexOf(':', second - 1);
            if (first <= 0) {
                return Optional.empty();
            }
            try {
                int partition = Integer.parseInt(part.substring(first + 1, second));
                long offset = Long.parseLong(part.substring(second + 1));
                if (partition < 0 || offset < 0) {
                    return Optional.empty();
                }
                cursor.next.put(new TopicPartition(part.substring(0, first), partition), offset);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(cursor);
    }

    /** The next offset not seen in this partition; 0 when the cursor does not name it. */
    public long next(TopicPartition partition) {
        return next.getOrDefault(partition, 0L);
    }

    /** Whether the record at this offset comes after the cursor. */
    public boolean isAfter(TopicPartition partition, long offset) {
        return offset >= next(partition);
    }

    /** Moves past the record at this offset (never backwards). */
    public void advance(TopicPartition partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
    }

    /** The partitions it names with their next offsets. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(next);
    }

    /** Whether this cursor names the same partitions at the same offsets as {@code other}. */
    public boolean samePositions(Cursor other) {
        return next.equals(other.next);
    }

    /** A copy that moves on independently. */
    public Cursor copy() {
        Cursor copy = start();
        copy.next.putAll(next);
        return copy;
    }

    /** The opaque form sent to clients. */
    public String encode() {
        StringBuilder text = new StringBuilder();
        next.forEach(
                (tp, offset) -> {
                    if (text.length() > 0) {
                        text.append(',');
                    }
                    text.append(tp.topic())
                            .append(':')
                            .append(tp.partition())
                            .append(':')
                            .append(offset);
                });
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    @Override
    public String toString() {
        return "Cursor" + next;
    }
}
