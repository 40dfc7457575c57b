package dev.vigil.jobs.incident;

import static dev.vigil.jobs.incident.IncidentFixtures.AGENCY;
import static dev.vigil.jobs.incident.IncidentFixtures.AGENT;
import static dev.vigil.jobs.incident.IncidentFixtures.CONFIG;
import static dev.vigil.jobs.incident.IncidentFixtures.OPERATOR;
import static dev.vigil.jobs.incident.IncidentFixtures.SOURCE;
import static dev.vigil.jobs.incident.IncidentFixtures.T0;
import static dev.vigil.jobs.incident.IncidentFixtures.alert;
import static dev.vigil.jobs.incident.IncidentFixtures.command;
import static dev.vigil.jobs.incident.IncidentFixtures.delivery;
import static dev.vigil.jobs.incident.IncidentFixtures.dispatch;
import static dev.vigil.jobs.incident.IncidentFixtures.exceedance;
import static dev.vigil.jobs.incident.IncidentFixtures.feedback;
import static dev.vigil.jobs.incident.IncidentFixtures.silence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.Type;
import dev.vigil.jobs.detect.KeyedStateCount;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keyed incident function with its state and processing-time timers. */
class IncidentFunctionTest {

    private static final String ID = IncidentKeys.incidentId(exceedance(T0));

    private KeyedBroadcastOperatorTestHarness<String, IncidentInput, SourcePlace, IncidentEvent>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(null);
        harness.processBroadcastElement(
                SourcePlace.of(RegistryUpdate.source(SOURCE, IncidentFixtures.source())), 0);
    }

    /** A fresh harness at processing time 0, restored from {@code snapshot} when not null. */
    private static KeyedBroadcastOperatorTestHarness<
                    String, IncidentInput, SourcePlace, IncidentEvent>
            harness(OperatorSubtaskState snapshot) throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new IncidentFunction(CONFIG), List.of(IncidentState.PLACES)),
                        IncidentInput::sourceKey,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setup();
        if (snapshot != null) {
            h.initializeState(snapshot);
        }
        h.open();
        h.setProcessingTime(0);
        return h;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void in(Alert alert) throws Exception {
        harness.processElement(IncidentInput.of(alert), 0);
    }

    private void in(Command command) throws Exception {
        harness.processElement(IncidentInput.of(command), 0);
    }

    private void in(Delivery delivery) throws Exception {
        harness.processElement(IncidentInput.of(delivery), 0);
    }

    private List<IncidentEvent> events() {
        return harness.extractOutputValues();
    }

    @Test
    void alertsInTheWindowGroupDuplicatesAreIgnoredAndALaterAlertOpensAnother() throws Exception {
        in(exceedance(T0));
        in(exceedance(T0)); // redelivered
        in(alert("a-smoke", Alert.Type.VIDEO, Severity.WARNING, T0.plusSeconds(900)));
        in(alert("a-next", Alert.Type.THRESHOLD, Severity.ALARM, T0.plusSeconds(900 + 1801)));
        List<IncidentEvent> events = events();
        assertThat(events)
                .extracting(IncidentEvent::type)
                .containsExactly(Type.OPENED, Type.ALERT_ATTACHED, Type.OPENED);
        assertThat(events.get(1).incidentId()).isEqualTo(ID);
        assertThat(events.get(1).priority()).isEqualTo(4);
        assertThat(events.get(2).incidentId()).isNotEqualTo(ID);
    }

    @Test
    void suppressedMaintenanceOpensNothing() throws Exception {
        in(alert(SOURCE, "a-m", Alert.Type.MAINTENANCE, Severity.INFO, T0, true));
        assertThat(events()).isEmpty();
        assertThat(KeyedStateCount.of(harness)).isZero();
    }

    @Test
    void noAcknowledgementEscalatesOnceAndAcknowledgementClearsTheTimer() throws Exception {
        in(exceedance(T0));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        harness.setProcessingTime(60_000);
        assertThat(events())
                .extracting(IncidentEvent::type)
                .containsExactly(Type.OPENED, Type.ESCALATED);
        assertThat(events().get(1).priority()).isEqualTo(4);
        assertThat(harness.numProcessingTimeTimers()).isZero();

        in(command("c-ack", ID, Command.Type.ACKNOWLEDGE, OPERATOR));
        assertThat(events().get(2).state()).isEqualTo(IncidentEvent.State.ACKNOWLEDGED);
    }

    @Test
    void acknowledgedInTimeLeavesNoTimer() throws Exception {
        in(exceedance(T0));
        harness.setProcessingTime(10_000);
        in(command("c-ack", ID, Command.Type.ACKNOWLEDGE, OPERATOR));
        assertThat(harness.numProcessingTimeTimers()).isZero();
        harness.setProcessingTime(120_000);
        assertThat(events())
                .extracting(IncidentEvent::type)
                .containsExactly(Type.OPENED, Type.STATE_CHANGED);
    }

    @Test
    void anAgencyThatAcknowledgesButNeverReportsBreachesItsSla() throws Exception {
        in(exceedance(T0));
        in(command("c-ack", ID, Command.Type.ACKNOWLEDGE, OPERATOR));
        in(dispatch("c-disp", ID, AGENCY));
        harness.setProcessingTime(5_000);
        in(command("c-aack", ID, Command.Type.ACKNOWLEDGE, AGENT));
        harness.setProcessingTime(34_999);
        assertThat(events()).extracting(IncidentEvent::type).doesNotContain(Type.SLA_BREACHED);
        harness.setProcessingTime(35_000);
        List<IncidentEvent> events = events();
        assertThat(events)
                .extracting(IncidentEvent::type)
                .containsExactly(
                        Type.OPENED,
                        Type.STATE_CHANGED,
                        Type.DISPATCHED,
                        Type.AGENCY_ACKNOWLEDGED,
                        Type.SLA_BREACHED,
                        Type.ESCALATED);
        assertThat(events.get(4).detail()).contains(AGENCY, "report back");
        assertThat(events)
                .extracting(IncidentEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void feedbackInTimeClearsTheAgencyDeadline() throws Exception {
        in(exceedance(T0));
        in(command("c-ack", ID, Command.Type.ACKNOWLEDGE, OPERATOR));
        in(dispatch("c-disp", ID, AGENCY));
        in(feedback("c-fb", ID, AGENT));
        assertThat(harness.numProcessingTimeTimers()).isZero();
        harness.setProcessingTime(100_000);
        assertThat(events()).extracting(IncidentEvent::type).doesNotContain(Type.SLA_BREACHED);
    }

    @Test
    void stateIsClearedAfterCloseAndTheRetention() throws Exception {
        in(exceedance(T0));
        in(command("c1", ID, Command.Type.ACKNOWLEDGE, OPERATOR));
        in(command("c2", ID, Command.Type.CLOSE, OPERATOR)); // illegal: not resolved
        in(command("c3", ID, Command.Type.RESOLVE, OPERATOR));
        in(command("c4", ID, Command.Type.CLOSE, OPERATOR));
        assertThat(events().get(2).type()).isEqualTo(Type.COMMAND_REJECTED);
        assertThat(events().get(2).detail()).contains("CLOSE is not allowed in state ACKNOWLEDGED");
        assertThat(events().get(4).state()).isEqualTo(IncidentEvent.State.CLOSED);
        assertThat(KeyedStateCount.of(harness)).isPositive();
        harness.setProcessingTime(10_000);
        assertThat(KeyedStateCount.of(harness)).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();

        // a command after the purge is dead-lettered, not lost
        in(command("c5", ID, Command.Type.REOPEN, OPERATOR));
        assertThat(harness.getSideOutput(IncidentState.DEAD_LETTERS)).hasSize(1);
    }

    @Test
    void aSilencedSourceAttachesWithoutDeadlinesAndSilenceEnds() throws Exception {
        in(exceedance(T0));
        in(command("c1", ID, Command.Type.ACKNOWLEDGE, OPERATOR));
        in(silence("c2", ID, T0.plusSeconds(1)));
        // silenceUntil is wall time; the harness clock is at 0, so this silence holds until T0+1s
        in(alert("a-smoke", Alert.Type.VIDEO, Severity.SEVERE, T0.plusSeconds(60)));
        List<IncidentEvent> events = events();
        assertThat(events)
                .extracting(IncidentEvent::type)
                .containsExactly(Type.OPENED, Type.STATE_CHANGED, Type.SILENCED, Type.SILENCED);
        assertThat(events.get(3).priority()).isEqualTo(3);
        harness.setProcessingTime(T0.plusSeconds(1).toEpochMilli());
        in(command("c3", ID, Command.Type.RESOLVE, OPERATOR));
        in(command("c4", ID, Command.Type.CLOSE, OPERATOR));
        harness.setProcessingTime(T0.plusSeconds(100).toEpochMilli());
        assertThat(KeyedStateCount.of(harness)).isZero();
    }

    @Test
    void aMergeMovesTheIncidentToMergedAndItsTargetRecordsTheOtherHalf() throws Exception {
        Alert other =
                alert("src-other", "a-other", Alert.Type.THRESHOLD, Severity.ALARM, T0, false);
        String target = IncidentKeys.incidentId(other);
        in(exceedance(T0));
        in(other);
        in(IncidentFixtures.merge("c-merge", ID, target));
        List<Command> halves =
                List.copyOf(
                        harness.getSideOutput(IncidentState.MERGE_COMMANDS).stream()
                                .map(r -> r.getValue())
                                .toList());
        assertThat(halves).hasSize(1);
        // the job reads its own half back from vigil.commands, keyed by the target's source
        in(halves.get(0));
        List<IncidentEvent> events = events();
        assertThat(events.get(2).state()).isEqualTo(IncidentEvent.State.MERGED);
        assertThat(events.get(3).incidentId()).isEqualTo(target);
        assertThat(events.get(3).type()).isEqualTo(Type.MERGED);
        assertThat(events.get(3).state()).isEqualTo(IncidentEvent.State.OPEN);
        assertThat(events.get(3).sequence()).isEqualTo(2);
        assertThat(events.get(3).detail()).contains(ID);
    }

    @Test
    void aDeadLetteredDeliveryJoinsTheTimelineOncePerDeliveryIdAlsoAfterARestore()
            throws Exception {
        in(exceedance(T0));
        in(command("c-ack", ID, Command.Type.ACKNOWLEDGE, OPERATOR));
        in(dispatch("c-disp", ID, AGENCY));
        // GIVEN alerting's records of one delivery: retried, then dead-lettered twice (alerting
        // publishes the outcome again when it restarts before recording that it did)
        in(delivery("d-1", ID, AGENCY, Delivery.Outcome.RETRYING));
        in(delivery("d-1", ID, AGENCY, Delivery.Outcome.DEAD_LETTERED));
        in(delivery("d-1", ID, AGENCY, Delivery.Outcome.DEAD_LETTERED));

        // THEN one DELIVERY_FAILED event names the agency, the channel and the reason
        List<IncidentEvent> events = events();
        assertThat(events)
                .extracting(IncidentEvent::type)
                .containsExactly(
                        Type.OPENED, Type.STATE_CHANGED, Type.DISPATCHED, Type.DELIVERY_FAILED);
        IncidentEvent failed = events.get(3);
        assertThat(failed.detail())
                .contains(AGENCY, "WEBHOOK", "retry budget spent after 7 attempts", "d-1");
        assertThat(failed.sequence()).isEqualTo(4);
        assertThat(failed.eventId()).isEqualTo(IncidentEvent.idFor(ID, 4));
        assertThat(failed.state()).isEqualTo(IncidentEvent.State.DISPATCHED);
        assertThat(failed.actor()).isEqualTo(Actor.SYSTEM);

        // WHEN the job restarts from a checkpoint and reads the same record again, and then a
        // second delivery fails
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = harness(snapshot);
        in(delivery("d-1", ID, AGENCY, Delivery.Outcome.DEAD_LETTERED));
        in(delivery("d-2", ID, AGENCY, Delivery.Outcome.DEAD_LETTERED));

        // THEN only the second one is new, numbered right after the restored timeline
        List<IncidentEvent> after = events();
        assertThat(after).extracting(IncidentEvent::type).containsExactly(Type.DELIVERY_FAILED);
        assertThat(after.get(0).sequence()).isEqualTo(5);
        assertThat(after.get(0).detail()).contains("d-2");
    }

    @Test
    void aDeliveryFailureOfAnUnknownIncidentIsDeadLettered() throws Exception {
        in(delivery("d-9", ID, AGENCY, Delivery.Outcome.DEAD_LETTERED));
        assertThat(events()).isEmpty();
        assertThat(harness.getSideOutput(IncidentState.DEAD_LETTERS))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getValue().reason()).contains("unknown incident " + ID);
                            assertThat(r.getValue().detail()).containsEntry("deliveryId", "d-9");
                        });
        assertThat(KeyedStateCount.of(harness)).isZero();
    }
}
