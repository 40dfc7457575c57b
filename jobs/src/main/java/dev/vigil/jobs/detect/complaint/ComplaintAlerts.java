package dev.vigil.jobs.detect.complaint;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.jobs.detect.AlertBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The COMPLAINT alert of a citizen complaint, attributed to a source, with a severity by category
 * (smoke and water pollution are alarms: fire and spills spread; the rest are warnings, "other" is
 * information). Its id is {@code idFor(COMPLAINT, complaint id)}; it only fires, operators close
 * the incident. It carries the complaint's id, category and place, never the complainant (whose
 * contact details are not on the complaint at all) nor the free text.
 */
public final class ComplaintAlerts {

    private ComplaintAlerts() {}

    /** The severity of a category of complaint. */
    public static Severity severity(Complaint.Category category) {
        return switch (category) {
            case SMOKE, WATER -> Severity.ALARM;
            case ODOR, NOISE, WASTE -> Severity.WARNING;
            case OTHER -> Severity.INFO;
        };
    }

    /** The alert of an attributed complaint. */
    public static Alert alert(Complaint complaint, ComplaintAttribution attribution, Instant now) {
        String category = complaint.category().name().toLowerCase(Locale.ROOT);
        String where =
                complaint.place().address() != null
                        ? complaint.place().address()
                        : complaint.place().street() != null
                                ? complaint.place().street()
                                : String.valueOf(complaint.place().area());
        String near =
                attribution.meters() == null
                        ? "in the area of " + attribution.source().name()
                        : Math.round(attribution.meters())
                                + " m from "
                                + attribution.source().name();
        return AlertBuilder.alert(
                        Alert.idFor(Alert.Type.COMPLAINT.name(), complaint.complaintId()),
                        Alert.Type.COMPLAINT,
                        Alert.State.FIRING)
                .severity(severity(complaint.category()))
                .about(attribution.source().sourceId(), null, null, null)
                .value(attribution.meters(), null)
                .evidence(
                        List.of(
                                new Evidence(
                                        Evidence.Kind.COMPLAINT,
                                        complaint.complaintId(),
                                        complaint.reportedAt(),
                                        null,
                                        category
                                                + " complaint ("
                                                + complaint.channel()
                                                + ") at "
                                                + where)))
                .at(complaint.reportedAt(), now)
                .message("Citizen complaint about " + category + " at " + where + ", " + near)
                .build();
    }
}
