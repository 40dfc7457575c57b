package dev.vigil.deploy.simulate;

import dev.vigil.events.CivilDate;

/**
 * Writes instants as HJ 212 timestamps in China Standard Time ({@code yyyyMMddHHmmss}, with {@code
 * SSS} for a QN) by arithmetic on epoch milliseconds: a simulator writes two per frame, and {@code
 * DateTimeFormatter} with a {@code LocalDateTime} per call was about a tenth of its CPU.
 */
final class CstTime {

    private static final long CST_OFFSET_MILLIS = 8 * 3_600_000L;

    private CstTime() {}

    /** Appends {@code yyyyMMddHHmmss} of {@code epochMillis} in CST. */
    static void appendSeconds(StringBuilder out, long epochMillis) {
        byte[] digits = new byte[14];
        write(epochMillis, false, digits, 0);
        for (byte digit : digits) {
            out.append((char) digit);
        }
    }

    /** {@code yyyyMMddHHmmssSSS} of {@code epochMillis} in CST. */
    static String millis(long epochMillis) {
        byte[] digits = new byte[17];
        write(epochMillis, true, digits, 0);
        return new String(digits, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Writes 14 digits ({@code yyyyMMddHHmmss}), or 17 with the milliseconds, of {@code
     * epochMillis} in CST at {@code offset}; years 0 to 9999.
     */
    static void write(long epochMillis, boolean withMillis, byte[] out, int offset) {
        long local = epochMillis + CST_OFFSET_MILLIS;
        long days = Math.floorDiv(local, 86_400_000L);
        int millisOfDay = (int) (local - days * 86_400_000L);
        int date = CivilDate.yyyymmdd(days);
        int seconds = millisOfDay / 1_000;
        offset = digits(out, offset, date, 8); // yyyyMMdd
        offset = digits(out, offset, seconds / 3_600, 2);
        offset = digits(out, offset, seconds / 60 % 60, 2);
        offset = digits(out, offset, seconds % 60, 2);
        if (withMillis) {
            digits(out, offset, millisOfDay % 1_000, 3);
        }
    }

    private static int digits(byte[] out, int offset, int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            out[offset + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return offset + count;
    }
}
