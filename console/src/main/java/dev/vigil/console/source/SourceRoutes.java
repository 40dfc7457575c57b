package dev.vigil.console.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiError;
import dev.vigil.console.api.Bodies;
import dev.vigil.console.audit.Audited;
import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.incident.IncidentAccess;
import dev.vigil.console.influx.InfluxQuery;
import dev.vigil.console.kafka.Publisher;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.rule.RuleSelection;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Source;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The source registry: list with status, detail with latest values, edits and the CSV import. */
public final class SourceRoutes {

    /** A device's password hash as the API shows it: never the hash itself. */
    public static final String MASK = "********";

    private final ConsoleState state;
    private final Guard guard;
    private final IncidentAccess access;
    private final Publisher publisher;
    private final InfluxQuery influx;
    private final Clock clock;

    public SourceRoutes(
            ConsoleState state,
            Guard guard,
            IncidentAccess access,
            Publisher publisher,
            InfluxQuery influx,
            Clock clock) {
        this.state = state;
        this.guard = guard;
        this.access = access;
        this.publisher = publisher;
        this.influx = influx;
        this.clock = clock;
    }

    /** Adds the routes. */
    public void register(Javalin app) {
        app.get("/api/sources", this::list);
        app.post("/api/sources/import", this::importCsv);
        app.get("/api/sources/{id}", this::detail);
        app.post("/api/sources", this::create);
        app.put("/api/sources/{id}", this::update);
        app.delete("/api/sources/{id}", this::retire);
    }

    /** The source with its devices' password hashes masked, as every answer shows it. */
    public static Source masked(Source s) {
        return new Source(
                s.sourceId(),
                s.name(),
                s.enterprise(),
                s.kind(),
                s.place(),
                s.groups(),
                s.outlets(),
                s.devices().stream()
                        .map(
                                d ->
                                        new Device(
                                                d.mn(),
                                                d.outletId(),
                                                d.protocol(),
                                                MASK,
                                                d.realtimeInterval(),
                                                d.minuteInterval()))
                        .toList(),
                s.cameras(),
                s.permitLimits(),
                s.agencyIds(),
                s.retired(),
                s.version(),
                s.updatedAt());
    }

    private void list(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        Map<String, Instant> lastReports = lastReports();
        ctx.json(
                state.sources().stream()
                        .filter(s -> access.seesSource(user, s.sourceId()))
                        .map(s -> entry(s, lastReports.get(s.sourceId())))
                        .toList());
    }

    private void detail(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        String id = ctx.pathParam("id");
        Source source = state.source(id).orElseThrow(() -> ApiError.notFound("no source " + id));
        access.checkSource(user, id);
        Map<String, Object> latest = latest(source);
        Instant last =
                latest.values().stream()
                        .map(v -> (Instant) ((Map<?, ?>) v).get("at"))
                        .max(Instant::compareTo)
                        .orElse(null);
        Map<String, Object> answer = entry(source, last);
        answer.put("alerts", state.openAlerts(id));
        answer.put("latest", latest);
        ctx.json(answer);
    }

    private Map<String, Object> entry(Source source, Instant lastReportAt) {
        List<Alert> open = state.openAlerts(source.sourceId());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("source", masked(source));
        entry.put("status", status(source, open));
        entry.put("openAlerts", open.size());
        entry.put("lastReportAt", lastReportAt);
        return entry;
    }

    /** NORMAL, WARNING, ALARM, OFFLINE, MAINTENANCE or RETIRED, from the source's open alerts. */
    static String status(Source source, List<Alert> open) {
        if (source.retired()) {
            return "RETIRED";
        }
        if (open.stream().anyMatch(a -> a.type() == Alert.Type.OFFLINE)) {
            return "OFFLINE";
        }
        if (open.stream().anyMatch(a -> a.type() == Alert.Type.MAINTENANCE)) {
            return "MAINTENANCE";
        }
        Optional<Severity> worst = open.stream().map(Alert::severity).max(Enum::compareTo);
        if (worst.isEmpty() || worst.get() == Severity.INFO) {
            return "NORMAL";
        }
        return worst.get() == Severity.WARNING ? "WARNING" : "ALARM";
    }

    /** The time of each source's latest reading in the last 7 days; empty when InfluxDB fails. */
    private Map<String, Instant> lastReports() {
        Map<String, Instant> out = new HashMap<>();
        try {
            for (InfluxQuery.Series s :
                    influx.query(
                            "SELECT last(\"valid\") FROM \"reading\" WHERE time > now() - 7d GROUP BY \"source\"")) {
                if (!s.rows().isEmpty() && s.rows().get(0).get(0) instanceof Double t) {
                    out.put(s.tags().get("source"), Instant.ofEpochMilli(t.longValue()));
                }
            }
        } catch (ApiError e) {
            // The list is still useful without the times.
        }
        return out;
    }

    /** The latest value of each pollutant of a source, with its flag and permit limit. */
    private Map<String, Object> latest(Source source) {
        Map<String, Object> out = new TreeMap<>();
        List<InfluxQuery.Series> series =
                influx.query(
                        "SELECT * FROM \"reading\" WHERE \"source\" = "
                                + InfluxQuery.quote(source.sourceId())
                                + " AND \"kind\" != 'equipment' AND time > now() - 7d"
                                + " GROUP BY \"pollutant\" ORDER BY time DESC LIMIT 1");
        for (InfluxQuery.Series s : series) {
            if (s.rows().isEmpty()) {
                continue;
            }
            List<Object> row = s.rows().get(0);
            String pollutant = s.tags().get("pollutant");
            Object value = cell(s, row, "rtd");
            if (value == null) {
                value = cell(s, row, "avg");
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", value);
            v.put("at", Instant.ofEpochMilli(((Double) row.get(0)).longValue()));
            v.put("flag", cell(s, row, "flag"));
            v.put("limit", RuleSelection.permitLimit(source, null, pollutant, DataKind.HOURLY));
            out.put(pollutant, v);
        }
        return out;
    }

    private static Object cell(InfluxQuery.Series s, List<Object> row, String column) {
        int i = s.column(column);
        return i < 0 ? null : row.get(i);
    }

    private void create(Context ctx) {
        guard.require(ctx, Guard.EDITORS);
        ObjectNode body = Bodies.object(ctx);
        String id = Bodies.text(body, "sourceId");
        Audited.as(ctx, "source.create", id);
        if (id != null && state.source(id).isPresent()) {
            throw ApiError.conflict("source " + id + " exists; edit it with PUT");
        }
        Source source = read(body, null, 1);
        publish(source);
        ctx.status(201).json(masked(source));
    }

    private void update(Context ctx) {
        guard.require(ctx, Guard.EDITORS);
        String id = ctx.pathParam("id");
        Audited.as(ctx, "source.update", id);
        ObjectNode body = Bodies.object(ctx);
        long expected = Bodies.requiredLong(body, "expectedVersion");
        Source known = state.source(id).orElseThrow(() -> ApiError.notFound("no source " + id));
        String bodyId = Bodies.text(body, "sourceId");
        if (bodyId != null && !bodyId.equals(id)) {
            throw ApiError.invalid("sourceId", "must be " + id + " as in the path");
        }
        if (known.version() != expected) {
            throw ApiError.conflict(
                    "source " + id + " is at version " + known.version() + ", not " + expected);
        }
        body.put("sourceId", id);
        Source source = read(body, known, known.version() + 1);
        publish(source);
        ctx.json(masked(source));
    }

    private void retire(Context ctx) {
        guard.require(ctx, Guard.EDITORS);
        String id = ctx.pathParam("id");
        Audited.as(ctx, "source.retire", id);
        Source s = state.source(id).orElseThrow(() -> ApiError.notFound("no source " + id));
        Source retired =
                new Source(
                        s.sourceId(),
                        s.name(),
                        s.enterprise(),
                        s.kind(),
                        s.place(),
                        s.groups(),
                        s.outlets(),
                        s.devices(),
                        s.cameras(),
                        s.permitLimits(),
                        s.agencyIds(),
                        true,
                        s.version() + 1,
                        clock.instant());
        publish(retired);
        ctx.json(masked(retired));
    }

    private void importCsv(Context ctx) {
        guard.require(ctx, Guard.EDITORS);
        Audited.as(ctx, "source.import", null);
        SourceCsv.Result result =
                SourceCsv.read(ctx.body(), id -> state.source(id).orElse(null), clock.instant());
        if (result.errors().isEmpty()) {
            result.sources().forEach(this::publish);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("created", result.created());
        answer.put("updated", result.updated());
        answer.put("errors", result.errors());
        ctx.json(answer);
    }

    /**
     * A source from a request body: version and time set here; each device either gives a {@code
     * password} (hashed here) or keeps the hash it has in the registry.
     */
    private Source read(ObjectNode body, Source known, long version) {
        body.remove("expectedVersion");
        body.put("version", version);
        body.put("updatedAt", clock.instant().toString());
        JsonNode devices = body.get("devices");
        if (devices instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof ObjectNode device)) {
                    throw ApiError.invalid("devices[" + i + "]", "an object is required");
                }
                String mn = Bodies.text(device, "mn");
                String password = Bodies.text(device, "password");
                device.remove("password");
                if (password != null && mn != null) {
                    if (password.isEmpty()) {
                        throw ApiError.invalid("devices[" + i + "].password", "must not be empty");
                    }
                    device.put("passwordHash", Device.hashPassword(mn, password));
                    continue;
                }
                String hash = Bodies.text(device, "passwordHash");
                Optional<Device> before =
                        known == null || mn == null ? Optional.empty() : known.device(mn);
                if (before.isPresent() && (hash == null || hash.equals(MASK))) {
                    device.put("passwordHash", before.get().passwordHash());
                } else if (hash == null || hash.equals(MASK)) {
                    throw ApiError.invalid(
                            "devices[" + i + "].password", "required for a new device");
                }
            }
        }
        Source source = Bodies.convert(body, Source.class);
        List<String> problems = source.validate();
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems.get(0));
        }
        return source;
    }

    private void publish(Source source) {
        publisher.publish(Topics.SOURCES, source);
        state.apply(Topics.SOURCES.name(), source.sourceId(), source);
    }
}
