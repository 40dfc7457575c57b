package dev.vigil.events.integration;

import dev.vigil.events.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A system allowed to push data into Vigil over HTTP (a camera group, an NVR, a video-analytics
 * box, a hotline or web portal), with its credentials, published to the compacted {@code
 * vigil.integrations} topic under its id; a tombstone revokes it.
 *
 * <p>An integration authenticates with an API key, an HMAC-SHA256 signature, or either. API keys
 * are kept only as their SHA-256: they are long random strings from {@link #newApiKey()}, so an
 * unsalted fast hash is safe (unlike short passwords) and lets ingest find the integration by the
 * key's hash. The HMAC secret has to be kept as it is to verify signatures; {@link #toString()}
 * leaves it (and the key hash) out so neither ends up in logs.
 *
 * <p>The constructor checks only that required parts are present; {@link #validate()} checks the
 * rest, so the console can show every problem at once.
 *
 * @param integrationId the integration's id, the Kafka key and the {@code X-Vigil-Integration}
 *     header's value
 * @param name in operators' words, e.g. "Plant 7 NVR"
 * @param kind what kind of system it is
 * @param scopes what it may do
 * @param apiKeyHash {@link #hashApiKey(String)} of its API key; nullable when it only signs
 * @param hmacSecret shared secret for HMAC-SHA256 request signatures (its UTF-8 bytes are the key);
 *     nullable when it only uses an API key
 * @param disabled whether it is switched off (kept for history; every request is refused)
 * @param version increases with every edit, so consumers can ignore stale entries
 * @param updatedAt when it was last edited
 */
public record Integration(
        String integrationId,
        String name,
        Kind kind,
        List<Scope> scopes,
        String apiKeyHash,
        String hmacSecret,
        boolean disabled,
        long version,
        Instant updatedAt) {

    /** Shortest HMAC secret {@link #validate()} accepts, in characters (256 bits of hex). */
    public static final int MIN_HMAC_SECRET_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What kind of system an integration is. */
    public enum Kind {
        CAMERA_GROUP,
        NVR,
        VIDEO_ANALYTICS,
        HOTLINE,
        WEB_PORTAL,
        APP,
        CONSOLE
    }

    /** What an integration may do. */
    public enum Scope {
        /** Push video events (and their pictures). */
        VIDEO,
        /** Submit complaints and read their status. */
        COMPLAINTS,
        /** Read stored pictures by hash (the console). */
        MEDIA
    }

    public Integration {
        Objects.requireNonNull(integrationId, "integrationId is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(kind, "kind is required");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        Objects.requireNonNull(updatedAt, "updatedAt is required");
    }

    /** A new random API key (256 bits, URL-safe Base64) to hand to the integration once. */
    public static String newApiKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** The hash of an API key as {@link #apiKeyHash()} keeps it: SHA-256 of its UTF-8 bytes. */
    public static String hashApiKey(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalArgumentException("apiKey: must not be empty");
        }
        return Sha256.hex(apiKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the integration may do this. */
    public boolean allows(Scope scope) {
        return !disabled && scopes.contains(scope);
    }

    /** Whether this is the integration's API key, compared in constant time. */
    public boolean apiKeyMatches(String apiKey) {
        if (apiKeyHash == null || apiKey == null || apiKey.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                apiKeyHash.getBytes(StandardCharsets.US_ASCII),
                hashApiKey(apiKey).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Everything wrong with this entry, one human-readable problem per line, each naming the field;
     * empty when it is valid.
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (integrationId.isBlank()) {
            problems.add("integrationId: must not be blank");
        }
        if (name.isBlank()) {
            problems.add("name: must not be blank");
        }
        if (scopes.isEmpty()) {
            problems.add("scopes: must name at least one scope");
        }
        if (apiKeyHash == null && hmacSecret == null) {
            problems.add("apiKeyHash: an API key hash or an HMAC secret is required");
        }
        if (apiKeyHash != null && !Sha256.isHex(apiKeyHash)) {
            problems.add("apiKeyHash: must be 64 lowercase hex characters from hashApiKey");
        }
        if (hmacSecret != null && hmacSecret.length() < MIN_HMAC_SECRET_LENGTH) {
            problems.add("hmacSecret: must be at least " + MIN_HMAC_SECRET_LENGTH + " characters");
        }
        if (version < 0) {
            problems.add("version: must be >= 0");
        }
        return List.copyOf(problems);
    }

    /** Leaves the credentials out so they never end up in logs. */
    @Override
    public String toString() {
        return "Integration[integrationId="
                + integrationId
                + ", name="
                + name
                + ", kind="
                + kind
                + ", scopes="
                + scopes
                + ", apiKeyHash="
                + (apiKeyHash == null ? "null" : "***")
                + ", hmacSecret="
                + (hmacSecret == null ? "null" : "***")
                + ", disabled="
                + disabled
                + ", version="
                + version
                + ", updatedAt="
                + updatedAt
                + "]";
    }
}
