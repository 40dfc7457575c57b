package dev.vigil.ingest.hj212;

import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed HJ 212 message, the time it arrived and its raw frame into the {@link Report}
 * published on {@code vigil.reports}; values that do not fit the event's typed fields (text where a
 * number belongs, an unreadable SampleTime) move to the pollutant's {@code extra} verbatim.
 *
 * <p>It runs for every frame, so each pollutant's sub-fields are read in one pass and {@code extra}
 * is only built when something goes there.
 */
public final class Hj212ReportMapper {

    /** The numeric sub-fields with their own field in {@link Pollutant}, in the order they move. */
    private static final String[] NUMBERS = {
        "Rtd", "Min", "Avg", "Max", "ZsRtd", "ZsMin", "ZsAvg", "ZsMax", "Cou"
    };

    private Hj212ReportMapper() {}

    /** Returns the report for a message received at {@code receivedAt} in {@code rawFrame}. */
    public static Report toReport(Hj212Message message, Instant receivedAt, byte[] rawFrame) {
        // Most frames bring no warnings and the mapper adds none: the message's own are copied
        // into a new list only when the mapper adds to them.
        List<String> added = new ArrayList<>(0);
        Map<String, Hj212Pollutant> sources = message.pollutants();
        Pollutant[] pollutants = new Pollutant[sources.size()];
        Double[] numbers = new Double[NUMBERS.length];
        int count = 0;
        for (Hj212Pollutant pollutant : sources.values()) {
            pollutants[count++] = pollutant(pollutant, added, numbers);
        }
        Integer packetCount = message.packetCount();
        Integer packetNumber = message.packetNumber();
        if ((packetCount == null) != (packetNumber == null)) {
            added.add("PNUM and PNO must come together; dropped the one that came alone");
            packetCount = null;
            packetNumber = null;
        }
        // The report keeps immutable copies of its collections; handing it immutable ones already
        // (List.of, Map.of) spares it a second copy of each.
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
                List.of(pollutants),
                fields(message.fields()),
                packetCount,
                packetNumber,
                warnings(message.warnings(), added),
                Hj212Digest.hex(rawFrame));
    }

    /** Returns the message's warnings followed by the ones the mapper added. */
    private static List<String> warnings(List<String> message, List<String> added) {
        if (added.isEmpty()) {
            return message.isEmpty() ? List.of() : message;
        }
        List<String> all = new ArrayList<>(message.size() + added.size());
        all.addAll(message);
        all.addAll(added);
        return all;
    }

    /**
     * Returns the CP fields as the report will hold them: {@code Map.of} for the usual single
     * DataTime (equal to what {@code Map.copyOf} makes of it), the map itself otherwise.
     */
    private static Map<String, String> fields(Map<String, String> fields) {
        if (fields.size() == 1) {
            String dataTime = fields.get("DataTime");
            if (dataTime != null) {
                return Map.of("DataTime", dataTime);
            }
        }
        return fields.isEmpty() ? Map.of() : fields;
    }

    /** Maps one pollutant; {@code numbers} is scratch space, shared by a frame's pollutants. */
    private static Pollutant pollutant(
            Hj212Pollutant source, List<String> warnings, Double[] numbers) {
        Arrays.fill(numbers, null);
        int notNumbers = 0; // bit i: NUMBERS[i] is present but no number
        String flag = null;
        String eflag = null;
        String sampleText = null;
        boolean untyped = false;
        // The parser's sub-fields are read by position, with the numbers it has already read;
        // any other map through its entries.
        Hj212SubFields parsed =
                source.values() instanceof Hj212SubFields subFields ? subFields : null;
        Iterator<Map.Entry<String, String>> entries =
                parsed == null ? source.values().entrySet().iterator() : null;
        int size = parsed == null ? source.values().size() : parsed.size();
        for (int at = 0; at < size; at++) {
            String key;
            String text;
            Double number = null;
            if (parsed != null) {
                key = parsed.keyAt(at);
                text = parsed.valueAt(at);
                number = parsed.numberAt(at);
            } else {
                Map.Entry<String, String> value = entries.next();
                key = value.getKey();
                text = value.getValue();
            }
            int index = numberIndex(key);
            if (index >= 0) {
                numbers[index] = number != null ? number : Hj212Pollutant.toNumber(text);
                if (numbers[index] == null) {
                    notNumbers |= 1 << index;
                }
            } else {
                switch (key) {
                    case "Flag" -> flag = text;
                    case "EFlag" -> eflag = text;
                    case "SampleTime" -> sampleText = text;
                    default -> untyped = true;
                }
            }
        }
        // extra is filled in the order it always was: a bad SampleTime, the untyped sub-fields in
        // frame order, then the numeric sub-fields that are no numbers.
        Map<String, String> extra = null;
        Instant sampleTime = null;
        if (sampleText != null) {
            sampleTime = Hj212Time.parse(sampleText);
            if (sampleTime == null) {
                warnings.add(
                        source.code()
                                + "-SampleTime="
                                + sampleText
                                + " is not yyyyMMddHHmmss[SSS], kept as text");
                extra = new LinkedHashMap<>();
                extra.put("SampleTime", sampleText);
            }
        }
        if (untyped) {
            extra = extra == null ? new LinkedHashMap<>() : extra;
            for (Map.Entry<String, String> value : source.values().entrySet()) {
                if (!isTyped(value.getKey())) {
                    extra.put(value.getKey(), value.getValue());
                }
            }
        }
        for (int i = 0; notNumbers != 0 && i < NUMBERS.length; i++) {
            if ((notNumbers & 1 << i) != 0) {
                extra = extra == null ? new LinkedHashMap<>() : extra;
                // the parser has already warned about it
                extra.put(NUMBERS[i], source.values().get(NUMBERS[i]));
            }
        }
        return new Pollutant(
                source.code(),
                numbers[0],
                numbers[1],
                numbers[2],
                numbers[3],
                numbers[4],
                numbers[5],
                numbers[6],
                numbers[7],
                numbers[8],
                flag,
                eflag,
                sampleTime,
                immutable(extra));
    }

    /**
     * Returns {@code extra} as the pollutant will hold it: {@code Map.copyOf} would make an
     * immutable copy of it anyway (keys are distinct sub-field names), so an immutable map built
     * here once spares the copy; empty for null.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> immutable(Map<String, String> extra) {
        if (extra == null) {
            return Map.of();
        }
        if (extra.size() == 1) {
            Map.Entry<String, String> only = extra.entrySet().iterator().next();
            return Map.of(only.getKey(), only.getValue());
        }
        return Map.ofEntries(extra.entrySet().toArray(new Map.Entry[0]));
    }

    /** Returns where a sub-field is in {@link #NUMBERS}, or -1 when it is not one of them. */
    private static int numberIndex(String subField) {
        return switch (subField) {
            case "Rtd" -> 0;
            case "Min" -> 1;
            case "Avg" -> 2;
            case "Max" -> 3;
            case "ZsRtd" -> 4;
            case "ZsMin" -> 5;
            case "ZsAvg" -> 6;
            case "ZsMax" -> 7;
            case "Cou" -> 8;
            default -> -1;
        };
    }

    /** Tells whether a sub-field has its own field in {@link Pollutant}. */
    private static boolean isTyped(String subField) {
        return numberIndex(subField) >= 0
                || subField.equals("Flag")
                || subField.equals("EFlag")
                || subField.equals("SampleTime");
    }
}
