package dev.vigil.ingest.complaint;

import dev.vigil.events.Place;
import dev.vigil.events.complaint.Complaint.Category;
import dev.vigil.events.complaint.Complaint.Channel;
import java.time.Instant;
import java.util.List;

/**
 * A validated complaint submission before it has an id: what agencies may see, and the reporter's
 * contact apart from it.
 *
 * @param externalId the submitting system's own id (e.g. the hotline ticket number); nullable
 * @param channel how it reached the command center
 * @param category what it is about
 * @param text what the citizen said
 * @param place where, with an address or a location or both
 * @param reportedAt when the citizen made it; nullable when not given
 * @param contact how to reach the citizen; nullable for anonymous complaints
 * @param attachments photos as received, not yet checked or stored
 */
public record ComplaintDraft(
        String externalId,
        Channel channel,
        Category category,
        String text,
        Place place,
        Instant reportedAt,
        Contact contact,
        List<Attachment> attachments) {

    /** The reporter's contact details; never logged ({@link #toString()} leaves them out). */
    public record Contact(String name, String phone, String email) {
        @Override
        public String toString() {
            return "Contact[***]";
        }
    }

    /** A photo sent with the complaint, and where it was in the request. */
    public record Attachment(String field, byte[] content) {}

    public ComplaintDraft {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
