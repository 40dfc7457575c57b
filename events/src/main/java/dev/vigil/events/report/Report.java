package dev.vigil.events.report;

import dev.vigil.events.DataKind;
import dev.vigil.events.Sha256;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoded HJ 212 data frame from one data logger, with everything it carried and when it
 * arrived, published to {@code vigil.reports} under the device MN; the raw bytes themselves stay at
 * the gateway, represented here by their digest.
 *
 * @param mn device (data logger) number, the Kafka key
 * @param protocol edition label, one of {@link ProtocolVersion}'s labels ({@code HJ212-2005},
 *     {@code HJ212-2017}, {@code HJ212-2025}); a string so a newer edition never breaks a reader
 * @param cn command code, e.g. {@code 2011} real-time, {@code 2061} hourly
 * @param st system type, e.g. {@code 31} air source, {@code 32} water source; kept verbatim
 * @param qn request number ({@code YYYYMMDDhhmmsszzz}); nullable, 2005 devices often omit it
 * @param flag the frame's {@code Flag}; nullable, 2005 devices often omit it
 * @param dataTime {@code DataTime} of the frame (start of the interval for 2051/2061/2031, the
 *     sampling instant for 2011); nullable for frames without one
 * @param receivedAt when the gateway received the frame
 * @param pollutants one entry per pollutant or equipment code, in frame order
 * @param fields non-pollutant {@code CP} keys kept verbatim, e.g. {@code RestartTime}, {@code
 *     AlarmTime}, {@code AlarmType}, {@code HeartbeatTime}, {@code BeginTime}
 * @param packetCount {@code PNUM} of a split packet; nullable, present exactly when packetNumber is
 * @param packetNumber {@code PNO} of a split packet, 1-based; nullable
 * @param warnings what was out of spec but accepted, e.g. {@code datatime-in-future}
 * @param rawDigest SHA-256 of the raw frame bytes, lowercase hex (see {@link #digest(byte[])})
 */
public record Report(
        String mn,
        String protocol,
        String cn,
        String st,
        String qn,
        Integer flag,
        Instant dataTime,
        Instant receivedAt,
        List<Pollutant> pollutants,
        Map<String, String> fields,
        Integer packetCount,
        Integer packetNumber,
        List<String> warnings,
        String rawDigest) {

    public Report {
        Objects.requireNonNull(mn, "mn is required");
        Objects.requireNonNull(protocol, "protocol is required");
        Objects.requireNonNull(cn, "cn is required");
        Objects.requireNonNull(st, "st is required");
        Objects.requireNonNull(receivedAt, "receivedAt is required");
        pollutants = pollutants == null ? List.of() : List.copyOf(pollutants);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        if ((packetCount == null) != (packetNumber == null)) {
            throw new IllegalArgumentException(
                    "packetCount and packetNumber: must both be present or both absent");
        }
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        if (!Sha256.isHex(rawDigest)) {
            throw new IllegalArgumentException(
                    "rawDigest: must be 64 lowercase hex characters, was " + rawDigest);
        }
    }

    /** The digest that {@link #rawDigest()} holds for these raw frame bytes. */
    public static String digest(byte[] rawFrame) {
        return Sha256.hex(rawFrame);
    }

    /** The pollutant (or equipment) entry with this code, if the frame carried it. */
    public Optional<Pollutant> pollutant(String code) {
        return pollutants.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** The kind of values the frame carries, from its command code; empty for non-data frames. */
    public Optional<DataKind> dataKind() {
        return switch (cn) {
            case "2011" -> Optional.of(DataKind.REALTIME);
            case "2051" -> Optional.of(DataKind.MINUTE);
            case "2061" -> Optional.of(DataKind.HOURLY);
            case "2031" -> Optional.of(DataKind.DAILY);
            default -> Optional.empty();
        };
    }

    /** The edition named by {@link #protocol()}, if Vigil knows it. */
    public Optional<ProtocolVersion> protocolVersion() {
        return ProtocolVersion.fromLabel(protocol);
    }

    /** Whether the device asked for an answer (Flag bit A). */
    public boolean answerRequested() {
        return flag != null && (flag & 1) != 0;
    }
}
