package dev.vigil.alerting.delivery;

import dev.vigil.alerting.channel.DeliveryChannel;
import dev.vigil.alerting.channel.MessageType;
import dev.vigil.alerting.channel.Outgoing;
import dev.vigil.alerting.channel.SendResult;
import dev.vigil.alerting.channel.WebhookChannel;
import dev.vigil.alerting.route.Endpoint;
import dev.vigil.alerting.route.Router;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.delivery.Delivery.Outcome;
import dev.vigil.events.incident.IncidentEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns incident events into deliveries and carries them out: one conversation per incident, agency
 * and channel (an Alert, coalesced Updates, a Cancel), sent in order, each retried under the {@link
 * RetryPolicy} with the same delivery id and every outcome published to {@code vigil.deliveries}; a
 * delivery past its budget, or refused for good, goes to {@code vigil.dead-letter} and is recorded
 * as {@link Outcome#DEAD_LETTERED}.
 *
 * <p>Invariant: a delivery is queued here only after its PENDING record is in Kafka (or it was
 * restored from there), so {@link DeliveryLog} can rebuild this queue after a restart.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long PUBLISH_TIMEOUT_S = 30;

    /** A queued message of a conversation, as the tests and the health check see it. */
    public record Pending(
            String deliveryId,
            String incidentId,
            String agencyId,
            Delivery.Channel channel,
            MessageType type,
            int attempt,
            Instant dueAt) {}

    private static final class Task {
        final String deliveryId;
        final String incidentEventId;
        final IncidentEvent event;
        final MessageType type;
        final Instant sent;
        Instant dueAt;
        int attempt;
        Instant firstAttempt;
        String terminalError;

        /** False until its PENDING record is in Kafka; only ready tasks are sent. */
        boolean ready = true;

        Task(String deliveryId, IncidentEvent event, MessageType type, Instant sent, Instant due) {
            this(deliveryId, event.eventId(), event, type, sent, due);
        }

        Task(
                String deliveryId,
                String incidentEventId,
                IncidentEvent event,
                MessageType type,
                Instant sent,
                Instant due) {
            this.deliveryId = deliveryId;
            this.incidentEventId = incidentEventId;
            this.event = event;
            this.type = type;
            this.sent = sent;
            this.dueAt = due;
        }
    }

    private static final class Conversation {
        final String incidentId;
        final String agencyId;
        final Delivery.Channel channel;
        String firstDeliveryId;
        Instant firstSent;
        boolean cancelled;
        boolean inFlight;
        final Deque<Task> queue = new ArrayDeque<>();

        Conversation(String incidentId, String agencyId, Delivery.Channel channel) {
            this.incidentId = incidentId;
            this.agencyId = agencyId;
            this.channel = channel;
        }
    }

    private final Producer<String, byte[]> producer;
    private final Router router;
    private final Map<Delivery.Channel, DeliveryChannel> channels;
    private final DeliverySettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, IncidentEvent> latest = new HashMap<>();
    private final Set<String> knownDeliveryIds = new HashSet<>();
    private final Map<String, Set<String>> dispatchedAgencies = new HashMap<>();
    private ExecutorService senders;
    private Thread scheduler;
    private volatile boolean running;

    public Dispatcher(
            Producer<String, byte[]> producer,
            Router router,
            List<DeliveryChannel> channels,
            DeliverySettings settings,
            Clock clock,
            RandomGenerator random) {
        this.producer = producer;
        this.router = router;
        this.channels = new HashMap<>();
        channels.forEach(c -> this.channels.put(c.kind(), c));
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    private static String key(String incidentId, String agencyId, Delivery.Channel channel) {
        return incidentId + "\u0000" + agencyId + "\u0000" + channel;
    }

    private static boolean closing(IncidentEvent e) {
        return e.type() == IncidentEvent.Type.CLOSED
                || e.type() == IncidentEvent.Type.MERGED
                || e.state() == IncidentEvent.State.CLOSED
                || e.state() == IncidentEvent.State.MERGED;
    }

    /**
     * Whether agencies hear of an event. A DELIVERY_FAILED event is for operators: it tells them an
     * agency was not reached, and sending it on would start a new delivery to the same unreachable
     * receiver, whose failure would raise the next DELIVERY_FAILED, without end.
     */
    static boolean forAgencies(IncidentEvent event) {
        return event.type() != IncidentEvent.Type.DELIVERY_FAILED;
    }

    /**
     * Plans the deliveries an incident event causes and records them as PENDING in Kafka before
     * returning, so the caller may commit the event's offset afterwards.
     */
    public void handle(IncidentEvent event) throws Exception {
        if (!forAgencies(event)) {
            return;
        }
        record Planned(
                Conversation c,
                Task task,
                boolean newConversation,
                String firstDeliveryId,
                Instant firstSent,
                boolean cancelled) {}
        List<Planned> planned = new ArrayList<>();
        synchronized (this) {
            IncidentEvent before = latest.get(event.incidentId());
            if (before == null || before.sequence() <= event.sequence()) {
                latest.put(event.incidentId(), event);
            }
            Instant now = clock.instant();
            Map<String, Conversation> involved = new LinkedHashMap<>();
            for (Conversation c : conversations.values()) {
                if (c.incidentId.equals(event.incidentId())) {
                    involved.put(key(c.incidentId, c.agencyId, c.channel), c);
                }
            }
            if (!closing(event)) {
                for (Router.Target t : router.targets(event)) {
                    String k =
                            key(event.incidentId(), t.agency().agencyId(), t.endpoint().channel());
                    involved.computeIfAbsent(
                            k,
                            x ->
                                    new Conversation(
                                            event.incidentId(),
                                            t.agency().agencyId(),
                                            t.endpoint().channel()));
                }
            }
            for (Conversation c : involved.values()) {
                String id = Delivery.idFor(event.eventId(), c.agencyId, c.channel);
                if (knownDeliveryIds.contains(id)) {
                    continue; // the event was handled before a restart; its delivery is queued
                }
                String firstBefore = c.firstDeliveryId;
                Instant sentBefore = c.firstSent;
                boolean cancelledBefore = c.cancelled;
                Task task = plan(c, event, id, now);
                if (task != null) {
                    task.ready = false;
                    boolean created =
                            conversations.putIfAbsent(key(c.incidentId, c.agencyId, c.channel), c)
                                    == null;
                    knownDeliveryIds.add(id);
                    dispatchedAgencies
                            .computeIfAbsent(c.incidentId, x -> new HashSet<>())
                            .add(c.agencyId);
                    c.queue.addLast(task);
                    planned.add(
                            new Planned(
                                    c, task, created, firstBefore, sentBefore, cancelledBefore));
                }
            }
        }
        try {
            for (Planned p : planned) {
                Delivery d =
                        record(p.c(), p.task(), 0, Outcome.PENDING, null, null, p.task().dueAt);
                publish(Topics.DELIVERIES.name(), d.incidentId(), Json.toBytes(d));
            }
        } catch (Exception e) {
            // Undo the plan, so that the event, read again by the poll loop, is planned again and
            // no delivery is queued whose PENDING record may be missing from Kafka.
            synchronized (this) {
                for (int i = planned.size() - 1; i >= 0; i--) {
                    Planned p = planned.get(i);
                    p.c().queue.remove(p.task());
                    knownDeliveryIds.remove(p.task().deliveryId);
                    p.c().firstDeliveryId = p.firstDeliveryId();
                    p.c().firstSent = p.firstSent();
                    p.c().cancelled = p.cancelled();
                    if (p.newConversation() && p.c().queue.isEmpty()) {
                        conversations.remove(key(p.c().incidentId, p.c().agencyId, p.c().channel));
                    }
                    boolean stillDispatched =
                            conversations.values().stream()
                                    .anyMatch(
                                            c ->
                                                    c.incidentId.equals(p.c().incidentId)
                                                            && c.agencyId.equals(p.c().agencyId)
                                                            && c.firstDeliveryId != null);
                    if (!stillDispatched) {
                        dispatchedAgencies
                                .getOrDefault(p.c().incidentId, new HashSet<>())
                                .remove(p.c().agencyId);
                    }
                }
            }
            throw e;
        }
        synchronized (this) {
            planned.forEach(p -> p.task().ready = true);
        }
    }

    /** The new message for a conversation, or null when the event folds into a queued one. */
    private Task plan(Conversation c, IncidentEvent event, String id, Instant now) {
        if (c.firstDeliveryId == null
                || (c.cancelled && event.type() == IncidentEvent.Type.REOPENED)) {
            if (closing(event)) {
                return null;
            }
            c.firstDeliveryId = id;
            c.firstSent = event.at();
            c.cancelled = false;
            return new Task(id, event, MessageType.ALERT, event.at(), now);
        }
        if (c.cancelled) {
            return null;
        }
        if (closing(event)) {
            c.cancelled = true;
            return new Task(id, event, MessageType.CANCEL, event.at(), now);
        }
        Task tail = c.queue.peekLast();
        if (tail != null && tail.type == MessageType.UPDATE && tail.attempt == 0) {
            return null; // coalesced: the queued update sends the incident as it then stands
        }
        return new Task(
                id, event, MessageType.UPDATE, event.at(), now.plus(settings.coalesceWindow()));
    }

    /**
     * Rebuilds conversations and the pending queue from {@code vigil.deliveries} (in log order) and
     * the incident events they refer to; called once before {@link #start()}.
     */
    public synchronized void restore(
            List<Delivery> log, Map<String, IncidentEvent> eventsById, List<IncidentEvent> newest) {
        for (IncidentEvent e : newest) {
            latest.merge(e.incidentId(), e, (a, b) -> a.sequence() >= b.sequence() ? a : b);
        }
        Map<String, Delivery> last = new LinkedHashMap<>();
        Map<String, MessageType> types = new HashMap<>();
        Map<String, Instant> firstAttempt = new HashMap<>();
        for (Delivery d : log) {
            Conversation c =
                    conversations.computeIfAbsent(
                            key(d.incidentId(), d.agencyId(), d.channel()),
                            k -> new Conversation(d.incidentId(), d.agencyId(), d.channel()));
            IncidentEvent e = eventsById.get(d.incidentEventId());
            Instant sent = e == null ? d.at() : e.at();
            if (!types.containsKey(d.deliveryId())) {
                MessageType type;
                if (c.firstDeliveryId == null
                        || (c.cancelled && e != null && e.type() == IncidentEvent.Type.REOPENED)) {
                    c.firstDeliveryId = d.deliveryId();
                    c.firstSent = sent;
                    c.cancelled = false;
                    type = MessageType.ALERT;
                } else if (e != null && closing(e)) {
                    c.cancelled = true;
                    type = MessageType.CANCEL;
                } else {
                    type = MessageType.UPDATE;
                }
                types.put(d.deliveryId(), type);
            }
            knownDeliveryIds.add(d.deliveryId());
            dispatchedAgencies
                    .computeIfAbsent(d.incidentId(), x -> new HashSet<>())
                    .add(d.agencyId());
            last.put(d.deliveryId(), d);
            if (d.attempt() >= 1) {
                firstAttempt.putIfAbsent(d.deliveryId(), d.at());
            }
        }
        Instant now = clock.instant();
        int restored = 0;
        for (Delivery d : last.values()) {
            if (d.outcome() != Outcome.PENDING
                    && d.outcome() != Outcome.RETRYING
                    && d.outcome() != Outcome.FAILED) {
                continue;
            }
            Conversation c = conversations.get(key(d.incidentId(), d.agencyId(), d.channel()));
            IncidentEvent e =
                    eventsById.getOrDefault(d.incidentEventId(), latest.get(d.incidentId()));
            Task t =
                    new Task(
                            d.deliveryId(),
                            d.incidentEventId(),
                            e,
                            types.get(d.deliveryId()),
                            e == null ? d.at() : e.at(),
                            d.nextAttemptAt() == null ? now : d.nextAttemptAt());
            t.attempt = d.attempt();
            t.firstAttempt = firstAttempt.get(d.deliveryId());
            if (d.outcome() == Outcome.FAILED) {
                t.terminalError = d.error() == null ? "refused by the receiver" : d.error();
            } else if (e == null) {
                t.terminalError = "incident event " + d.incidentEventId() + " not found";
            }
            c.queue.addLast(t);
            restored++;
        }
        LOG.info(
                "Restored {} conversations and {} pending deliveries from {} delivery records",
                conversations.size(),
                restored,
                log.size());
    }

    /** Starts sending due deliveries. */
    public synchronized Dispatcher start() {
        running = true;
        senders =
                Executors.newFixedThreadPool(
                        settings.senders(), r -> new Thread(r, "alerting-send"));
        scheduler = new Thread(this::schedule, "alerting-dispatch");
        scheduler.start();
        return this;
    }

    private void schedule() {
        while (running) {
            for (Runnable r : due()) {
                senders.execute(r);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized List<Runnable> due() {
        Instant now = clock.instant();
        List<Runnable> out = new ArrayList<>();
        for (Conversation c : conversations.values()) {
            Task head = c.queue.peekFirst();
            if (!c.inFlight && head != null && head.ready && !head.dueAt.isAfter(now)) {
                c.inFlight = true;
                out.add(() -> attempt(c, head));
            }
        }
        return out;
    }

    private void attempt(Conversation c, Task task) {
        try {
            Delivery outcome = tryOnce(c, task);
            publish(Topics.DELIVERIES.name(), outcome.incidentId(), Json.toBytes(outcome));
            synchronized (this) {
                if (outcome.outcome() == Outcome.RETRYING) {
                    task.dueAt = outcome.nextAttemptAt();
                } else {
                    c.queue.pollFirst();
                }
            }
        } catch (Exception e) {
            // Kafka did not take the outcome: the task stays queued and is tried again (the
            // receiver deduplicates by delivery id).
            LOG.warn(
                    "Delivery {} outcome not recorded, will retry: {}",
                    task.deliveryId,
                    e.toString());
            synchronized (this) {
                task.dueAt = clock.instant().plusSeconds(1);
            }
        } finally {
            synchronized (this) {
                c.inFlight = false;
            }
        }
    }

    /** One attempt; dead-letters when refused for good or past the budget. */
    private Delivery tryOnce(Conversation c, Task task) throws Exception {
        Instant now = clock.instant();
        Optional<Endpoint> endpoint =
                router.directory()
                        .agency(c.agencyId)
                        .flatMap(
                                a ->
                                        a.endpoints().stream()
                                                .filter(e -> e.channel() == c.channel)
                                                .findFirst());
        DeliveryChannel channel = channels.get(c.channel);
        String terminal = task.terminalError;
        if (terminal == null && endpoint.isEmpty()) {
            terminal = "agency " + c.agencyId + " has no " + c.channel + " endpoint configured";
        } else if (terminal == null && channel == null) {
            terminal = "no channel for " + c.channel;
        }
        Outgoing message = null;
        if (endpoint.isPresent() && task.event != null) {
            IncidentEvent body = latestFor(task);
            message =
                    new Outgoing(
                            task.deliveryId,
                            task.type,
                            body,
                            router.source(body.sourceId()),
                            c.agencyId,
                            endpoint.get(),
                            task.sent,
                            task.type == MessageType.ALERT ? null : c.firstDeliveryId,
                            task.type == MessageType.ALERT ? null : c.firstSent);
        }
        if (terminal != null) {
            return deadLetter(c, task, message, null, terminal);
        }
        task.attempt++;
        if (task.firstAttempt == null) {
            task.firstAttempt = now;
        }
        SendResult result = channel.send(message);
        Instant after = clock.instant();
        if (result.delivered()) {
            return record(
                    c, task, task.attempt, Outcome.DELIVERED, result.httpStatus(), null, null);
        }
        if (!result.retryable()) {
            publish(
                    Topics.DELIVERIES.name(),
                    c.incidentId,
                    Json.toBytes(
                            record(
                                    c,
                                    task,
                                    task.attempt,
                                    Outcome.FAILED,
                                    result.httpStatus(),
                                    result.error(),
                                    null)));
            return deadLetter(c, task, message, result.httpStatus(), "refused: " + result.error());
        }
        Instant next = settings.retry().nextAttempt(task.attempt, task.firstAttempt, after, random);
        if (next == null) {
            return deadLetter(
                    c,
                    task,
                    message,
                    result.httpStatus(),
                    "retry budget spent after " + task.attempt + " attempts: " + result.error());
        }
        return record(
                c, task, task.attempt, Outcome.RETRYING, result.httpStatus(), result.error(), next);
    }

    private synchronized IncidentEvent latestFor(Task task) {
        if (task.type == MessageType.UPDATE) {
            IncidentEvent newest = latest.get(task.event.incidentId());
            if (newest != null && newest.sequence() > task.event.sequence() && !closing(newest)) {
                return newest;
            }
        }
        return task.event;
    }

    private Delivery deadLetter(
            Conversation c, Task task, Outgoing message, Integer status, String reason)
            throws Exception {
        byte[] raw =
                message != null
                        ? WebhookChannel.body(message)
                        : Json.toBytes(Map.of("deliveryId", task.deliveryId));
        DeadLetter letter =
                new DeadLetter(
                        "alerting",
                        "delivery to " + c.agencyId + " over " + c.channel + ": " + reason,
                        null,
                        raw,
                        message == null ? null : message.endpoint().url(),
                        clock.instant(),
                        Map.of(
                                "deliveryId", task.deliveryId,
                                "incidentId", c.incidentId,
                                "agencyId", c.agencyId,
                                "channel", c.channel.name(),
                                "attempts", Integer.toString(task.attempt)));
        publish(Topics.DEAD_LETTER.name(), letter.origin(), Json.toBytes(letter));
        LOG.warn("Delivery {} dead-lettered: {}", task.deliveryId, reason);
        return record(c, task, task.attempt, Outcome.DEAD_LETTERED, status, reason, null);
    }

    private Delivery record(
            Conversation c,
            Task task,
            int attempt,
            Outcome outcome,
            Integer status,
            String error,
            Instant next) {
        return new Delivery(
                task.deliveryId,
                c.incidentId,
                task.incidentEventId,
                c.agencyId,
                c.channel,
                attempt,
                outcome,
                clock.instant(),
                status,
                error,
                next);
    }

    private void publish(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value))
                .get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Whether alerting dispatched this incident to this agency (known from vigil.deliveries). */
    public synchronized boolean dispatched(String incidentId, String agencyId) {
        return dispatchedAgencies.getOrDefault(incidentId, Set.of()).contains(agencyId);
    }

    /** The queued messages, head of each conversation first. */
    public synchronized List<Pending> pending() {
        List<Pending> out = new ArrayList<>();
        for (Conversation c : conversations.values()) {
            for (Task t : c.queue) {
                out.add(
                        new Pending(
                                t.deliveryId,
                                c.incidentId,
                                c.agencyId,
                                c.channel,
                                t.type,
                                t.attempt,
                                t.dueAt));
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (scheduler != null) {
            scheduler.interrupt();
            scheduler.join(5_000);
        }
        if (senders != null) {
            senders.shutdownNow();
            senders.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
