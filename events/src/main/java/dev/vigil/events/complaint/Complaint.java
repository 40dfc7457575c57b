package dev.vigil.events.complaint;

import dev.vigil.events.EvidenceRef;
import dev.vigil.events.Place;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A citizen's complaint as agencies may see it, published to {@code vigil.complaints} under its id;
 * the complainant's contact details travel apart, in {@link ComplaintContact}.
 *
 * @param complaintId the complaint's id, the Kafka key
 * @param channel how it reached the command center
 * @param category what it is about
 * @param text what the citizen said, as recorded
 * @param place where it happens, as precisely as known
 * @param attachments photos or recordings sent with it
 * @param reportedAt when the citizen made it
 * @param receivedAt when Vigil received it
 */
public record Complaint(
        String complaintId,
        Channel channel,
        Category category,
        String text,
        Place place,
        List<EvidenceRef> attachments,
        Instant reportedAt,
        Instant receivedAt) {

    /** How a complaint reached the command center. */
    public enum Channel {
        HOTLINE,
        WEB,
        APP
    }

    /** What a complaint is about. */
    public enum Category {
        NOISE,
        ODOR,
        SMOKE,
        WATER,
        WASTE,
        OTHER
    }

    public Complaint {
        Objects.requireNonNull(complaintId, "complaintId is required");
        Objects.requireNonNull(channel, "channel is required");
        Objects.requireNonNull(category, "category is required");
        Objects.requireNonNull(text, "text is required");
        Objects.requireNonNull(place, "place is required");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Objects.requireNonNull(reportedAt, "reportedAt is required");
        Objects.requireNonNull(receivedAt, "receivedAt is required");
    }
}
