package dev.vigil.events.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Samples;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static final Instant NOW = Samples.DETECTED;

    @Test
    void acknowledgeNeedsNothingMore() {
        assertThat(command(Command.Type.ACKNOWLEDGE, List.of(), null, null, null, null).validate())
                .isEmpty();
    }

    @Test
    void dispatchNeedsAnAgency() {
        assertThat(command(Command.Type.DISPATCH, List.of(), null, null, null, null).validate())
                .containsExactly("agencyIds: at least one agency is required for DISPATCH");
        assertThat(command(Command.Type.DISPATCH, List.of("a1"), null, null, null, null).validate())
                .isEmpty();
    }

    @Test
    void feedbackNeedsText() {
        assertThat(command(Command.Type.FEEDBACK, null, " ", null, null, null).validate())
                .containsExactly("note: required for FEEDBACK");
    }

    @Test
    void mergeNeedsAnotherIncident() {
        assertThat(command(Command.Type.MERGE, null, null, null, null, null).validate())
                .containsExactly("mergeInto: required for MERGE");
        assertThat(
                        command(Command.Type.MERGE, null, null, Samples.INCIDENT_ID, null, null)
                                .validate())
                .containsExactly("mergeInto: an incident cannot be merged into itself");
    }

    @Test
    void silenceNeedsSourceAndFutureEnd() {
        assertThat(command(Command.Type.SILENCE, null, null, null, NOW, null).validate())
                .containsExactly(
                        "sourceId: required for SILENCE", "silenceUntil: must be after issuedAt");
        assertThat(Samples.fullCommand().validate()).isEmpty();
    }

    @Test
    void agencyActorMustNameItsAgency() {
        assertThatThrownBy(() -> new Actor("u1", Actor.Role.AGENCY, null))
                .hasMessage("agencyId: required for role AGENCY");
    }

    @Test
    void eventIdFollowsIncidentAndSequence() {
        assertThat(IncidentEvent.idFor("inc-1", 1)).isEqualTo(IncidentEvent.idFor("inc-1", 1));
        assertThat(IncidentEvent.idFor("inc-1", 1)).isNotEqualTo(IncidentEvent.idFor("inc-1", 2));
    }

    private static Command command(
            Command.Type type,
            List<String> agencyIds,
            String note,
            String mergeInto,
            Instant silenceUntil,
            String sourceId) {
        return new Command(
                "cmd-1",
                Samples.INCIDENT_ID,
                type,
                Samples.operator(),
                NOW,
                agencyIds,
                note,
                mergeInto,
                silenceUntil,
                sourceId);
    }
}
