package dev.vigil.ingest.hj212;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes an {@link Hj212Message} as one JSON object with the standard's field names ({@code QN},
 * {@code ST}, {@code CN}, {@code MN}, {@code Flag}, {@code PNUM}, {@code PNO}, {@code DataTime} as
 * ISO-8601 with {@code +08:00}, {@code CP}), plus {@code protocol} and {@code warnings}.
 *
 * <p>Passwords are masked (header {@code PW} and the CP keys {@code PW} and {@code NewPW} of
 * set-password commands). In CP, each pollutant is an object of its sub-fields, numeric ones as
 * JSON numbers; every other CP key is written verbatim as a string.
 */
public final class Hj212Json {

    private final JsonFactory factory = new JsonFactory();

    /** Returns the message as a single-line JSON object. */
    public String write(Hj212Message message) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = factory.createGenerator(text)) {
            write(message, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes the message as one JSON object to {@code json}. */
    public void write(Hj212Message message, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("protocol", message.protocol().label());
        writeIfPresent(json, "QN", message.qn());
        writeIfPresent(json, "ST", message.st());
        json.writeStringField("CN", message.cn());
        if (message.pw() != null) {
            json.writeStringField("PW", Hj212Message.MASKED_PASSWORD);
        }
        json.writeStringField("MN", message.mn());
        writeIfPresent(json, "Flag", message.flag());
        writeIfPresent(json, "PNUM", message.packetCount());
        writeIfPresent(json, "PNO", message.packetNumber());
        if (message.dataTime() != null) {
            json.writeStringField("DataTime", Hj212Time.formatIso(message.dataTime()));
        }
        json.writeObjectFieldStart("CP");
        for (Map.Entry<String, String> field : message.fields().entrySet()) {
            boolean secret = field.getKey().equals("PW") || field.getKey().equals("NewPW");
            json.writeStringField(
                    field.getKey(), secret ? Hj212Message.MASKED_PASSWORD : field.getValue());
        }
        for (Hj212Pollutant pollutant : message.pollutants().values()) {
            json.writeObjectFieldStart(pollutant.code());
            for (Map.Entry<String, String> value : pollutant.values().entrySet()) {
                json.writeFieldName(value.getKey());
                writeValue(json, value.getKey(), value.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeArrayFieldStart("warnings");
        for (String warning : message.warnings()) {
            json.writeString(warning);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, String subField, String text)
            throws IOException {
        if (!Hj212Pollutant.isNumeric(subField) || !Hj212Pollutant.isNumber(text)) {
            json.writeString(text);
        } else if (isJsonNumber(text)) {
            json.writeNumber(text); // verbatim, so 0.000 stays 0.000
        } else {
            json.writeNumber(Double.parseDouble(text)); // e.g. "+1.5", "007", "5."
        }
    }

    private static void writeIfPresent(JsonGenerator json, String name, String value)
            throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void writeIfPresent(JsonGenerator json, String name, Integer value)
            throws IOException {
        if (value != null) {
            json.writeNumberField(name, value);
        }
    }

    /**
     * Tells whether text already is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
     */
    static boolean isJsonNumber(String text) {
        int n = text.length();
        int i = text.startsWith("-") ? 1 : 0;
        int intStart = i;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && text.charAt(intStart) == '0')) {
            return false;
        }
        if (i < n && text.charAt(i) == '.') {
            int fractionStart = ++i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == fractionStart) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentStart = i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == exponentStart) {
                return false;
            }
        }
        return i == n;
    }
}
