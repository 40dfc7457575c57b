package dev.vigil.jobs.incident;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Command;

/**
 * An alert, a command or a failed delivery on its way to the incidents of one source, so all three
 * travel through one keyed operator in the order they arrive there.
 *
 * @param alert the alert; {@code null} otherwise
 * @param command the command; {@code null} otherwise
 * @param delivery a dead-lettered delivery of one of the source's incidents; {@code null} otherwise
 */
public record IncidentInput(Alert alert, Command command, Delivery delivery) {

    public IncidentInput {
        int present =
                (alert != null ? 1 : 0) + (command != null ? 1 : 0) + (delivery != null ? 1 : 0);
        if (present != 1) {
            throw new IllegalArgumentException(
                    "exactly one of alert, command and delivery is required");
        }
    }

    public static IncidentInput of(Alert alert) {
        return new IncidentInput(alert, null, null);
    }

    public static IncidentInput of(Command command) {
        return new IncidentInput(null, command, null);
    }

    public static IncidentInput of(Delivery delivery) {
        return new IncidentInput(null, null, delivery);
    }

    /** The source whose incidents it concerns, the operator's key. */
    public String sourceKey() {
        if (alert != null) {
            return alert.sourceId();
        }
        return IncidentKeys.sourceOf(
                command != null ? command.incidentId() : delivery.incidentId());
    }
}
