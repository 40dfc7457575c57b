package dev.vigil.ingest.complaint;

import dev.vigil.events.complaint.Complaint;
import java.time.Instant;

/**
 * What ingest can say about a complaint's handling: that it was received, when, and what it is
 * about. Incident handling states (dispatched, on scene, resolved) arrive with the incident
 * lifecycle; this record is the body of {@code GET /api/complaints/{id}} until then.
 *
 * @param complaintId the complaint's id
 * @param status {@code RECEIVED}
 * @param receivedAt when Vigil received it
 * @param channel how it arrived
 * @param category what it is about
 */
public record ComplaintStatus(
        String complaintId,
        String status,
        Instant receivedAt,
        Complaint.Channel channel,
        Complaint.Category category) {

    /** The status of a complaint that is in Kafka. */
    public static ComplaintStatus received(Complaint complaint) {
        return new ComplaintStatus(
                complaint.complaintId(),
                "RECEIVED",
                complaint.receivedAt(),
                complaint.channel(),
                complaint.category());
    }
}
