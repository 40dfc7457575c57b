package dev.vigil.events.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An operator's or agency's request to move an incident on (acknowledge, dispatch, note, arrive,
 * resolve, close, merge, escalate, silence), published to {@code vigil.commands} under the incident
 * id; the incident job accepts or rejects it against the incident's state and the actor's role.
 *
 * <p>The constructor checks only that required parts are present; {@link #validate()} checks what
 * each type needs.
 *
 * @param commandId unique per command, so a resubmitted command is applied once
 * @param incidentId the incident it acts on, the Kafka key
 * @param type what to do
 * @param actor who asks
 * @param issuedAt when they asked
 * @param agencyIds the agencies to dispatch to ({@link Type#DISPATCH})
 * @param note free text: the note, the feedback, the reason; nullable
 * @param mergeInto the incident to merge this one into ({@link Type#MERGE}); nullable
 * @param silenceUntil until when to silence the source ({@link Type#SILENCE}); nullable
 * @param sourceId the source to silence ({@link Type#SILENCE}); nullable
 */
public record Command(
        String commandId,
        String incidentId,
        Type type,
        Actor actor,
        Instant issuedAt,
        List<String> agencyIds,
        String note,
        String mergeInto,
        Instant silenceUntil,
        String sourceId) {

    /** What a command asks for. */
    public enum Type {
        ACKNOWLEDGE,
        DISPATCH,
        NOTE,
        ARRIVE,
        FEEDBACK,
        RESOLVE,
        CLOSE,
        MERGE,
        REOPEN,
        ESCALATE,
        SILENCE
    }

    public Command {
        Objects.requireNonNull(commandId, "commandId is required");
        Objects.requireNonNull(incidentId, "incidentId is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(actor, "actor is required");
        Objects.requireNonNull(issuedAt, "issuedAt is required");
        agencyIds = agencyIds == null ? List.of() : List.copyOf(agencyIds);
    }

    /**
     * What this command lacks for its type, one problem per entry naming the field; empty when it
     * is complete. Whether the actor may do it is the incident's to decide.
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        switch (type) {
            case DISPATCH -> {
                if (agencyIds.isEmpty()) {
                    problems.add("agencyIds: at least one agency is required for DISPATCH");
                }
            }
            case NOTE, FEEDBACK -> {
                if (note == null || note.isBlank()) {
                    problems.add("note: required for " + type);
                }
            }
            case MERGE -> {
                if (mergeInto == null) {
                    problems.add("mergeInto: required for MERGE");
                } else if (mergeInto.equals(incidentId)) {
                    problems.add("mergeInto: an incident cannot be merged into itself");
                }
            }
            case SILENCE -> {
                if (sourceId == null) {
                    problems.add("sourceId: required for SILENCE");
                }
                if (silenceUntil == null) {
                    problems.add("silenceUntil: required for SILENCE");
                } else if (!silenceUntil.isAfter(issuedAt)) {
                    problems.add("silenceUntil: must be after issuedAt");
                }
            }
            default -> {}
        }
        return List.copyOf(problems);
    }
}
