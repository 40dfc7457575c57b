package dev.vigil.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Deterministic ids derived from what caused a record (rule, source, pollutant, window, ...), so
 * that a record produced twice under at-least-once delivery carries the same id and every consumer
 * can deduplicate it.
 */
public final class StableId {

    private StableId() {}

    /**
     * The first 16 bytes of the SHA-256 over the parts, as 32 lowercase hex characters.
     *
     * <p>Each part is hashed with its length in front, so {@code ("ab", "c")} and {@code ("a",
     * "bc")} differ, and a {@code null} part differs from every string (including {@code "null"}).
     * The same parts in the same order always give the same id, on every JVM.
     */
    public static String of(String... parts) {
        MessageDigest digest = Sha256.newDigest();
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        for (String part : parts) {
            byte[] bytes = part == null ? null : part.getBytes(StandardCharsets.UTF_8);
            digest.update(length.clear().putInt(bytes == null ? -1 : bytes.length).array());
            if (bytes != null) {
                digest.update(bytes);
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
