package dev.vigil.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a raw frame as {@link dev.vigil.events.report.Report#rawDigest()} holds it (64
 * lower-case hex digits), with one {@link MessageDigest} per thread instead of a provider look-up
 * per frame: the decode path runs it for every frame.
 *
 * <p>The SHA-256 itself runs on the JVM's intrinsic (SHA-NI where the CPU has it); what is left
 * around it is kept small: the hash and its hex digits go to per-thread scratch arrays, so a frame
 * allocates only the resulting string.
 */
final class Hj212Digest {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static final int HASH_LENGTH = 32;

    /** A MessageDigest is not thread-safe; each gateway event loop thread keeps its own. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Hj212Digest() {}

    /** Returns the same text as {@code Report.digest(raw)}. */
    static String hex(byte[] raw) {
        Scratch scratch = SCRATCH.get();
        byte[] hash = scratch.hash;
        byte[] text = scratch.text;
        scratch.sha256.update(raw);
        try {
            // digest() resets the MessageDigest, so the next frame starts clean.
            scratch.sha256.digest(hash, 0, HASH_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 is 32 bytes", e);
        }
        for (int i = 0; i < HASH_LENGTH; i++) {
            text[2 * i] = HEX[(hash[i] >>> 4) & 0xF];
            text[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** One thread's digest and the arrays its hash and hex digits are written to. */
    private static final class Scratch {
        final MessageDigest sha256 = newSha256();
        final byte[] hash = new byte[HASH_LENGTH];
        final byte[] text = new byte[2 * HASH_LENGTH];
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
