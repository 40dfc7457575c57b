package dev.vigil.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.Fixtures;
import dev.vigil.alerting.channel.MessageType;
import dev.vigil.alerting.route.Router;
import dev.vigil.events.Json;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.State;
import dev.vigil.events.incident.IncidentEvent.Type;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    private Dispatcher dispatcher() {
        return new Dispatcher(
                producer,
                new Router(
                        Fixtures.directory("http://w", "http://c", "s"),
                        Fixtures.sources(),
                        ZoneOffset.UTC),
                List.of(),
                DeliverySettings.defaults(Path.of("x")),
                Clock.systemUTC(),
                new Random(1));
    }

    @Test
    void fiftyAttachedAlertsAreOneAlertOneUpdateAndACancel() throws Exception {
        Dispatcher d = dispatcher();
        Map<String, IncidentEvent> byId = new HashMap<>();
        d.handle(Fixtures.event("inc", 1, Type.OPENED, State.OPEN));
        for (int seq = 2; seq <= 51; seq++) {
            IncidentEvent e = Fixtures.event("inc", seq, Type.ALERT_ATTACHED, State.OPEN);
            byId.put(e.eventId(), e);
            d.handle(e);
        }
        IncidentEvent closed = Fixtures.event("inc", 52, Type.CLOSED, State.CLOSED);
        d.handle(closed);
        assertThat(d.pending())
                .extracting(Dispatcher.Pending::type)
                .containsExactly(MessageType.ALERT, MessageType.UPDATE, MessageType.CANCEL);
        assertThat(d.pending()).extracting(Dispatcher.Pending::agencyId).containsOnly("env");
        assertThat(producer.history()).hasSize(3);
        assertThat(d.dispatched("inc", "env")).isTrue();
        assertThat(d.dispatched("inc", "city")).isFalse();

        // WHEN the same events come again (a restart before the offsets were committed)
        d.handle(Fixtures.event("inc", 1, Type.OPENED, State.OPEN));
        d.handle(closed);
        assertThat(producer.history()).hasSize(3);

        // THEN a dispatcher restored from the PENDING records has the same queue
        List<Delivery> log =
                producer.history().stream()
                        .map(r -> Json.fromBytes(r.value(), Delivery.class))
                        .toList();
        assertThat(log).allMatch(x -> x.outcome() == Delivery.Outcome.PENDING);
        IncidentEvent opened = Fixtures.event("inc", 1, Type.OPENED, State.OPEN);
        byId.put(opened.eventId(), opened);
        byId.put(closed.eventId(), closed);
        Dispatcher restored = dispatcher();
        restored.restore(log, byId, List.of(closed));
        assertThat(restored.pending())
                .extracting(Dispatcher.Pending::deliveryId)
                .containsExactlyElementsOf(
                        d.pending().stream().map(Dispatcher.Pending::deliveryId).toList());
        assertThat(restored.pending())
                .extracting(Dispatcher.Pending::type)
                .containsExactly(MessageType.ALERT, MessageType.UPDATE, MessageType.CANCEL);
    }

    @Test
    void updatesAreHeldForTheCoalescingWindowAndNothingFollowsACancel() throws Exception {
        Dispatcher d = dispatcher();
        d.handle(Fixtures.event("inc", 1, Type.OPENED, State.OPEN));
        d.handle(Fixtures.event("inc", 2, Type.ALERT_ATTACHED, State.OPEN));
        Dispatcher.Pending update = d.pending().get(1);
        assertThat(update.dueAt()).isAfter(d.pending().get(0).dueAt().plus(Duration.ofSeconds(4)));
        d.handle(Fixtures.event("inc", 3, Type.CLOSED, State.CLOSED));
        d.handle(Fixtures.event("inc", 4, Type.NOTE_ADDED, State.CLOSED));
        assertThat(d.pending()).hasSize(3);
    }

    @Test
    void aDeliveryFailureIsForOperatorsAndStartsNoDeliveryOfItsOwn() throws Exception {
        Dispatcher d = dispatcher();
        d.handle(Fixtures.event("inc", 1, Type.OPENED, State.OPEN));
        d.handle(Fixtures.event("inc", 2, Type.DELIVERY_FAILED, State.OPEN));
        assertThat(d.pending())
                .extracting(Dispatcher.Pending::type)
                .containsExactly(MessageType.ALERT);
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aClosedIncidentNeverDispatchedSendsNothing() throws Exception {
        Dispatcher d = dispatcher();
        d.handle(Fixtures.event("inc", 1, Type.CLOSED, State.CLOSED));
        assertThat(d.pending()).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aPermanentRefusalIsNotRetriedAndIsDeadLettered() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls =
                new java.util.concurrent.atomic.AtomicInteger();
        dev.vigil.alerting.channel.DeliveryChannel gone =
                new dev.vigil.alerting.channel.DeliveryChannel() {
                    @Override
                    public Delivery.Channel kind() {
                        return Delivery.Channel.WEBHOOK;
                    }

                    @Override
                    public dev.vigil.alerting.channel.SendResult send(
                            dev.vigil.alerting.channel.Outgoing message) {
                        calls.incrementAndGet();
                        return dev.vigil.alerting.channel.SendResult.ofStatus(410, "gone");
                    }
                };
        try (Dispatcher d =
                new Dispatcher(
                        producer,
                        new Router(
                                Fixtures.directory("http://w", "http://c", "s"),
                                Fixtures.sources(),
                                ZoneOffset.UTC),
                        List.of(gone),
                        DeliverySettings.defaults(Path.of("x")),
                        Clock.systemUTC(),
                        new Random(1))) {
            d.handle(Fixtures.event("inc", 1, Type.OPENED, State.OPEN));
            d.start();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!d.pending().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(d.pending()).isEmpty();
        }
        assertThat(calls).hasValue(1);
        assertThat(producer.history())
                .extracting(r -> r.topic())
                .containsExactly(
                        "vigil.deliveries",
                        "vigil.deliveries",
                        "vigil.dead-letter",
                        "vigil.deliveries");
        assertThat(
                        producer.history().stream()
                                .filter(r -> r.topic().equals("vigil.deliveries"))
                                .map(r -> Json.fromBytes(r.value(), Delivery.class).outcome()))
                .containsExactly(
                        Delivery.Outcome.PENDING,
                        Delivery.Outcome.FAILED,
                        Delivery.Outcome.DEAD_LETTERED);
    }

    @Test
    void aPlanWhosePendingRecordsFailIsUndoneAndPlannedAgainOnRetry() throws Exception {
        MockProducer<String, byte[]> failing =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        Dispatcher d =
                new Dispatcher(
                        failing,
                        new Router(
                                Fixtures.directory("http://w", "http://c", "s"),
                                Fixtures.sources(),
                                ZoneOffset.UTC),
                        List.of(),
                        DeliverySettings.defaults(Path.of("x")),
                        Clock.systemUTC(),
                        new Random(1));
        IncidentEvent opened = Fixtures.event("inc", 1, Type.OPENED, State.OPEN);
        Thread failer =
                new Thread(
                        () -> {
                            while (!failing.errorNext(new RuntimeException("broker down"))) {
                                Thread.onSpinWait();
                            }
                        });
        failer.start();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.handle(opened))
                .hasMessageContaining("broker down");
        failer.join();
        assertThat(d.pending()).isEmpty();
        assertThat(d.dispatched("inc", "env")).isFalse();

        Thread completer =
                new Thread(
                        () -> {
                            while (!failing.completeNext()) {
                                Thread.onSpinWait();
                            }
                        });
        completer.start();
        d.handle(opened);
        completer.join();
        assertThat(d.pending())
                .extracting(Dispatcher.Pending::type)
                .containsExactly(MessageType.ALERT);
    }
}
