package dev.vigil.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signature integrations may use instead of an API key: HMAC-SHA256, keyed with the
 * UTF-8 bytes of the integration's shared secret, over {@code <timestamp>.<body>} (the decimal Unix
 * time in seconds from {@code X-Vigil-Timestamp}, a dot, then the raw body bytes), sent as {@code
 * X-Vigil-Signature: sha256=<lowercase hex>}.
 */
public final class HmacSignature {

    /** Prefix of the header value; a bare hex value is accepted too. */
    public static final String PREFIX = "sha256=";

    private HmacSignature() {}

    /** The header value for this secret, timestamp and body, e.g. for clients and tests. */
    public static String sign(String secret, long timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /** Whether the header value is the signature of this timestamp and body, in constant time. */
    public static boolean verify(String secret, long timestamp, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        String hex = header.trim();
        if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            hex = hex.substring(PREFIX.length());
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, timestamp, body), given);
    }

    private static byte[] mac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
        }
    }
}
