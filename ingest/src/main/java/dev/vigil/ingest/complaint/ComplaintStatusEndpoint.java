package dev.vigil.ingest.complaint;

import dev.vigil.ingest.auth.RequestGate;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpEndpoint;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.publish.Rejections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/complaints/{id}}: a complaint's handling status as far as ingest knows it, i.e.
 * {@code RECEIVED} with the time, channel and category ({@link ComplaintStatus}); never its text or
 * contact. Incident handling status (acknowledged, dispatched, resolved) arrives with the incident
 * lifecycle. Needs the {@code COMPLAINTS} scope; 404 for an unknown id.
 */
public final class ComplaintStatusEndpoint implements HttpEndpoint {

    private final RequestGate gate;
    private final Rejections rejections;
    private final ComplaintStatuses statuses;

    public ComplaintStatusEndpoint(
            RequestGate gate, Rejections rejections, ComplaintStatuses statuses) {
        this.gate = gate;
        this.rejections = rejections;
        this.statuses = statuses;
    }

    @Override
    public CompletionStage<HttpReply> handle(HttpCall call) {
        RequestGate.Admission admission = gate.admit(call);
        if (!admission.admitted()) {
            return CompletableFuture.completedFuture(admission.refusal());
        }
        String id = call.pathParam("id");
        if (!ComplaintIds.isWellFormed(id)) {
            rejections.count(Problem.Kind.MALFORMED.error());
            return CompletableFuture.completedFuture(
                    HttpReply.error(Problem.malformed("id", "must be a complaint id (a UUID)")));
        }
        return CompletableFuture.completedFuture(
                statuses.find(id)
                        .map(status -> HttpReply.json(200, status))
                        .orElseGet(
                                () ->
                                        HttpReply.error(
                                                new Problem(
                                                        Problem.Kind.NOT_FOUND,
                                                        "id",
                                                        "no complaint with this id"))));
    }
}
