package dev.vigil.events.account;

import dev.vigil.events.incident.Actor.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A console user: who they are, the role they act in and, for agency staff, the agency they act
 * for. Published to the compacted {@code vigil.accounts} topic, latest version per user name, so
 * any console instance can rebuild the account list.
 *
 * @param username the sign-in name, unique, the Kafka key
 * @param displayName the name shown in timelines and the audit
 * @param role the role the user acts in; never {@link Role#SYSTEM}
 * @param agencyId the agency the user acts for; required for {@link Role#AGENCY}, else null
 * @param passwordHash the password's hash in its self-describing encoded form (algorithm,
 *     parameters, salt and hash); never the password
 * @param disabled true when the user may no longer sign in
 * @param version 1 when created, then increasing by one per change
 * @param updatedAt when this version was written
 */
public record Account(
        String username,
        String displayName,
        Role role,
        String agencyId,
        String passwordHash,
        boolean disabled,
        long version,
        Instant updatedAt) {

    public Account {
        Objects.requireNonNull(username, "username is required");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username: must not be blank");
        }
        Objects.requireNonNull(role, "role is required");
        if (role == Role.SYSTEM) {
            throw new IllegalArgumentException("role: SYSTEM is not a user's role");
        }
        if (role == Role.AGENCY && (agencyId == null || agencyId.isBlank())) {
            throw new IllegalArgumentException("agencyId: required for role AGENCY");
        }
        Objects.requireNonNull(passwordHash, "passwordHash is required");
        if (version < 1) {
            throw new IllegalArgumentException("version: must be >= 1, was " + version);
        }
        Objects.requireNonNull(updatedAt, "updatedAt is required");
        displayName = displayName == null || displayName.isBlank() ? username : displayName;
    }

    /** Masks the hash, for anything shown or logged. */
    @Override
    public String toString() {
        return "Account[username=%s, role=%s, agencyId=%s, disabled=%s, version=%d]"
                .formatted(username, role, agencyId, disabled, version);
    }
}
