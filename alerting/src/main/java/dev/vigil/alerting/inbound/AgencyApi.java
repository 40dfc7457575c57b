package dev.vigil.alerting.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vigil.alerting.delivery.Dispatcher;
import dev.vigil.alerting.route.Agency;
import dev.vigil.alerting.route.AgencyDirectory;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Command;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The agencies' answer API: {@code POST <prefix>/incidents/{incidentId}/{acknowledge|arrive|
 * findings|close}} with the agency's key in {@code X-Api-Key} and an optional JSON body {@code
 * {userId, note, commandId}}; each becomes a {@link Command} on {@code vigil.commands} with an
 * AGENCY actor. An agency may act only on incidents alerting dispatched to it (403 otherwise);
 * errors are {@code {error, field, detail}}.
 */
public final class AgencyApi implements HttpHandler {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_BODY = 64 * 1024;

    private static final Map<String, Command.Type> ACTIONS =
            Map.of(
                    "acknowledge", Command.Type.ACKNOWLEDGE,
                    "arrive", Command.Type.ARRIVE,
                    "findings", Command.Type.NOTE,
                    "close", Command.Type.FEEDBACK);

    private final String prefix;
    private final AgencyDirectory directory;
    private final Dispatcher dispatcher;
    private final Producer<String, byte[]> producer;
    private final Clock clock;

    public AgencyApi(
            String prefix,
            AgencyDirectory directory,
            Dispatcher dispatcher,
            Producer<String, byte[]> producer,
            Clock clock) {
        this.prefix = prefix;
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.producer = producer;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            answer(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, error("internal", null, e.getClass().getSimpleName()));
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, error("method_not_allowed", null, "use POST"));
            return;
        }
        String rest = exchange.getRequestURI().getPath().substring(prefix.length());
        String[] parts = rest.split("/");
        // "", "incidents", id, action
        if (parts.length != 4 || !parts[1].equals("incidents") || parts[2].isBlank()) {
            send(
                    exchange,
                    404,
                    error(
                            "not_found",
                            "path",
                            "expected " + prefix + "/incidents/{incidentId}/{action}"));
            return;
        }
        String incidentId = parts[2];
        Command.Type type = ACTIONS.get(parts[3]);
        if (type == null) {
            send(exchange, 404, error("not_found", "action", "one of " + ACTIONS.keySet()));
            return;
        }
        Optional<Agency> agency =
                directory.byApiKey(exchange.getRequestHeaders().getFirst("X-Api-Key"));
        if (agency.isEmpty()) {
            send(exchange, 401, error("unauthorized", "X-Api-Key", "missing or unknown API key"));
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                send(exchange, 413, error("too_large", null, "body over " + MAX_BODY + " bytes"));
                return;
            }
            body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            send(exchange, 400, error("invalid_json", null, "unreadable body"));
            return;
        }
        if (body == null || !body.isObject()) {
            send(exchange, 400, error("invalid_json", null, "body must be a JSON object"));
            return;
        }
        String agencyId = agency.get().agencyId();
        if (!dispatcher.dispatched(incidentId, agencyId)) {
            send(
                    exchange,
                    403,
                    error(
                            "forbidden",
                            "incidentId",
                            "incident " + incidentId + " was not dispatched to " + agencyId));
            return;
        }
        String userId = text(body, "userId", agencyId);
        String commandId = text(body, "commandId", UUID.randomUUID().toString());
        Command command =
                new Command(
                        commandId,
                        incidentId,
                        type,
                        new Actor(userId, Actor.Role.AGENCY, agencyId),
                        clock.instant(),
                        List.of(),
                        text(body, "note", null),
                        null,
                        null,
                        null);
        List<String> problems = command.validate();
        if (!problems.isEmpty()) {
            String first = problems.get(0);
            int colon = first.indexOf(':');
            send(
                    exchange,
                    400,
                    error("invalid", colon > 0 ? first.substring(0, colon) : null, first));
            return;
        }
        try {
            producer.send(
                            new ProducerRecord<>(
                                    Topics.COMMANDS.name(), incidentId, Json.toBytes(command)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            send(exchange, 503, error("unavailable", null, "command not recorded, try again"));
            return;
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("commandId", commandId);
        ok.put("type", type);
        send(exchange, 202, ok);
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? fallback : n.asText();
    }

    private static Map<String, Object> error(String error, String field, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("field", field);
        m.put("detail", detail);
        return m;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
