package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.report.DataFlag;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.jobs.detect.validity.ImpossibleValues;
import java.time.Instant;
import java.util.Locale;

/**
 * One pollutant value of one report, resolved to the source and outlet of its device: the unit that
 * every detector judges.
 *
 * @param mn the device that sent it
 * @param sourceId the device's source, from the registry
 * @param outletId the device's outlet; nullable for a device serving the whole source
 * @param pollutantCode HJ 212 code as sent
 * @param kind real-time (CN 2011 {@code -Rtd}), minute (2051), hourly (2061) or daily (2031, each
 *     their {@code -Avg})
 * @param value the value judged
 * @param flag the data flag as sent, {@code N} when the frame sent none
 * @param dataTime the frame's DataTime (the start of the interval for interval values)
 * @param receivedAt when the gateway received the frame
 * @param ref the frame's raw digest, to trace the value back as evidence
 * @param backlog whether it arrived long after its interval ended (an upload of stored data): it
 *     revises hourly results but never fires a live alert
 * @param realtimeIntervalMillis the device's registered real-time interval, which sets how many
 *     values an hour should have
 * @param water whether the device measures water: an hour of its values is abnormal if any of them
 *     was (HJ 212's water rule), not judged by the share of valid values
 */
public record Reading(
        String mn,
        String sourceId,
        String outletId,
        String pollutantCode,
        DataKind kind,
        double value,
        String flag,
        Instant dataTime,
        Instant receivedAt,
        String ref,
        boolean backlog,
        long realtimeIntervalMillis,
        boolean water) {

    /** The data flag. */
    public DataFlag dataFlag() {
        return DataFlag.of(flag);
    }

    /** Whether the flag lets the value count (N or T). */
    public boolean flagValid() {
        return dataFlag().isValidForExceedance();
    }

    /** Whether the value counts for averages and exceedance: a valid flag and a possible value. */
    public boolean countsForExceedance() {
        return flagValid() && !ImpossibleValues.isImpossible(pollutantCode, value);
    }

    /** The key of the device's series of this pollutant: {@code mn/pollutant}. */
    public String seriesKey() {
        return mn + "/" + pollutantCode;
    }

    /** The key of what rules judge: {@code source/outlet/pollutant}. */
    public String subjectKey() {
        return subjectKey(sourceId, outletId, pollutantCode);
    }

    /** The key of what rules judge; an absent outlet is empty. */
    public static String subjectKey(String sourceId, String outletId, String pollutantCode) {
        return JudgedValue.subjectKey(sourceId, outletId, pollutantCode);
    }

    /** This live value, as threshold rules judge it. */
    public JudgedValue judged() {
        return new JudgedValue(
                sourceId,
                outletId,
                pollutantCode,
                mn,
                kind,
                value,
                dataTime,
                false,
                null,
                evidence());
    }

    /** This value as evidence, pointing at its frame. */
    public Evidence evidence() {
        return new Evidence(Evidence.Kind.READING, ref, dataTime, value, describe());
    }

    /** In operators' words, e.g. {@code w01018 realtime 63.2, flag N, MN 0100...}. */
    public String describe() {
        return describe(pollutantCode, kind, value, flag, mn);
    }

    /** What {@link #describe()} says of a reading with these fields. */
    public static String describe(
            String pollutantCode, DataKind kind, double value, String flag, String mn) {
        return pollutantCode
                + " "
                + KIND_WORDS[kind.ordinal()]
                + " "
                + value
                + ", flag "
                + flag
                + ", MN "
                + mn;
    }

    private static final String[] KIND_WORDS = kindWords();

    private static String[] kindWords() {
        DataKind[] kinds = DataKind.values();
        String[] words = new String[kinds.length];
        for (DataKind kind : kinds) {
            words[kind.ordinal()] = kind.name().toLowerCase(Locale.ROOT);
        }
        return words;
    }
}
