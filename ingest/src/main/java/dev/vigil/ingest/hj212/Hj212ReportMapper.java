package dev.vigil.ingest.hj212;

import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed HJ 212 message, the time it arrived and its raw frame into the {@link Report}
 * published on {@code vigil.reports}; values that do not fit the event's typed fields (text where a
 * number belongs, an unreadable SampleTime) move to the pollutant's {@code extra} verbatim.
 */
public final class Hj212ReportMapper {

    /** Sub-fields that have their own field in {@link Pollutant}; all others go to extra. */
    private static final Set<String> TYPED =
            Set.of(
                    "Rtd",
                    "Min",
                    "Avg",
                    "Max",
                    "ZsRtd",
                    "ZsMin",
                    "ZsAvg",
                    "ZsMax",
                    "Cou",
                    "Flag",
                    "EFlag",
                    "SampleTime");

    private Hj212ReportMapper() {}

    /** Returns the report for a message received at {@code receivedAt} in {@code rawFrame}. */
    public static Report toReport(Hj212Message message, Instant receivedAt, byte[] rawFrame) {
        List<String> warnings = new ArrayList<>(message.warnings());
        List<Pollutant> pollutants = new ArrayList<>(message.pollutants().size());
        for (Hj212Pollutant pollutant : message.pollutants().values()) {
            pollutants.add(pollutant(pollutant, warnings));
        }
        Integer packetCount = message.packetCount();
        Integer packetNumber = message.packetNumber();
        if ((packetCount == null) != (packetNumber == null)) {
            warnings.add("PNUM and PNO must come together; dropped the one that came alone");
            packetCount = null;
            packetNumber = null;
        }
        return new Report(
                message.mn(),
                message.protocol().label(),
                message.cn(),
                // Some devices send ST as NUL bytes; the report needs a value, the warning says
                // why.
                message.st() == null ? "" : message.st(),
                message.qn(),
                message.flag(),
                message.dataTime(),
                receivedAt,
                pollutants,
                message.fields(),
                packetCount,
                packetNumber,
                warnings,
                Report.digest(rawFrame));
    }

    private static Pollutant pollutant(Hj212Pollutant source, List<String> warnings) {
        Map<String, String> extra = new LinkedHashMap<>();
        Map<String, String> values = source.values();
        Instant sampleTime = null;
        String sampleText = values.get("SampleTime");
        if (sampleText != null) {
            sampleTime = Hj212Time.parse(sampleText);
            if (sampleTime == null) {
                warnings.add(
                        source.code()
                                + "-SampleTime="
                                + sampleText
                                + " is not yyyyMMddHHmmss[SSS], kept as text");
                extra.put("SampleTime", sampleText);
            }
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (!TYPED.contains(value.getKey())) {
                extra.put(value.getKey(), value.getValue());
            }
        }
        return new Pollutant(
                source.code(),
                number(source, "Rtd", extra),
                number(source, "Min", extra),
                number(source, "Avg", extra),
                number(source, "Max", extra),
                number(source, "ZsRtd", extra),
                number(source, "ZsMin", extra),
                number(source, "ZsAvg", extra),
                number(source, "ZsMax", extra),
                number(source, "Cou", extra),
                values.get("Flag"),
                values.get("EFlag"),
                sampleTime,
                extra);
    }

    /** A numeric sub-field as a number; text that is no number stays in {@code extra}. */
    private static Double number(
            Hj212Pollutant source, String subField, Map<String, String> extra) {
        String text = source.text(subField);
        if (text == null) {
            return null;
        }
        Double number = source.number(subField);
        if (number == null) {
            extra.put(subField, text); // the parser has already warned about it
        }
        return number;
    }
}
