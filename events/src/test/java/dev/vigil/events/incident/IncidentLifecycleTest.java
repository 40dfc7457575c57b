package dev.vigil.events.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.incident.Command.Type;
import dev.vigil.events.incident.IncidentEvent.State;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentLifecycleTest {
    private static final String AGENCY = "agency-river";
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Actor OPERATOR = new Actor("olga", Actor.Role.OPERATOR, null);
    private static final Actor AGENT = new Actor("ann", Actor.Role.AGENCY, AGENCY);
    private static final Actor OTHER_AGENT = new Actor("bob", Actor.Role.AGENCY, "agency-other");

    private static Command command(String id, String incidentId, Command.Type type, Actor actor) {
        return new Command(id, incidentId, type, actor, T0, List.of(), null, null, null, null);
    }

    private static Command merge(String id, String incidentId, String into) {
        return new Command(
                id,
                incidentId,
                Command.Type.MERGE,
                OPERATOR,
                T0,
                List.of(),
                null,
                into,
                null,
                null);
    }

    private static final List<String> DISPATCHED = List.of(AGENCY);

    @Test
    void theHappyPathRunsFromOpenToClosed() {
        State state = State.OPEN;
        for (Type type : List.of(Type.ACKNOWLEDGE, Type.DISPATCH, Type.RESOLVE, Type.CLOSE)) {
            Command c =
                    type == Type.DISPATCH
                            ? new Command(
                                    "c",
                                    "i",
                                    Type.DISPATCH,
                                    OPERATOR,
                                    T0,
                                    List.of(AGENCY),
                                    null,
                                    null,
                                    null,
                                    null)
                            : command("c", "i", type, OPERATOR);
            assertThat(IncidentLifecycle.rejection(c, state, DISPATCHED, Set.of())).isEmpty();
            state = IncidentLifecycle.after(c, state);
        }
        assertThat(state).isEqualTo(State.CLOSED);
        Command arrive = command("c", "i", Type.ARRIVE, AGENT);
        assertThat(IncidentLifecycle.after(arrive, State.DISPATCHED)).isEqualTo(State.ON_SCENE);
    }

    @Test
    void illegalTransitionsAreRejectedWithTheAllowedStates() {
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.CLOSE, OPERATOR),
                                State.DISPATCHED,
                                DISPATCHED,
                                Set.of()))
                .hasValueSatisfying(
                        r -> assertThat(r).contains("CLOSE is not allowed in state DISPATCHED"));
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.ACKNOWLEDGE, OPERATOR),
                                State.DISPATCHED,
                                DISPATCHED,
                                Set.of()))
                .isPresent();
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.REOPEN, OPERATOR),
                                State.OPEN,
                                DISPATCHED,
                                Set.of()))
                .isPresent();
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.REOPEN, OPERATOR),
                                State.CLOSED,
                                DISPATCHED,
                                Set.of()))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = Type.class,
            names = {"DISPATCH", "CLOSE", "ESCALATE", "REOPEN"})
    void anAgencyMayNotRunTheCommandCenter(Type type) {
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", type, AGENT),
                                State.RESOLVED,
                                DISPATCHED,
                                Set.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("role AGENCY may not issue"));
    }

    @Test
    void anAgencyActsOnlyOnItsOwnDispatch() {
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.ARRIVE, OTHER_AGENT),
                                State.DISPATCHED,
                                DISPATCHED,
                                Set.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("was not dispatched"));
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.ACKNOWLEDGE, AGENT),
                                State.DISPATCHED,
                                DISPATCHED,
                                Set.of()))
                .isEmpty();
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.ACKNOWLEDGE, AGENT),
                                State.DISPATCHED,
                                DISPATCHED,
                                Set.of(AGENCY)))
                .hasValueSatisfying(r -> assertThat(r).contains("already acknowledged"));
        Command ack = command("c", "i", Type.ACKNOWLEDGE, AGENT);
        assertThat(IncidentLifecycle.after(ack, State.DISPATCHED)).isEqualTo(State.DISPATCHED);
    }

    @Test
    void staffMayNotReportForAnAgencyAndSystemOnlyMerges() {
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.ARRIVE, OPERATOR),
                                State.DISPATCHED,
                                DISPATCHED,
                                Set.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("role OPERATOR may not issue"));
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.CLOSE, Actor.SYSTEM),
                                State.RESOLVED,
                                DISPATCHED,
                                Set.of()))
                .isPresent();
    }

    @Test
    void incompleteCommandsAreRejectedWithTheirProblems() {
        assertThat(
                        IncidentLifecycle.rejection(
                                merge("c", "i", "i"), State.OPEN, DISPATCHED, Set.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("mergeInto"));
        assertThat(
                        IncidentLifecycle.rejection(
                                command("c", "i", Type.NOTE, OPERATOR),
                                State.OPEN,
                                DISPATCHED,
                                Set.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("note: required"));
    }
}
