package dev.vigil.events.incident;

import static dev.vigil.events.incident.IncidentEvent.State.ACKNOWLEDGED;
import static dev.vigil.events.incident.IncidentEvent.State.CLOSED;
import static dev.vigil.events.incident.IncidentEvent.State.DISPATCHED;
import static dev.vigil.events.incident.IncidentEvent.State.MERGED;
import static dev.vigil.events.incident.IncidentEvent.State.ON_SCENE;
import static dev.vigil.events.incident.IncidentEvent.State.OPEN;
import static dev.vigil.events.incident.IncidentEvent.State.RESOLVED;

import dev.vigil.events.incident.Actor.Role;
import dev.vigil.events.incident.Command.Type;
import dev.vigil.events.incident.IncidentEvent.State;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The incident lifecycle of DESIGN.md as one table: which role may issue which command, from which
 * state, and the state it leads to; the incident job rejects what this class rejects, with its
 * reason.
 *
 * <ul>
 *   <li>Staff (OPERATOR, ENV_STAFF, ADMIN): ACKNOWLEDGE (OPEN), DISPATCH (ACKNOWLEDGED, DISPATCHED,
 *       ON_SCENE), NOTE (any), RESOLVE (ACKNOWLEDGED, DISPATCHED, ON_SCENE), CLOSE (RESOLVED),
 *       MERGE (not CLOSED or MERGED), REOPEN (RESOLVED, CLOSED), ESCALATE (OPEN to ON_SCENE),
 *       SILENCE (not MERGED).
 *   <li>AGENCY, only on incidents dispatched to its agency: ACKNOWLEDGE its dispatch once
 *       (DISPATCHED, ON_SCENE), ARRIVE (DISPATCHED, ON_SCENE), FEEDBACK (DISPATCHED, ON_SCENE,
 *       RESOLVED), RESOLVE (DISPATCHED, ON_SCENE), NOTE (any).
 *   <li>SYSTEM: only MERGE, as the receiving half of a merge (the job's own command).
 * </ul>
 */
public final class IncidentLifecycle {

    /** The roles of the command center. */
    public static final Set<Role> STAFF = EnumSet.of(Role.OPERATOR, Role.ENV_STAFF, Role.ADMIN);

    private static final Set<Type> AGENCY_COMMANDS =
            EnumSet.of(Type.ACKNOWLEDGE, Type.ARRIVE, Type.FEEDBACK, Type.RESOLVE, Type.NOTE);
    private static final Set<Type> STAFF_COMMANDS =
            EnumSet.complementOf(EnumSet.of(Type.ARRIVE, Type.FEEDBACK));
    private static final Set<State> ANY = EnumSet.allOf(State.class);
    private static final Set<State> ACTIVE = EnumSet.of(OPEN, ACKNOWLEDGED, DISPATCHED, ON_SCENE);
    private static final Set<State> WITH_AGENCY = EnumSet.of(DISPATCHED, ON_SCENE);

    private IncidentLifecycle() {}

    /**
     * Why {@code command} may not be applied to an incident in {@code state}, or empty when it may.
     *
     * @param dispatched the agencies dispatched to the incident so far
     * @param acknowledgedBy the dispatched agencies that acknowledged already
     */
    public static Optional<String> rejection(
            Command command, State state, List<String> dispatched, Set<String> acknowledgedBy) {
        Role role = command.actor().role();
        Type type = command.type();
        if (role == Role.SYSTEM) {
            if (type != Type.MERGE) {
                return Optional.of("role SYSTEM may not issue " + type);
            }
            if (!command.validate().isEmpty()) {
                return Optional.of(String.join("; ", command.validate()));
            }
            return state == MERGED
                    ? Optional.of("incident was itself merged into another")
                    : Optional.empty();
        }
        boolean agency = role == Role.AGENCY;
        if (!(agency ? AGENCY_COMMANDS : STAFF_COMMANDS).contains(type)) {
            return Optional.of("role " + role + " may not issue " + type);
        }
        String agencyId = command.actor().agencyId();
        if (agency && !dispatched.contains(agencyId)) {
            return Optional.of("agency " + agencyId + " was not dispatched to this incident");
        }
        List<String> problems = command.validate();
        if (!problems.isEmpty()) {
            return Optional.of(String.join("; ", problems));
        }
        Set<State> from = allowedFrom(type, agency);
        if (!from.contains(state)) {
            return Optional.of(
                    type + " is not allowed in state " + state + " (allowed: " + from + ")");
        }
        if (agency && type == Type.ACKNOWLEDGE && acknowledgedBy.contains(agencyId)) {
            return Optional.of("agency " + agencyId + " already acknowledged its dispatch");
        }
        return Optional.empty();
    }

    /** The states {@code type} may be issued from, by an agency or by staff. */
    public static Set<State> allowedFrom(Type type, boolean agency) {
        return switch (type) {
            case ACKNOWLEDGE -> agency ? WITH_AGENCY : EnumSet.of(OPEN);
            case DISPATCH -> EnumSet.of(ACKNOWLEDGED, DISPATCHED, ON_SCENE);
            case NOTE -> ANY;
            case ARRIVE -> WITH_AGENCY;
            case FEEDBACK -> EnumSet.of(DISPATCHED, ON_SCENE, RESOLVED);
            case RESOLVE -> agency ? WITH_AGENCY : EnumSet.of(ACKNOWLEDGED, DISPATCHED, ON_SCENE);
            case CLOSE -> EnumSet.of(RESOLVED);
            case MERGE -> EnumSet.of(OPEN, ACKNOWLEDGED, DISPATCHED, ON_SCENE, RESOLVED);
            case REOPEN -> EnumSet.of(RESOLVED, CLOSED);
            case ESCALATE -> ACTIVE;
            case SILENCE -> EnumSet.complementOf(EnumSet.of(MERGED));
        };
    }

    /** The state after an accepted command. */
    public static State after(Command command, State state) {
        Role role = command.actor().role();
        return switch (command.type()) {
            case ACKNOWLEDGE -> role == Role.AGENCY ? state : ACKNOWLEDGED;
            case DISPATCH -> state == ON_SCENE ? ON_SCENE : DISPATCHED;
            case ARRIVE -> ON_SCENE;
            case RESOLVE -> RESOLVED;
            case CLOSE -> CLOSED;
            case MERGE -> role == Role.SYSTEM ? state : MERGED;
            case REOPEN -> OPEN;
            default -> state;
        };
    }
}
