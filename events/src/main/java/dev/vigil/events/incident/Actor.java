package dev.vigil.events.incident;

import java.util.Objects;

/**
 * Who did something to an incident, with the role their permission comes from; recorded on every
 * command and incident event for accountability.
 *
 * @param userId the user's id, or the component's name for {@link Role#SYSTEM}
 * @param role the role acted in
 * @param agencyId the agency acted for; required for {@link Role#AGENCY}, else nullable
 */
public record Actor(String userId, Role role, String agencyId) {

    /** Vigil itself, for what timers and correlation do (escalations, SLA breaches). */
    public static final Actor SYSTEM = new Actor("vigil", Role.SYSTEM, null);

    /** The role a user acts in. */
    public enum Role {
        /** Command-center operator. */
        OPERATOR,
        /** Environmental staff (registry, rules, reviews). */
        ENV_STAFF,
        /** Staff of a linked agency. */
        AGENCY,
        /** Administrator. */
        ADMIN,
        /** Vigil itself. */
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(userId, "userId is required");
        Objects.requireNonNull(role, "role is required");
        if (role == Role.AGENCY && agencyId == null) {
            throw new IllegalArgumentException("agencyId: required for role AGENCY");
        }
    }
}
