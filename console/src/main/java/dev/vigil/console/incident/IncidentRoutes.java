package dev.vigil.console.incident;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiError;
import dev.vigil.console.api.Bodies;
import dev.vigil.console.audit.Audited;
import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.kafka.Publisher;
import dev.vigil.console.source.SourceRoutes;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.console.state.IncidentSummary;
import dev.vigil.events.Severity;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentLifecycle;
import dev.vigil.events.video.VideoEvent;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Incidents (list, counts, detail) and the commands operators and agencies issue on them. */
public final class IncidentRoutes {

    /** Priority high first, then the oldest first. */
    static final Comparator<IncidentSummary> ORDER =
            Comparator.comparingInt(IncidentSummary::priority)
                    .reversed()
                    .thenComparing(IncidentSummary::openedAt)
                    .thenComparing(IncidentSummary::incidentId);

    private final ConsoleState state;
    private final Guard guard;
    private final IncidentAccess access;
    private final Publisher publisher;
    private final Clock clock;

    public IncidentRoutes(
            ConsoleState state,
            Guard guard,
            IncidentAccess access,
            Publisher publisher,
            Clock clock) {
        this.state = state;
        this.guard = guard;
        this.access = access;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Adds the routes. */
    public void register(Javalin app) {
        app.get("/api/incidents", this::list);
        app.get("/api/incidents/counts", this::counts);
        app.get("/api/incidents/{id}", this::detail);
        app.post("/api/incidents/{id}/commands", this::command);
    }

    private void list(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        Set<IncidentEvent.State> states = enums(ctx, "state", IncidentEvent.State.class);
        Set<Severity> severities = enums(ctx, "severity", Severity.class);
        String sourceId = blankToNull(ctx.queryParam("sourceId"));
        String agencyId = blankToNull(ctx.queryParam("agencyId"));
        String open = blankToNull(ctx.queryParam("open"));
        if (open != null && !open.equals("true") && !open.equals("false")) {
            throw ApiError.invalid("open", "true or false");
        }
        int limit = Bodies.intParam(ctx, "limit", 200, 1, 5000);
        ctx.json(
                state.incidents().stream()
                        .filter(i -> access.sees(user, i))
                        .filter(i -> states == null || states.contains(i.state()))
                        .filter(i -> severities == null || severities.contains(i.severity()))
                        .filter(i -> sourceId == null || i.sourceId().equals(sourceId))
                        .filter(i -> agencyId == null || i.agencyIds().contains(agencyId))
                        .filter(i -> open == null || i.open() == open.equals("true"))
                        .sorted(ORDER)
                        .limit(limit)
                        .toList());
    }

    private void counts(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (IncidentEvent.State s : IncidentEvent.State.values()) {
            if (s != IncidentEvent.State.CLOSED && s != IncidentEvent.State.MERGED) {
                counts.put(s.name(), 0L);
            }
        }
        state.incidents().stream()
                .filter(i -> i.open() && access.sees(user, i))
                .forEach(i -> counts.merge(i.state().name(), 1L, Long::sum));
        ctx.json(counts);
    }

    private void detail(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        IncidentSummary incident = visibleIncident(user, ctx.pathParam("id"));
        List<IncidentEvent> timeline = state.timeline(incident.incidentId());
        Set<String> alertIds = new LinkedHashSet<>();
        timeline.forEach(e -> alertIds.addAll(e.alertIds()));
        List<Alert> alerts = new ArrayList<>();
        Map<String, VideoEvent> videos = new TreeMap<>();
        Map<String, Complaint> complaints = new TreeMap<>();
        for (String alertId : alertIds) {
            Optional<Alert> alert = state.alert(alertId);
            if (alert.isEmpty()) {
                continue;
            }
            alerts.add(alert.get());
            for (Evidence e : alert.get().evidence()) {
                if (e.kind() == Evidence.Kind.VIDEO_EVENT) {
                    state.videoEvent(e.ref()).ifPresent(v -> videos.put(v.eventId(), v));
                } else if (e.kind() == Evidence.Kind.COMPLAINT) {
                    state.complaint(e.ref()).ifPresent(c -> complaints.put(c.complaintId(), c));
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incident", incident);
        answer.put("timeline", timeline);
        answer.put("alerts", alerts);
        answer.put(
                "deliveries",
                state.deliveries(incident.incidentId()).stream()
                        .filter(d -> user.staff() || d.agencyId().equals(user.agencyId()))
                        .toList());
        answer.put(
                "source", state.source(incident.sourceId()).map(SourceRoutes::masked).orElse(null));
        answer.put("videoEvents", List.copyOf(videos.values()));
        answer.put("complaints", List.copyOf(complaints.values()));
        ctx.json(answer);
    }

    private void command(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        String incidentId = ctx.pathParam("id");
        ObjectNode body = Bodies.object(ctx);
        Command.Type type = Bodies.enumValue(Command.Type.class, "type", Bodies.text(body, "type"));
        if (type == null) {
            throw ApiError.invalid("type", "required");
        }
        Audited.as(ctx, "incident." + type.name().toLowerCase(Locale.ROOT), incidentId);
        IncidentSummary incident = visibleIncident(user, incidentId);
        List<String> agencyIds = new ArrayList<>();
        if (body.has("agencyIds") && !body.get("agencyIds").isNull()) {
            if (!body.get("agencyIds").isArray()) {
                throw ApiError.invalid("agencyIds", "a list of agency ids is required");
            }
            body.get("agencyIds").forEach(n -> agencyIds.add(n.asText()));
        }
        String commandId = Bodies.text(body, "commandId");
        Instant silenceUntil = null;
        String until = Bodies.text(body, "silenceUntil");
        if (until != null) {
            try {
                silenceUntil = Instant.parse(until);
            } catch (RuntimeException e) {
                throw ApiError.invalid("silenceUntil", "an ISO-8601 UTC time is required");
            }
        }
        Command command =
                new Command(
                        commandId == null || commandId.isBlank()
                                ? UUID.randomUUID().toString()
                                : commandId,
                        incidentId,
                        type,
                        user.actor(),
                        clock.instant(),
                        agencyIds,
                        Bodies.text(body, "note"),
                        Bodies.text(body, "mergeInto"),
                        silenceUntil,
                        type == Command.Type.SILENCE && Bodies.text(body, "sourceId") == null
                                ? incident.sourceId()
                                : Bodies.text(body, "sourceId"));
        List<String> problems = command.validate();
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems.get(0));
        }
        Optional<String> rejection =
                IncidentLifecycle.rejection(
                        command,
                        incident.state(),
                        incident.agencyIds(),
                        Set.copyOf(incident.acknowledgedBy()));
        if (rejection.isPresent()) {
            String why = rejection.get();
            boolean notTheirs = why.startsWith("agency ") && why.contains("was not dispatched");
            if (why.startsWith("role ") || notTheirs) {
                throw ApiError.forbidden(why);
            }
            throw ApiError.conflict(why);
        }
        publisher.publish(Topics.COMMANDS, command);
        ctx.status(202).json(Map.of("commandId", command.commandId()));
    }

    private IncidentSummary visibleIncident(SignedInUser user, String incidentId) {
        IncidentSummary incident =
                state.incident(incidentId)
                        .orElseThrow(() -> ApiError.notFound("no incident " + incidentId));
        if (!access.sees(user, incident)) {
            throw ApiError.forbidden("incident " + incidentId + " was not dispatched to you");
        }
        return incident;
    }

    private static <E extends Enum<E>> Set<E> enums(Context ctx, String name, Class<E> type) {
        String value = blankToNull(ctx.queryParam(name));
        if (value == null) {
            return null;
        }
        Set<E> out = EnumSet.noneOf(type);
        Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(s -> out.add(Bodies.enumValue(type, name, s.toUpperCase(Locale.ROOT))));
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
