package dev.vigil.jobs.incident;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentLifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The incidents of one source (the key): groups its alerts, applies commands, records failed
 * deliveries, and fires deadlines as processing-time timers; the rules are {@link Incident}'s and
 * {@link IncidentLifecycle}'s. After every input the key's timers are made to match exactly the
 * deadlines still pending, so a satisfied deadline leaves no timer behind and every path ends with
 * empty state.
 */
public final class IncidentFunction
        extends KeyedBroadcastProcessFunction<String, IncidentInput, SourcePlace, IncidentEvent> {

    private static final long serialVersionUID = 1L;

    private final IncidentConfig config;

    public IncidentFunction(IncidentConfig config) {
        this.config = config;
    }

    @Override
    public void processElement(IncidentInput in, ReadOnlyContext ctx, Collector<IncidentEvent> out)
            throws Exception {
        MapState<String, Incident> incidents =
                getRuntimeContext().getMapState(IncidentState.INCIDENTS);
        ValueState<Long> silencedUntil = getRuntimeContext().getState(IncidentState.SILENCED_UNTIL);
        long now = ctx.timerService().currentProcessingTime();
        Set<Long> before = timers(incidents, silencedUntil);
        List<IncidentEvent> events = new ArrayList<>();
        if (in.alert() != null) {
            Alert alert = in.alert();
            boolean silenced = silencedUntil.value() != null && silencedUntil.value() > now;
            Incident target = null;
            for (Incident incident : incidents.values()) {
                if (incident.hasSeen(alert)) {
                    return; // a redelivered alert: attached already
                }
                if (incident.takes(alert, config.correlationWindow())) {
                    target = incident;
                }
            }
            if (target != null) {
                target.attach(alert, silenced, now, config, events);
                incidents.put(target.incidentId(), target);
            } else if (opens(alert, silenced)
                    && !incidents.contains(IncidentKeys.incidentId(alert))) {
                Incident opened =
                        Incident.open(
                                alert,
                                ctx.getBroadcastState(IncidentState.PLACES).get(alert.sourceId()),
                                now,
                                config,
                                events);
                incidents.put(opened.incidentId(), opened);
            }
        } else if (in.command() != null) {
            Command command = in.command();
            Incident incident = incidents.get(command.incidentId());
            if (incident == null) {
                ctx.output(IncidentState.DEAD_LETTERS, unknown(command, now));
                return;
            }
            List<Command> halves = new ArrayList<>();
            boolean applied = incident.apply(command, now, config, events, halves);
            incidents.put(incident.incidentId(), incident);
            if (applied && command.type() == Command.Type.SILENCE) {
                long until = command.silenceUntil().toEpochMilli();
                if (silencedUntil.value() == null || silencedUntil.value() < until) {
                    silencedUntil.update(until);
                }
            }
            halves.forEach(c -> ctx.output(IncidentState.MERGE_COMMANDS, c));
        } else {
            Delivery delivery = in.delivery();
            Incident incident = incidents.get(delivery.incidentId());
            if (incident == null) {
                ctx.output(IncidentState.DEAD_LETTERS, unknown(delivery, now));
                return;
            }
            if (incident.deliveryFailed(delivery, events)) {
                incidents.put(incident.incidentId(), incident);
            }
        }
        events.forEach(out::collect);
        syncTimers(ctx.timerService(), before, timers(incidents, silencedUntil));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentEvent> out)
            throws Exception {
        MapState<String, Incident> incidents =
                getRuntimeContext().getMapState(IncidentState.INCIDENTS);
        ValueState<Long> silencedUntil = getRuntimeContext().getState(IncidentState.SILENCED_UNTIL);
        Set<Long> before = timers(incidents, silencedUntil);
        if (silencedUntil.value() != null && silencedUntil.value() <= timestamp) {
            silencedUntil.clear();
        }
        List<String> purged = new ArrayList<>();
        for (Map.Entry<String, Incident> entry : incidents.entries()) {
            Incident incident = entry.getValue();
            if (incident.purgeDue(timestamp)) {
                purged.add(entry.getKey());
                continue;
            }
            List<IncidentEvent> events = new ArrayList<>();
            incident.onTimer(timestamp, config, events);
            if (!events.isEmpty()) {
                entry.setValue(incident);
                events.forEach(out::collect);
            }
        }
        for (String id : purged) {
            incidents.remove(id);
        }
        before.remove(timestamp);
        syncTimers(ctx.timerService(), before, timers(incidents, silencedUntil));
    }

    @Override
    public void processBroadcastElement(
            SourcePlace place, Context ctx, Collector<IncidentEvent> out) throws Exception {
        if (place.where() == null) {
            ctx.getBroadcastState(IncidentState.PLACES).remove(place.sourceId());
        } else {
            ctx.getBroadcastState(IncidentState.PLACES).put(place.sourceId(), place.where());
        }
    }

    /** Only a firing, unsuppressed alert of an unsilenced source opens an incident. */
    static boolean opens(Alert alert, boolean silenced) {
        return alert.state() == Alert.State.FIRING && !alert.suppressed() && !silenced;
    }

    private static Set<Long> timers(MapState<String, Incident> incidents, ValueState<Long> silence)
            throws Exception {
        Set<Long> timers = new HashSet<>();
        for (Incident incident : incidents.values()) {
            timers.addAll(incident.timers());
        }
        if (silence.value() != null) {
            timers.add(silence.value());
        }
        return timers;
    }

    private static void syncTimers(TimerService service, Set<Long> before, Set<Long> after) {
        for (Long t : before) {
            if (!after.contains(t)) {
                service.deleteProcessingTimeTimer(t);
            }
        }
        for (Long t : after) {
            if (!before.contains(t)) {
                service.registerProcessingTimeTimer(t);
            }
        }
    }

    /**
     * A delivery failure of an incident no longer (or never) held here: it cannot join a timeline,
     * so it goes to the dead-letter topic with the delivery as raw bytes rather than vanish.
     */
    private static DeadLetter unknown(Delivery delivery, long now) {
        return new DeadLetter(
                Topics.DELIVERIES.name(),
                "delivery failure for unknown incident "
                        + delivery.incidentId()
                        + " (never opened, or closed and purged)",
                "incidentId",
                Json.toBytes(delivery),
                null,
                Instant.ofEpochMilli(now),
                Map.of(
                        "deliveryId", delivery.deliveryId(),
                        "agencyId", delivery.agencyId(),
                        "channel", delivery.channel().name()));
    }

    private static DeadLetter unknown(Command command, long now) {
        return new DeadLetter(
                Topics.COMMANDS.name(),
                "unknown incident " + command.incidentId(),
                "incidentId",
                Json.toBytes(command),
                null,
                Instant.ofEpochMilli(now),
                Map.of("commandId", command.commandId(), "type", command.type().name()));
    }
}
