package dev.vigil.console.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiError;
import dev.vigil.console.api.Bodies;
import dev.vigil.console.audit.Audited;
import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.kafka.Publisher;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.events.Topics;
import dev.vigil.events.rule.ThresholdRule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Threshold rules: list, detail with history, edits (validated), retirement and the preview. */
public final class RuleRoutes {

    private final ConsoleState state;
    private final Guard guard;
    private final Publisher publisher;
    private final RulePreview preview;
    private final Clock clock;

    public RuleRoutes(
            ConsoleState state,
            Guard guard,
            Publisher publisher,
            RulePreview preview,
            Clock clock) {
        this.state = state;
        this.guard = guard;
        this.publisher = publisher;
        this.preview = preview;
        this.clock = clock;
    }

    /** Adds the routes. */
    public void register(Javalin app) {
        app.get("/api/rules", this::list);
        app.post("/api/rules/preview", this::preview);
        app.get("/api/rules/{id}", this::detail);
        app.post("/api/rules", this::create);
        app.put("/api/rules/{id}", this::update);
        app.delete("/api/rules/{id}", this::retire);
    }

    private void list(Context ctx) {
        guard.require(ctx, Guard.STAFF);
        ctx.json(state.rules());
    }

    private void detail(Context ctx) {
        guard.require(ctx, Guard.STAFF);
        String id = ctx.pathParam("id");
        ThresholdRule rule = state.rule(id).orElseThrow(() -> ApiError.notFound("no rule " + id));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rule", rule);
        answer.put("history", state.ruleHistory(id));
        ctx.json(answer);
    }

    private void create(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.EDITORS);
        ObjectNode body = Bodies.object(ctx);
        String id = Bodies.text(body, "ruleId");
        Audited.as(ctx, "rule.create", id);
        if (id != null && state.rule(id).isPresent()) {
            throw ApiError.conflict("rule " + id + " exists; edit it with PUT");
        }
        ThresholdRule rule = read(body, user, 1);
        publish(rule);
        ctx.status(201).json(rule);
    }

    private void update(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.EDITORS);
        String id = ctx.pathParam("id");
        Audited.as(ctx, "rule.update", id);
        ObjectNode body = Bodies.object(ctx);
        long expected = Bodies.requiredLong(body, "expectedVersion");
        ThresholdRule known = state.rule(id).orElseThrow(() -> ApiError.notFound("no rule " + id));
        String bodyId = Bodies.text(body, "ruleId");
        if (bodyId != null && !bodyId.equals(id)) {
            throw ApiError.invalid("ruleId", "must be " + id + " as in the path");
        }
        if (known.version() != expected) {
            throw ApiError.conflict(
                    "rule " + id + " is at version " + known.version() + ", not " + expected);
        }
        body.put("ruleId", id);
        ThresholdRule rule = read(body, user, known.version() + 1);
        publish(rule);
        ctx.json(rule);
    }

    private void retire(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.EDITORS);
        String id = ctx.pathParam("id");
        Audited.as(ctx, "rule.retire", id);
        ThresholdRule r = state.rule(id).orElseThrow(() -> ApiError.notFound("no rule " + id));
        ThresholdRule retired =
                new ThresholdRule(
                        r.ruleId(),
                        r.version() + 1,
                        r.name(),
                        r.scope(),
                        r.dataKind(),
                        r.comparator(),
                        r.levels(),
                        r.persistence(),
                        r.clearRatio(),
                        false,
                        user.username(),
                        clock.instant(),
                        true);
        publish(retired);
        ctx.json(retired);
    }

    private void preview(Context ctx) {
        guard.require(ctx, Guard.EDITORS);
        ObjectNode body = Bodies.object(ctx);
        JsonNode ruleNode = body.get("rule");
        if (!(ruleNode instanceof ObjectNode ruleBody)) {
            throw ApiError.invalid("rule", "a rule object is required");
        }
        JsonNode daysNode = body.get("days");
        int days = daysNode == null || daysNode.isNull() ? 7 : daysNode.asInt(-1);
        if (days < 1 || days > 31) {
            throw ApiError.invalid("days", "must be within 1..31");
        }
        if (!ruleBody.has("version")) {
            ruleBody.put("version", 0);
        }
        if (!ruleBody.has("author")) {
            ruleBody.put("author", "preview");
        }
        if (!ruleBody.has("updatedAt")) {
            ruleBody.put("updatedAt", clock.instant().toString());
        }
        if (!ruleBody.has("enabled")) {
            ruleBody.put("enabled", true);
        }
        ThresholdRule proposed = Bodies.convert(ruleBody, ThresholdRule.class);
        validate(proposed, "rule.");
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from);
        answer.put("to", to);
        answer.put("proposed", outcome(proposed, from, to));
        answer.put(
                "current",
                state.rule(proposed.ruleId()).map(r -> outcome(r, from, to)).orElse(null));
        ctx.json(answer);
    }

    private RulePreview.Outcome outcome(ThresholdRule rule, Instant from, Instant to) {
        return RulePreview.count(
                rule, preview.readings(rule, from, to), id -> state.source(id).orElse(null));
    }

    /** A rule from a body: version, author and time set here, then validated. */
    private ThresholdRule read(ObjectNode body, SignedInUser user, long version) {
        body.remove("expectedVersion");
        body.put("version", version);
        body.put("author", user.username());
        body.put("updatedAt", clock.instant().toString());
        if (!body.has("enabled")) {
            body.put("enabled", true);
        }
        if (!body.has("retired")) {
            body.put("retired", false);
        }
        ThresholdRule rule = Bodies.convert(body, ThresholdRule.class);
        validate(rule, "");
        return rule;
    }

    private static void validate(ThresholdRule rule, String prefix) {
        List<String> problems = rule.validate();
        if (!problems.isEmpty()) {
            throw ApiError.invalid(prefix + problems.get(0));
        }
    }

    private void publish(ThresholdRule rule) {
        publisher.publish(Topics.RULES, rule);
        publisher.publish(Topics.RULE_HISTORY, rule);
        state.apply(Topics.RULES.name(), rule.ruleId(), rule);
    }
}
