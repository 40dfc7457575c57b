package dev.vigil.deploy.simulate;

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
        // Days to civil date (proleptic Gregorian), after Howard Hinnant's days_from_civil inverse.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra =
                (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int seconds = millisOfDay / 1_000;
        offset = digits(out, offset, year, 4);
        offset = digits(out, offset, month, 2);
        offset = digits(out, offset, day, 2);
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
