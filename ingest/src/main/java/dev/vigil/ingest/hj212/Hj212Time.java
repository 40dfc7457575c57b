package dev.vigil.ingest.hj212;

import dev.vigil.events.CivilDate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reads and writes HJ 212 timestamps, which are China Standard Time (UTC+8) written as {@code
 * yyyyMMddHHmmss}, with three more digits of milliseconds in QN and in many real DataTimes.
 */
public final class Hj212Time {

    /** China Standard Time, the zone of every HJ 212 timestamp. */
    public static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS");

    private Hj212Time() {}

    /**
     * Parses 14 digits ({@code yyyyMMddHHmmss}) or 17 digits (with milliseconds) of CST; returns
     * null for anything else, including impossible dates.
     */
    public static Instant parse(String text) {
        int length = text.length();
        if (length != 14 && length != 17) {
            return null;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 2);
        int day = digits(text, 6, 2);
        int hour = digits(text, 8, 2);
        int minute = digits(text, 10, 2);
        int second = digits(text, 12, 2);
        int millis = length == 17 ? digits(text, 14, 3) : 0;
        if (month < 1
                || month > 12
                || day < 1
                || day > CivilDate.monthLength(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        long epochSecond =
                CivilDate.epochDay(year, month, day) * 86_400L
                        + hour * 3_600L
                        + minute * 60L
                        + second
                        - CST.getTotalSeconds();
        return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
    }

    /** Formats an instant as {@code yyyyMMddHHmmss} in CST (DataTime, SystemTime). */
    public static String formatSeconds(Instant instant) {
        return SECONDS.format(LocalDateTime.ofInstant(instant, CST));
    }

    /** Formats an instant as {@code yyyyMMddHHmmssSSS} in CST (QN). */
    public static String formatMillis(Instant instant) {
        return MILLIS.format(LocalDateTime.ofInstant(instant, CST));
    }

    /** Formats an instant as ISO-8601 with the {@code +08:00} offset, always with seconds. */
    public static String formatIso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.ofInstant(instant, CST));
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
