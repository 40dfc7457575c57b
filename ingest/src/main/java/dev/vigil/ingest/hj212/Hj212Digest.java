package dev.vigil.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a raw frame as {@link dev.vigil.events.report.Report#rawDigest()} holds it (64
 * lower-case hex digits), with one {@link MessageDigest} per thread instead of a provider look-up
 * per frame: the decode path runs it for every frame.
 */
final class Hj212Digest {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A MessageDigest is not thread-safe; each gateway event loop thread keeps its own. */
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(Hj212Digest::newSha256);

    private Hj212Digest() {}

    /** Returns the same text as {@code Report.digest(raw)}. */
    static String hex(byte[] raw) {
        // digest(byte[]) resets the MessageDigest, so the next frame starts clean.
        byte[] hash = SHA256.get().digest(raw);
        byte[] text = new byte[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            text[2 * i] = HEX[(hash[i] >>> 4) & 0xF];
            text[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
