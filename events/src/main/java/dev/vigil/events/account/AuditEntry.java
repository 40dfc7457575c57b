package dev.vigil.events.account;

import dev.vigil.events.incident.Actor.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the console's audit trail: a sign-in attempt or an action, who tried it, on what, and
 * how it ended. Published to {@code vigil.audit}, keyed by user name and kept forever.
 *
 * @param auditId unique per entry
 * @param at when it happened
 * @param username who (as typed, for a failed sign-in); never null
 * @param role the role they acted in; null when the sign-in failed before one was known
 * @param agencyId the agency they acted for; nullable
 * @param action what, as a short verb phrase ({@code sign-in}, {@code incident.acknowledge}, {@code
 *     rule.update}, ...)
 * @param target what it was done to (an incident, rule, source or user id); nullable
 * @param outcome how it ended
 * @param detail why it was refused or failed, or a short description; nullable
 * @param remoteAddress the client's address; nullable
 */
public record AuditEntry(
        String auditId,
        Instant at,
        String username,
        Role role,
        String agencyId,
        String action,
        String target,
        Outcome outcome,
        String detail,
        String remoteAddress) {

    /** How an audited attempt ended. */
    public enum Outcome {
        /** Done. */
        SUCCESS,
        /** Refused: wrong credentials, locked out, wrong role or object. */
        DENIED,
        /** Allowed but it did not work (invalid input, conflict, a component unavailable). */
        FAILED
    }

    public AuditEntry {
        Objects.requireNonNull(auditId, "auditId is required");
        Objects.requireNonNull(at, "at is required");
        Objects.requireNonNull(username, "username is required");
        Objects.requireNonNull(action, "action is required");
        Objects.requireNonNull(outcome, "outcome is required");
    }
}
