package dev.vigil.console.auth;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.events.account.Account;
import dev.vigil.events.incident.Actor.Role;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the signed-in user of a request from its {@code vigil_session} cookie and checks the roles
 * an endpoint allows: 401 without a live session (or for a disabled account), 403 for a role the
 * endpoint does not allow.
 */
public final class Guard {

    /** The session cookie's name. */
    public static final String COOKIE = "vigil_session";

    /** The request attribute holding the {@link SignedInUser}, for the audit. */
    public static final String USER = "vigil.user";

    /** Every role of a person. */
    public static final Set<Role> ANYONE =
            EnumSet.of(Role.OPERATOR, Role.ENV_STAFF, Role.AGENCY, Role.ADMIN);

    /** Command-center staff. */
    public static final Set<Role> STAFF = EnumSet.of(Role.OPERATOR, Role.ENV_STAFF, Role.ADMIN);

    /** Who keeps the registry and the rules. */
    public static final Set<Role> EDITORS = EnumSet.of(Role.ENV_STAFF, Role.ADMIN);

    /** Administrators. */
    public static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    private final Sessions sessions;
    private final ConsoleState state;

    public Guard(Sessions sessions, ConsoleState state) {
        this.sessions = sessions;
        this.state = state;
    }

    /** The signed-in user of a request, if any. */
    public Optional<SignedInUser> find(String token) {
        return sessions.touch(token)
                .flatMap(s -> state.account(s.username()))
                .filter(a -> !a.disabled())
                .map(SignedInUser::of);
    }

    /** The signed-in user, or 401. */
    public SignedInUser user(Context ctx) {
        SignedInUser user =
                find(ctx.cookie(COOKIE))
                        .orElseThrow(
                                () ->
                                        ApiError.unauthenticated(
                                                "sign in first (no session, or it expired)"));
        ctx.attribute(USER, user);
        return user;
    }

    /** The signed-in user if their role is one of these; else 401 or 403. */
    public SignedInUser require(Context ctx, Set<Role> roles) {
        SignedInUser user = user(ctx);
        if (!roles.contains(user.role())) {
            throw ApiError.forbidden("role " + user.role() + " may not do this");
        }
        return user;
    }

    /** The account behind a user. */
    public Account account(SignedInUser user) {
        return state.account(user.username())
                .orElseThrow(() -> ApiError.unauthenticated("the account no longer exists"));
    }
}
