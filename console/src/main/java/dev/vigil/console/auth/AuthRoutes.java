package dev.vigil.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiError;
import dev.vigil.console.api.Bodies;
import dev.vigil.console.audit.AuditTrail;
import dev.vigil.console.audit.Audited;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.events.account.Account;
import dev.vigil.events.account.AuditEntry.Outcome;
import dev.vigil.events.incident.Actor.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sessions, one's own password, users (admins) and the audit trail (admins). */
public final class AuthRoutes {

    private final AccountService accounts;
    private final Sessions sessions;
    private final Guard guard;
    private final ConsoleState state;
    private final AuditTrail audit;

    public AuthRoutes(
            AccountService accounts,
            Sessions sessions,
            Guard guard,
            ConsoleState state,
            AuditTrail audit) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.guard = guard;
        this.state = state;
        this.audit = audit;
    }

    /** Adds the routes. */
    public void register(Javalin app) {
        app.post("/api/session", this::signIn);
        app.get("/api/session", ctx -> ctx.json(guard.user(ctx)));
        app.delete("/api/session", this::signOut);
        app.put("/api/session/password", this::changePassword);
        app.get("/api/users", this::listUsers);
        app.post("/api/users", this::createUser);
        app.put("/api/users/{username}", this::updateUser);
        app.get("/api/audit", this::queryAudit);
    }

    private void signIn(Context ctx) {
        JsonNode body = Bodies.object(ctx);
        Sessions.Session session =
                accounts.signIn(
                        Bodies.text(body, "username"), Bodies.text(body, "password"), ctx.ip());
        Instant expiresAt = sessions.expiresAt(session);
        ctx.header(
                "Set-Cookie",
                Guard.COOKIE + "=" + session.token() + "; Path=/; HttpOnly; SameSite=Strict");
        SignedInUser user = SignedInUser.of(state.account(session.username()).orElseThrow());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", user);
        answer.put("expiresAt", expiresAt);
        ctx.json(answer);
    }

    private void signOut(Context ctx) {
        SignedInUser user = guard.user(ctx);
        Audited.as(ctx, "sign-out", user.username());
        sessions.close(ctx.cookie(Guard.COOKIE));
        ctx.header("Set-Cookie", Guard.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        ctx.status(204);
    }

    private void changePassword(Context ctx) {
        SignedInUser user = guard.user(ctx);
        Audited.as(ctx, "password.change", user.username());
        JsonNode body = Bodies.object(ctx);
        accounts.changePassword(
                user.username(), Bodies.text(body, "current"), Bodies.text(body, "next"));
        ctx.status(204);
    }

    private void listUsers(Context ctx) {
        guard.require(ctx, Guard.ADMINS);
        ctx.json(state.accounts().stream().map(AuthRoutes::view).toList());
    }

    private void createUser(Context ctx) {
        guard.require(ctx, Guard.ADMINS);
        ObjectNode body = Bodies.object(ctx);
        String username = Bodies.text(body, "username");
        Audited.as(ctx, "user.create", username);
        Account created =
                accounts.create(
                        username,
                        Bodies.text(body, "displayName"),
                        Bodies.enumValue(Role.class, "role", Bodies.text(body, "role")),
                        Bodies.text(body, "agencyId"),
                        Bodies.text(body, "password"));
        ctx.status(201).json(view(created));
    }

    private void updateUser(Context ctx) {
        guard.require(ctx, Guard.ADMINS);
        String username = ctx.pathParam("username");
        Audited.as(ctx, "user.update", username);
        ObjectNode body = Bodies.object(ctx);
        JsonNode disabled = body.get("disabled");
        if (disabled != null && !disabled.isBoolean() && !disabled.isNull()) {
            throw ApiError.invalid("disabled", "must be true or false");
        }
        Account updated =
                accounts.update(
                        username,
                        Bodies.text(body, "displayName"),
                        Bodies.enumValue(Role.class, "role", Bodies.text(body, "role")),
                        Bodies.text(body, "agencyId"),
                        disabled == null || disabled.isNull() ? null : disabled.asBoolean(),
                        Bodies.text(body, "password"));
        ctx.json(view(updated));
    }

    private void queryAudit(Context ctx) {
        guard.require(ctx, Guard.ADMINS);
        ctx.json(
                audit.query(
                        new AuditTrail.Query(
                                blankToNull(ctx.queryParam("user")),
                                blankToNull(ctx.queryParam("action")),
                                Bodies.enumValue(
                                        Outcome.class,
                                        "outcome",
                                        blankToNull(ctx.queryParam("outcome"))),
                                Bodies.instantParam(ctx, "from", null),
                                Bodies.instantParam(ctx, "to", null),
                                Bodies.intParam(ctx, "limit", 200, 1, 10_000))));
    }

    /** An account as admins see it: everything but the hash. */
    static Map<String, Object> view(Account a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("username", a.username());
        v.put("displayName", a.displayName());
        v.put("role", a.role());
        v.put("agencyId", a.agencyId());
        v.put("disabled", a.disabled());
        v.put("version", a.version());
        v.put("updatedAt", a.updatedAt());
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
