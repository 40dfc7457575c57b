package dev.vigil.jobs.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.embedded.InfluxServer;
import dev.vigil.events.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of an InfluxQL answer as maps from column to value, for assertions in tests: {@code time} as
 * a long in epoch milliseconds, other numbers as doubles, nulls left out.
 */
public final class InfluxRows {

    private static final ObjectMapper MAPPER = Json.mapper();

    private InfluxRows() {}

    /** The rows of every series of the first statement; times are epoch milliseconds. */
    public static List<Map<String, Object>> query(
            InfluxServer influx, String database, String influxql) {
        try {
            JsonNode result =
                    MAPPER.readTree(influx.query(database, influxql)).path("results").path(0);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode series : result.path("series")) {
                List<String> columns = new ArrayList<>();
                series.path("columns").forEach(column -> columns.add(column.asText()));
                for (JsonNode values : series.path("values")) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        JsonNode value = values.path(i);
                        if (value.isNull()) {
                            continue;
                        }
                        // InfluxDB's JSON drops ".0" from floats: compare every number as a double.
                        String column = columns.get(i);
                        if (column.equals("time")) {
                            row.put(column, value.asLong());
                        } else if (value.isNumber()) {
                            row.put(column, value.asDouble());
                        } else {
                            row.put(column, MAPPER.treeToValue(value, Object.class));
                        }
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read InfluxDB's answer to " + influxql, e);
        }
    }
}
