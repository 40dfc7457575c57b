package dev.vigil.events.source;

import dev.vigil.events.report.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * An HJ 212 data logger registered at a source, with what the gateway needs to accept its frames (a
 * salted hash of its password, never the password) and what offline detection needs (its expected
 * reporting intervals).
 *
 * <p>Password hashes have the form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64 salt
 * and hash) and are bound to the device's MN, so a hash copied onto another device does not verify
 * there. HJ 212 passwords are short (often six digits): hashing keeps them out of a topic many
 * services read, it cannot make them strong. Checking costs a few milliseconds, so the gateway
 * should check once per connection and compare later frames against the accepted one.
 *
 * @param mn device number, as sent in the frames' {@code MN}
 * @param outletId the outlet it measures; nullable for a device serving the whole source
 * @param protocol the HJ 212 edition it speaks
 * @param passwordHash from {@link #hashPassword(String, String)}
 * @param realtimeInterval how often it sends real-time data (CN 2011), e.g. 30 s
 * @param minuteInterval how often it sends minute data (CN 2051), e.g. 10 min
 */
public record Device(
        String mn,
        String outletId,
        ProtocolVersion protocol,
        String passwordHash,
        Duration realtimeInterval,
        Duration minuteInterval) {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    public Device {
        Objects.requireNonNull(mn, "mn is required");
        Objects.requireNonNull(protocol, "protocol is required");
        Objects.requireNonNull(passwordHash, "passwordHash is required");
        Objects.requireNonNull(realtimeInterval, "realtimeInterval is required");
        Objects.requireNonNull(minuteInterval, "minuteInterval is required");
    }

    /** A new salted hash of the device's password, for {@link #passwordHash()}. */
    public static String hashPassword(String mn, String password) {
        Objects.requireNonNull(mn, "mn is required");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password: must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return String.join(
                "$",
                SCHEME,
                Integer.toString(ITERATIONS),
                base64.encodeToString(salt),
                base64.encodeToString(derive(mn, password, salt, ITERATIONS)));
    }

    /**
     * Whether the password (as sent in a frame's {@code PW}) is this device's, compared in constant
     * time; {@code false} as well when the stored hash is not in Vigil's form.
     */
    public boolean passwordMatches(String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        String[] parts = passwordHash.split("\\$", -1);
        if (!hasHashForm(parts)) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(mn, password, salt, Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@link #passwordHash()} is in the form {@link #hashPassword} writes. */
    public boolean passwordHashWellFormed() {
        return hasHashForm(passwordHash.split("\\$", -1));
    }

    private static boolean hasHashForm(String[] parts) {
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            return Integer.parseInt(parts[1]) > 0
                    && Base64.getDecoder().decode(parts[2]).length > 0
                    && Base64.getDecoder().decode(parts[3]).length == HASH_BITS / 8;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String mn, String password, byte[] salt, int iterations) {
        byte[] mnBytes = mn.getBytes(StandardCharsets.UTF_8);
        byte[] boundSalt = new byte[salt.length + mnBytes.length];
        System.arraycopy(salt, 0, boundSalt, 0, salt.length);
        System.arraycopy(mnBytes, 0, boundSalt, salt.length, mnBytes.length);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), boundSalt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
