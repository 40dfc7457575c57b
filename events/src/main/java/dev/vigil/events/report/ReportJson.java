package dev.vigil.events.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.vigil.events.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} as the very bytes {@link Json#toBytes(Object)} gives, with Jackson's
 * streaming generator instead of databind, because databind's reflective walk over each report was
 * the largest single item (18.6 %) of the gateway's CPU profile at steady state (issue #8).
 *
 * <p>Byte equality holds because the generator is created by the factory of Vigil's own mapper
 * (same escaping, same {@code Double.toString} numbers) and this class repeats the mapper's rules:
 * record components in declaration order, {@code null} components left out, empty lists and maps
 * kept, map entries sorted by key, instants as ISO-8601 strings. {@code ReportJsonTest} checks it
 * over real, edge-case and random reports. Any failure here (a lone surrogate in a string, say)
 * falls back to databind, so a report never gets JSON that databind would not have written. Reading
 * stays with databind. Stateless and thread-safe.
 */
public final class ReportJson {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private ReportJson() {}

    /** The report as UTF-8 JSON, byte for byte what {@link Json#toBytes(Object)} writes. */
    public static byte[] toBytes(Report report) {
        if (report == null) {
            return null;
        }
        try {
            return write(report);
        } catch (IOException | RuntimeException e) {
            // Databind either writes the same report or throws the error callers already expect.
            return Json.toBytes(report);
        }
    }

    /** The streaming path alone, without the fallback; visible for the equality tests. */
    static byte[] write(Report report) throws IOException {
        try (ByteArrayBuilder out = new ByteArrayBuilder(estimate(report))) {
            try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                writeReport(gen, report);
            }
            return out.toByteArray();
        }
    }

    /** A first buffer that usually holds the whole report, so it is not copied while growing. */
    private static int estimate(Report report) {
        return 256 + 128 * report.pollutants().size() + 48 * report.fields().size();
    }

    private static void writeReport(JsonGenerator gen, Report r) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("mn", r.mn());
        gen.writeStringField("protocol", r.protocol());
        gen.writeStringField("cn", r.cn());
        gen.writeStringField("st", r.st());
        stringField(gen, "qn", r.qn());
        if (r.flag() != null) {
            gen.writeNumberField("flag", r.flag().intValue());
        }
        instantField(gen, "dataTime", r.dataTime());
        instantField(gen, "receivedAt", r.receivedAt());
        gen.writeFieldName("pollutants");
        List<Pollutant> pollutants = r.pollutants();
        gen.writeStartArray();
        for (int i = 0, n = pollutants.size(); i < n; i++) {
            writePollutant(gen, pollutants.get(i));
        }
        gen.writeEndArray();
        mapField(gen, "fields", r.fields());
        if (r.packetCount() != null) {
            gen.writeNumberField("packetCount", r.packetCount().intValue());
        }
        if (r.packetNumber() != null) {
            gen.writeNumberField("packetNumber", r.packetNumber().intValue());
        }
        gen.writeFieldName("warnings");
        List<String> warnings = r.warnings();
        gen.writeStartArray();
        for (int i = 0, n = warnings.size(); i < n; i++) {
            gen.writeString(warnings.get(i));
        }
        gen.writeEndArray();
        gen.writeStringField("rawDigest", r.rawDigest());
        gen.writeEndObject();
    }

    private static void writePollutant(JsonGenerator gen, Pollutant p) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("code", p.code());
        numberField(gen, "rtd", p.rtd());
        numberField(gen, "min", p.min());
        numberField(gen, "avg", p.avg());
        numberField(gen, "max", p.max());
        numberField(gen, "zsRtd", p.zsRtd());
        numberField(gen, "zsMin", p.zsMin());
        numberField(gen, "zsAvg", p.zsAvg());
        numberField(gen, "zsMax", p.zsMax());
        numberField(gen, "cou", p.cou());
        stringField(gen, "flag", p.flag());
        stringField(gen, "eflag", p.eflag());
        instantField(gen, "sampleTime", p.sampleTime());
        mapField(gen, "extra", p.extra());
        gen.writeEndObject();
    }

    private static void stringField(JsonGenerator gen, String name, String value)
            throws IOException {
        if (value != null) {
            gen.writeStringField(name, value);
        }
    }

    private static void numberField(JsonGenerator gen, String name, Double value)
            throws IOException {
        if (value != null) {
            gen.writeNumberField(name, value.doubleValue());
        }
    }

    private static void instantField(JsonGenerator gen, String name, Instant value)
            throws IOException {
        if (value != null) {
            // Instant.toString is DateTimeFormatter.ISO_INSTANT, the mapper's instant format.
            gen.writeStringField(name, value.toString());
        }
    }

    /** The map sorted by key (the mapper's ORDER_MAP_ENTRIES_BY_KEYS); the records forbid nulls. */
    private static void mapField(JsonGenerator gen, String name, Map<String, String> map)
            throws IOException {
        gen.writeFieldName(name);
        gen.writeStartObject();
        int size = map.size();
        if (size == 1) {
            Map.Entry<String, String> only = map.entrySet().iterator().next();
            gen.writeStringField(only.getKey(), only.getValue());
        } else if (size > 1) {
            String[] keys = map.keySet().toArray(new String[size]);
            Arrays.sort(keys);
            for (String key : keys) {
                gen.writeStringField(key, map.get(key));
            }
        }
        gen.writeEndObject();
    }
}
