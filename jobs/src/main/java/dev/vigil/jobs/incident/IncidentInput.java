package dev.vigil.jobs.incident;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Command;

/**
 * An alert or a command on their way to the incidents of one source, so both travel through one
 * keyed operator in the order they arrive there.
 *
 * @param alert the alert; {@code null} for a command
 * @param command the command; {@code null} for an alert
 */
public record IncidentInput(Alert alert, Command command) {

    public IncidentInput {
        if ((alert == null) == (command == null)) {
            throw new IllegalArgumentException("exactly one of alert and command is required");
        }
    }

    public static IncidentInput of(Alert alert) {
        return new IncidentInput(alert, null);
    }

    public static IncidentInput of(Command command) {
        return new IncidentInput(null, command);
    }

    /** The source whose incidents it concerns, the operator's key. */
    public String sourceKey() {
        return alert != null ? alert.sourceId() : IncidentKeys.sourceOf(command.incidentId());
    }
}
