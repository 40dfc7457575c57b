package dev.vigil.ingest.hj212;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HJ 212 data segment as the device sent it: header fields, the DataTime, every CP item, and
 * the warnings about what was out of spec but accepted.
 *
 * <p>{@code toString()} masks the password, so a message can be logged.
 *
 * @param protocol the edition, from the Flag version bits or, without Flag, from the MN's form
 * @param qn request id ({@code yyyyMMddHHmmssSSS}), or null when absent (common in 2005)
 * @param st system type, e.g. {@code 32} water, {@code 31} air, {@code 91} interaction; or null
 * @param cn command code, e.g. {@code 2011}
 * @param pw access password; never log or print it
 * @param mn device id (data logger), never null or empty
 * @param flag the Flag field, or null when absent
 * @param packetCount PNUM of a split packet, or null
 * @param packetNumber PNO of a split packet, or null
 * @param dataTime the CP DataTime as an instant, or null when absent or unreadable
 * @param pollutants code to sub-fields, in frame order
 * @param fields CP keys without a {@code -} (DataTime, RestartTime, QnRtn, ...) verbatim
 * @param warnings what was out of spec but accepted, in words; never contains the password
 */
public record Hj212Message(
        Hj212Version protocol,
        String qn,
        String st,
        String cn,
        String pw,
        String mn,
        Integer flag,
        Integer packetCount,
        Integer packetNumber,
        Instant dataTime,
        Map<String, Hj212Pollutant> pollutants,
        Map<String, String> fields,
        List<String> warnings) {

    /** What {@link #toString()} shows instead of the password. */
    public static final String MASKED_PASSWORD = "******";

    public Hj212Message {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cn, "cn");
        Objects.requireNonNull(mn, "mn");
        Objects.requireNonNull(pollutants, "pollutants");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(warnings, "warnings");
    }

    /** Tells whether the device asked for an answer (Flag bit A). */
    public boolean answerRequired() {
        return flag != null && (flag & 1) != 0;
    }

    /** Tells whether this is one part of a split packet (Flag bit D). */
    public boolean splitPacket() {
        return flag != null && (flag & 2) != 0;
    }

    /** Returns the sub-fields of one pollutant or piece of equipment, or null. */
    public Hj212Pollutant pollutant(String code) {
        return pollutants.get(code);
    }

    /** Returns a CP field without {@code -} verbatim (e.g. {@code RestartTime}), or null. */
    public String field(String key) {
        return fields.get(key);
    }

    /** Tells whether a CP key holds a password (set-password commands carry one in CP). */
    public static boolean isPasswordKey(String key) {
        return key.equals("PW") || key.equals("NewPW");
    }

    @Override
    public String toString() {
        Map<String, String> shownFields = new LinkedHashMap<>(fields);
        shownFields.replaceAll((key, value) -> isPasswordKey(key) ? MASKED_PASSWORD : value);
        return "Hj212Message[protocol="
                + protocol
                + ", qn="
                + qn
                + ", st="
                + st
                + ", cn="
                + cn
                + ", pw="
                + (pw == null ? null : MASKED_PASSWORD)
                + ", mn="
                + mn
                + ", flag="
                + flag
                + ", packetCount="
                + packetCount
                + ", packetNumber="
                + packetNumber
                + ", dataTime="
                + dataTime
                + ", pollutants="
                + pollutants
                + ", fields="
                + shownFields
                + ", warnings="
                + warnings
                + "]";
    }
}
