package dev.vigil.ingest.video;

import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads vendors' timestamps: ISO-8601 with an offset (Hikvision, ONVIF, Vigil), without one (older
 * firmware; read in the devices' zone, China Standard Time by default), or epoch seconds with a
 * fraction (Frigate).
 */
final class VendorTime {

    private VendorTime() {}

    /** An ISO-8601 date-time; without an offset it is read in {@code zone}. */
    static Instant iso(String text, ZoneId zone, String field) throws ProblemException {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new ProblemException(
                        Problem.invalid(
                                field,
                                "not an ISO-8601 date-time such as 2026-01-02T08:15:30+08:00"));
            }
        }
    }

    /** Epoch seconds with an optional fraction, e.g. {@code 1607123955.475377}. */
    static Instant epochSeconds(double seconds, String field) throws ProblemException {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new ProblemException(Problem.invalid(field, "must be positive epoch seconds"));
        }
        BigDecimal exact = BigDecimal.valueOf(seconds);
        long whole = exact.longValue();
        long nanos = exact.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
