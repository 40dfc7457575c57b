package dev.vigil.console.auth;

import dev.vigil.events.account.Account;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Actor.Role;
import dev.vigil.events.incident.IncidentLifecycle;

/** The user a request acts for, as {@code GET /api/session} shows them. */
public record SignedInUser(String username, String displayName, Role role, String agencyId) {

    /** The user of an account. */
    public static SignedInUser of(Account account) {
        return new SignedInUser(
                account.username(), account.displayName(), account.role(), account.agencyId());
    }

    /** Command-center staff: OPERATOR, ENV_STAFF or ADMIN. */
    public boolean staff() {
        return IncidentLifecycle.STAFF.contains(role);
    }

    /** The actor of commands this user issues. */
    public Actor actor() {
        return new Actor(username, role, role == Role.AGENCY ? agencyId : null);
    }
}
