package dev.vigil.jobs.incident;

import dev.vigil.events.Severity;
import dev.vigil.events.StableId;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Actor.Role;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.State;
import dev.vigil.events.incident.IncidentEvent.Type;
import dev.vigil.events.incident.IncidentLifecycle;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One incident as the job holds it (state, evidence, deadlines, what it has already seen) with the
 * rules that turn an alert, a command or a due deadline into its next numbered events; plain Java,
 * so every rule is tested without Flink. Times are the caller's processing time in epoch millis.
 */
public final class Incident implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Set<State> ACTIVE =
            EnumSet.of(State.OPEN, State.ACKNOWLEDGED, State.DISPATCHED, State.ON_SCENE);

    private String incidentId;
    private String sourceId;
    private State state;
    private Severity severity;
    private IncidentEvent.Category category;
    private Set<EvidenceFamily> families = new HashSet<>();
    private int escalations;
    private long sequence;
    private Instant firstAlertTime;
    private Instant lastAlertTime;
    private List<String> alertIds = new ArrayList<>();
    private List<String> agencyIds = new ArrayList<>();
    private Set<String> acknowledgedBy = new TreeSet<>();
    private Set<String> seenAlerts = new HashSet<>();
    private Set<String> seenCommands = new HashSet<>();
    private Set<String> failedDeliveries = new HashSet<>();
    private Long acknowledgeBy;
    // agency -> when its acknowledgement (or, once acknowledged, its report) is due
    private Map<String, Long> agencyDue = new TreeMap<>();
    private Long purgeAt;

    /** For Flink's serializer. */
    public Incident() {}

    /**
     * Opens an incident with {@code alert} as its first alert and appends the OPENED event, whose
     * detail ends with {@code where} (see {@link SourcePlace#describe}; empty when unknown).
     */
    public static Incident open(
            Alert alert, String where, long now, IncidentConfig config, List<IncidentEvent> out) {
        Incident incident = new Incident();
        incident.incidentId = IncidentKeys.incidentId(alert);
        incident.sourceId = alert.sourceId();
        incident.state = State.OPEN;
        incident.severity = alert.severity();
        incident.category = AlertCategory.of(alert);
        incident.families.add(EvidenceFamily.of(alert.type()));
        incident.firstAlertTime = alert.eventTime();
        incident.lastAlertTime = alert.eventTime();
        incident.alertIds.add(alert.alertId());
        incident.seenAlerts.add(seenKey(alert));
        incident.acknowledgeBy = now + config.acknowledgeWithin(alert.severity()).toMillis();
        incident.emit(
                Type.OPENED,
                null,
                null,
                alert.detectedAt(),
                alert.message() + (where == null ? "" : where),
                out);
        return incident;
    }

    /** Whether {@code alert} belongs to this incident: it is active and the alert is in window. */
    public boolean takes(Alert alert, Duration window) {
        return ACTIVE.contains(state)
                && !alert.eventTime().isAfter(lastAlertTime.plus(window))
                && !alert.eventTime().isBefore(firstAlertTime.minus(window));
    }

    /** Whether this exact alert record (id, state, severity) was attached already. */
    public boolean hasSeen(Alert alert) {
        return seenAlerts.contains(seenKey(alert));
    }

    /**
     * Attaches an alert: raising severity, priority, category and the acknowledgement deadline,
     * unless the source is silenced (or the alert suppressed), when it is recorded in a SILENCED
     * event only.
     */
    public void attach(
            Alert alert,
            boolean silenced,
            long now,
            IncidentConfig config,
            List<IncidentEvent> out) {
        seenAlerts.add(seenKey(alert));
        if (!alertIds.contains(alert.alertId())) {
            alertIds.add(alert.alertId());
        }
        if (alert.eventTime().isAfter(lastAlertTime)) {
            lastAlertTime = alert.eventTime();
        }
        if (silenced || alert.suppressed()) {
            emit(
                    Type.SILENCED,
                    null,
                    null,
                    alert.detectedAt(),
                    "alert " + alert.alertId() + " attached while silenced: " + alert.message(),
                    out);
            return;
        }
        if (alert.severity().compareTo(severity) > 0) {
            severity = alert.severity();
        }
        families.add(EvidenceFamily.of(alert.type()));
        IncidentEvent.Category evidenceOf = AlertCategory.of(alert);
        if (evidenceOf.outranks(category)) {
            category = evidenceOf;
        }
        if (state == State.OPEN && acknowledgeBy != null) {
            acknowledgeBy =
                    Math.min(acknowledgeBy, now + config.acknowledgeWithin(severity).toMillis());
        }
        emit(Type.ALERT_ATTACHED, null, null, alert.detectedAt(), alert.message(), out);
    }

    /**
     * Applies a command, or rejects it with a COMMAND_REJECTED event; a command seen before is
     * ignored. Returns whether it was applied now.
     *
     * @param mergeHalves receives the command that tells a merge target what was merged into it
     */
    public boolean apply(
            Command command,
            long now,
            IncidentConfig config,
            List<IncidentEvent> out,
            List<Command> mergeHalves) {
        if (!seenCommands.add(command.commandId())) {
            return false;
        }
        Actor actor = command.actor();
        Instant at = command.issuedAt();
        Optional<String> rejection =
                IncidentLifecycle.rejection(command, state, agencyIds, acknowledgedBy);
        if (rejection.isPresent()) {
            emit(Type.COMMAND_REJECTED, actor, command.commandId(), at, rejection.get(), out);
            return false;
        }
        State before = state;
        state = IncidentLifecycle.after(command, state);
        String agency = actor.agencyId();
        Type type;
        String detail = command.note();
        switch (command.type()) {
            case ACKNOWLEDGE -> {
                if (actor.role() == Role.AGENCY) {
                    acknowledgedBy.add(agency);
                    agencyDue.put(agency, now + config.agencyWithin().toMillis());
                    type = Type.AGENCY_ACKNOWLEDGED;
                } else {
                    acknowledgeBy = null;
                    type = Type.STATE_CHANGED;
                }
            }
            case DISPATCH -> {
                acknowledgeBy = null;
                for (String id : command.agencyIds()) {
                    if (!agencyIds.contains(id)) {
                        agencyIds.add(id);
                        agencyDue.put(id, now + config.agencyWithin().toMillis());
                    }
                }
                type = Type.DISPATCHED;
            }
            case NOTE -> type = Type.NOTE_ADDED;
            case ARRIVE -> {
                agencyDue.remove(agency);
                type = Type.AGENCY_ARRIVED;
            }
            case FEEDBACK -> {
                agencyDue.remove(agency);
                type = Type.FEEDBACK;
            }
            case RESOLVE -> {
                acknowledgeBy = null;
                agencyDue.clear();
                type = Type.STATE_CHANGED;
            }
            case CLOSE -> {
                clearDeadlines();
                purgeAt = now + config.retention().toMillis();
                type = Type.CLOSED;
            }
            case MERGE -> {
                type = Type.MERGED;
                if (actor.role() == Role.SYSTEM) {
                    detail = "incident " + command.mergeInto() + " was merged into this one";
                } else {
                    clearDeadlines();
                    purgeAt = now + config.retention().toMillis();
                    detail = "merged into " + command.mergeInto();
                    mergeHalves.add(
                            new Command(
                                    StableId.of("merge", incidentId, command.commandId()),
                                    command.mergeInto(),
                                    Command.Type.MERGE,
                                    Actor.SYSTEM,
                                    at,
                                    List.of(),
                                    "merged from " + incidentId,
                                    incidentId,
                                    null,
                                    null));
                }
            }
            case REOPEN -> {
                purgeAt = null;
                acknowledgeBy = now + config.acknowledgeWithin(severity).toMillis();
                type = Type.REOPENED;
            }
            case ESCALATE -> {
                escalations++;
                type = Type.ESCALATED;
            }
            case SILENCE -> {
                type = Type.SILENCED;
                detail =
                        "source "
                                + command.sourceId()
                                + " silenced until "
                                + command.silenceUntil()
                                + (command.note() == null ? "" : ": " + command.note());
            }
            default -> throw new IllegalStateException("unhandled " + command.type());
        }
        if (type == Type.STATE_CHANGED && detail == null) {
            detail = before + " -> " + state;
        }
        emit(type, actor, command.commandId(), at, detail, out);
        return true;
    }

    /**
     * Records a dead-lettered delivery of this incident as a DELIVERY_FAILED event naming the
     * agency, the channel and the reason, once per delivery id (alerting may publish the same
     * outcome again after a restart). Any other outcome changes nothing. Returns whether an event
     * was emitted.
     */
    public boolean deliveryFailed(Delivery delivery, List<IncidentEvent> out) {
        if (delivery.outcome() != Delivery.Outcome.DEAD_LETTERED
                || !failedDeliveries.add(delivery.deliveryId())) {
            return false;
        }
        emit(
                Type.DELIVERY_FAILED,
                Actor.SYSTEM,
                null,
                delivery.at(),
                "delivery to agency "
                        + delivery.agencyId()
                        + " over "
                        + delivery.channel()
                        + " failed after "
                        + delivery.attempt()
                        + (delivery.attempt() == 1 ? " attempt" : " attempts")
                        + ": "
                        + (delivery.error() == null ? "no reason given" : delivery.error())
                        + " (delivery "
                        + delivery.deliveryId()
                        + ")",
                out);
        return true;
    }

    /** Emits what is due at {@code now}: escalation of a missed acknowledgement, SLA breaches. */
    public void onTimer(long now, IncidentConfig config, List<IncidentEvent> out) {
        Instant at = Instant.ofEpochMilli(now);
        if (acknowledgeBy != null && acknowledgeBy <= now) {
            acknowledgeBy = null;
            escalations++;
            emit(
                    Type.ESCALATED,
                    Actor.SYSTEM,
                    null,
                    at,
                    "not acknowledged within "
                            + config.acknowledgeWithin(severity)
                            + " ("
                            + severity
                            + ")",
                    out);
        }
        for (String agency : List.copyOf(agencyDue.keySet())) {
            if (agencyDue.get(agency) <= now) {
                agencyDue.remove(agency);
                String missed = acknowledgedBy.contains(agency) ? "report back" : "acknowledge";
                emit(
                        Type.SLA_BREACHED,
                        Actor.SYSTEM,
                        null,
                        at,
                        "agency "
                                + agency
                                + " did not "
                                + missed
                                + " within "
                                + config.agencyWithin(),
                        out);
                escalations++;
                emit(
                        Type.ESCALATED,
                        Actor.SYSTEM,
                        null,
                        at,
                        "SLA breached by agency " + agency,
                        out);
            }
        }
    }

    /** Whether the retention after closing or merging has passed: drop it from state. */
    public boolean purgeDue(long now) {
        return purgeAt != null && purgeAt <= now;
    }

    /** Every time this incident needs a timer for. */
    public Set<Long> timers() {
        Set<Long> timers = new TreeSet<>(agencyDue.values());
        if (acknowledgeBy != null) {
            timers.add(acknowledgeBy);
        }
        if (purgeAt != null) {
            timers.add(purgeAt);
        }
        return timers;
    }

    public String incidentId() {
        return incidentId;
    }

    public String sourceId() {
        return sourceId;
    }

    public State state() {
        return state;
    }

    public Severity severity() {
        return severity;
    }

    public long sequence() {
        return sequence;
    }

    /** What it is about; the most telling category among its unsilenced alerts. */
    public IncidentEvent.Category category() {
        return category;
    }

    public int priority() {
        return EvidenceFamily.priority(severity, families, escalations);
    }

    public List<String> alertIds() {
        return List.copyOf(alertIds);
    }

    private void clearDeadlines() {
        acknowledgeBy = null;
        agencyDue.clear();
    }

    private void emit(
            Type type,
            Actor actor,
            String commandId,
            Instant at,
            String detail,
            List<IncidentEvent> out) {
        sequence++;
        Long due =
                agencyDue.values().stream()
                        .reduce(acknowledgeBy, (a, b) -> a == null ? b : Math.min(a, b));
        out.add(
                new IncidentEvent(
                        IncidentEvent.idFor(incidentId, sequence),
                        incidentId,
                        sequence,
                        type,
                        state,
                        priority(),
                        severity,
                        category,
                        sourceId,
                        alertIds,
                        agencyIds,
                        actor,
                        commandId,
                        at,
                        due == null ? null : Instant.ofEpochMilli(due),
                        detail));
    }

    private static String seenKey(Alert alert) {
        return alert.alertId() + "|" + alert.state() + "|" + alert.severity();
    }
}
