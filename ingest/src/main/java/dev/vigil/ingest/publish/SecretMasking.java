package dev.vigil.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Masks credentials that senders sometimes put inside bodies (WS-Security {@code Password} and
 * {@code Nonce} in ONVIF SOAP headers; {@code password}, {@code secret}, {@code token}, {@code
 * apiKey} fields in JSON) before a rejected body is dead-lettered. Works byte for byte (bytes are
 * read as ISO-8859-1), so binary parts such as JPEGs pass through unchanged.
 */
public final class SecretMasking {

    private static final Pattern XML =
            Pattern.compile(
                    "(<(?:[\\w.-]+:)?(Password|Nonce)\\b[^>]*>)[^<]*(</(?:[\\w.-]+:)?\\2\\s*>)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON =
            Pattern.compile(
                    "(\"(?:password|passwd|secret|token|api_?key|hmac_?secret)\"\\s*:\\s*)"
                            + "\"(?:[^\"\\\\]|\\\\.)*\"",
                    Pattern.CASE_INSENSITIVE);

    private SecretMasking() {}

    /** The body with the values of secret-looking elements and fields replaced by {@code ***}. */
    public static byte[] mask(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String masked = XML.matcher(text).replaceAll("$1***$3");
        masked = JSON.matcher(masked).replaceAll("$1\"***\"");
        return masked.equals(text) ? body : masked.getBytes(StandardCharsets.ISO_8859_1);
    }
}
