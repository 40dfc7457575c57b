package dev.vigil.console.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids the stream's agency filter needs, read from a record's JSON with Jackson's token stream:
 * only top-level fields, everything else skipped unread, so an alert costs one pass over its bytes
 * instead of binding a whole event with its instants and evidence. Nested objects are skipped, so
 * an {@code agencyId} inside an actor is never taken for the record's own.
 *
 * @param alertId top-level {@code alertId}; nullable
 * @param incidentId top-level {@code incidentId}; nullable
 * @param agencyId top-level {@code agencyId}; nullable
 * @param sequence top-level {@code sequence}; 0 when absent
 * @param alertIds top-level {@code alertIds}; empty when absent
 * @param agencyIds top-level {@code agencyIds}; empty when absent
 */
record RecordIds(
        String alertId,
        String incidentId,
        String agencyId,
        long sequence,
        List<String> alertIds,
        List<String> agencyIds) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Reads the ids of one JSON object; fails on anything that is not one. */
    static RecordIds of(byte[] json) {
        String alertId = null;
        String incidentId = null;
        String agencyId = null;
        long sequence = 0;
        List<String> alertIds = List.of();
        List<String> agencyIds = List.of();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "alertId" -> alertId = text(p, value);
                    case "incidentId" -> incidentId = text(p, value);
                    case "agencyId" -> agencyId = text(p, value);
                    case "sequence" ->
                            sequence = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                    case "alertIds" -> alertIds = texts(p, value);
                    case "agencyIds" -> agencyIds = texts(p, value);
                    default -> p.skipChildren();
                }
            }
            return new RecordIds(alertId, incidentId, agencyId, sequence, alertIds, agencyIds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static List<String> texts(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> out = new ArrayList<>();
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            if (item == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return out;
    }
}
