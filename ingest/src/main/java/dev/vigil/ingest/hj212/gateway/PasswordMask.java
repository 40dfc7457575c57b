package dev.vigil.ingest.hj212.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces every password value in raw HJ 212 bytes with {@code ******} before they leave the
 * gateway (dead letters), so a password never reaches Kafka, logs or operators' screens.
 *
 * <p>It matches {@code PW=} wherever it occurs, which also covers {@code NewPW=} inside CP, and it
 * tolerates NUL bytes between the letters because the parser removes NULs from keys (so {@code
 * P\0W=} authenticates like {@code PW=}). The value ends at {@code ;}, {@code ,}, {@code &}, CR, LF
 * or the end of the bytes. Masking changes the length, so a masked frame no longer matches its CRC.
 */
final class PasswordMask {
    static final byte[] MASK = "******".getBytes(StandardCharsets.US_ASCII);

    private PasswordMask() {}

    /** A copy of {@code raw} with every password value masked. */
    static byte[] mask(byte[] raw) {
        ByteArrayOutputStream out = null;
        int copiedUpTo = 0;
        int i = 0;
        while (i < raw.length) {
            int valueStart = passwordValueStart(raw, i);
            if (valueStart < 0) {
                i++;
                continue;
            }
            int valueEnd = valueStart;
            while (valueEnd < raw.length && !endsValue(raw[valueEnd])) {
                valueEnd++;
            }
            if (out == null) {
                out = new ByteArrayOutputStream(raw.length);
            }
            out.write(raw, copiedUpTo, valueStart - copiedUpTo);
            out.writeBytes(MASK);
            copiedUpTo = valueEnd;
            i = valueEnd;
        }
        if (out == null) {
            return raw.clone();
        }
        out.write(raw, copiedUpTo, raw.length - copiedUpTo);
        return out.toByteArray();
    }

    /** Where the value starts if {@code P[NUL*]W[NUL*]=} begins at {@code i}, else -1. */
    private static int passwordValueStart(byte[] raw, int i) {
        if (raw[i] != 'P') {
            return -1;
        }
        int j = skipNuls(raw, i + 1);
        if (j >= raw.length || raw[j] != 'W') {
            return -1;
        }
        j = skipNuls(raw, j + 1);
        if (j >= raw.length || raw[j] != '=') {
            return -1;
        }
        return j + 1;
    }

    private static int skipNuls(byte[] raw, int i) {
        while (i < raw.length && raw[i] == 0) {
            i++;
        }
        return i;
    }

    private static boolean endsValue(byte b) {
        return b == ';' || b == ',' || b == '&' || b == '\r' || b == '\n';
    }
}
