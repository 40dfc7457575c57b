package dev.vigil.ingest.complaint;

import dev.vigil.events.EvidenceRef;
import dev.vigil.events.Topics;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.complaint.ComplaintContact;
import dev.vigil.ingest.auth.RequestGate;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpEndpoint;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.media.MediaStore;
import dev.vigil.ingest.publish.RecentPublications;
import dev.vigil.ingest.publish.RecentPublications.Outcome;
import dev.vigil.ingest.publish.RecordPublisher;
import dev.vigil.ingest.publish.Rejections;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /api/complaints}: a citizen complaint from a hotline, web portal or app (scope {@code
 * COMPLAINTS}), validated by {@link ComplaintParser}, published to {@code vigil.complaints} and,
 * when the citizen left contact details, those separately to {@code vigil.complaint-contacts}.
 * Answers 201 {@code {complaintId, statusUrl}} with a {@code Location} header once Kafka
 * acknowledged both; a resend of a complaint with the same {@code externalId} from the same
 * integration is not published again and answers 200 with the same body. Contact details never
 * reach the complaint record, logs or the dead-letter topic ({@link ContactMasking}).
 */
public final class ComplaintEndpoint implements HttpEndpoint {

    /** The 201/200 body. */
    public record Created(String complaintId, String statusUrl) {}

    /** Where a complaint's status is, relative to the ingest HTTP server. */
    public static final String STATUS_PATH = "/api/complaints/";

    private final ComplaintParser parser;
    private final RequestGate gate;
    private final Rejections rejections;
    private final MediaStore media;
    private final ComplaintStatuses statuses;
    private final RecentPublications recent;
    private final RecordPublisher publisher;
    private final Clock clock;
    private final long maxBodyBytes;

    public ComplaintEndpoint(
            ComplaintParser parser,
            RequestGate gate,
            Rejections rejections,
            MediaStore media,
            ComplaintStatuses statuses,
            RecentPublications recent,
            RecordPublisher publisher,
            Clock clock,
            long maxBodyBytes) {
        this.parser = parser;
        this.gate = gate;
        this.rejections = rejections;
        this.media = media;
        this.statuses = statuses;
        this.recent = recent;
        this.publisher = publisher;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public HttpReply tooLarge(HttpCall head, long limit) {
        return rejections.reject(
                head,
                Problem.tooLarge("body", "the body is larger than " + limit + " bytes"),
                Map.of("contentLength", String.valueOf(head.header("Content-Length"))));
    }

    @Override
    public CompletionStage<HttpReply> handle(HttpCall call) {
        Instant receivedAt = clock.instant();
        RequestGate.Admission admission = gate.admit(call);
        if (!admission.admitted()) {
            return CompletableFuture.completedFuture(admission.refusal());
        }
        String integrationId = admission.integration().integrationId();
        Map<String, String> detail = Map.of("integration", integrationId);
        ComplaintDraft draft;
        List<EvidenceRef> attachments = new ArrayList<>();
        try {
            draft = parser.parse(call, receivedAt);
            for (ComplaintDraft.Attachment a : draft.attachments()) {
                media.check(a.content(), a.field());
            }
            for (ComplaintDraft.Attachment a : draft.attachments()) {
                attachments.add(media.store(a.content(), a.field()));
            }
        } catch (ProblemException e) {
            return CompletableFuture.completedFuture(rejections.reject(call, e.problem(), detail));
        }
        String complaintId =
                draft.externalId() == null
                        ? ComplaintIds.random()
                        : ComplaintIds.derived(integrationId, draft.externalId());
        if (draft.externalId() != null
                && !recent.contains(complaintId)
                && statuses.find(complaintId).isPresent()) {
            rejections.count("duplicate");
            return CompletableFuture.completedFuture(created(200, complaintId));
        }
        Complaint complaint =
                new Complaint(
                        complaintId,
                        draft.channel(),
                        draft.category(),
                        draft.text(),
                        draft.place(),
                        attachments,
                        draft.reportedAt() == null ? receivedAt : draft.reportedAt(),
                        receivedAt);
        ComplaintDraft.Contact contact = draft.contact();
        return recent.once(
                        complaintId,
                        () -> {
                            CompletableFuture<Void> record =
                                    publisher.publish(Topics.COMPLAINTS, complaint);
                            CompletableFuture<Void> details =
                                    contact == null
                                            ? CompletableFuture.completedFuture(null)
                                            : publisher.publish(
                                                    Topics.COMPLAINT_CONTACTS,
                                                    new ComplaintContact(
                                                            complaintId,
                                                            contact.name(),
                                                            contact.phone(),
                                                            contact.email()));
                            return CompletableFuture.allOf(record, details)
                                    .thenRun(() -> statuses.received(complaint));
                        })
                .handle(
                        (outcome, error) -> {
                            if (error != null) {
                                return rejections
                                        .reject(
                                                call,
                                                new Problem(
                                                        Problem.Kind.UNAVAILABLE,
                                                        null,
                                                        "Kafka did not acknowledge the complaint;"
                                                                + " send it again"),
                                                detail)
                                        .withHeader("Retry-After", "5");
                            }
                            boolean published = outcome == Outcome.PUBLISHED;
                            rejections.count(published ? "published" : "duplicate");
                            return created(published ? 201 : 200, complaintId);
                        });
    }

    private static HttpReply created(int status, String complaintId) {
        String statusUrl = STATUS_PATH + complaintId;
        return HttpReply.json(status, new Created(complaintId, statusUrl))
                .withHeader("Location", statusUrl);
    }
}
