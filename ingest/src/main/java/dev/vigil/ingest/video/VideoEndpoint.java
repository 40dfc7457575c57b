package dev.vigil.ingest.video;

import dev.vigil.events.Topics;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.ingest.auth.RequestGate;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpEndpoint;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.publish.RecentPublications;
import dev.vigil.ingest.publish.RecentPublications.Outcome;
import dev.vigil.ingest.publish.RecordPublisher;
import dev.vigil.ingest.publish.Rejections;
import dev.vigil.ingest.registry.CameraDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /api/video/<vendor>}: one vendor's event push, authenticated and rate-limited per
 * integration (scope {@code VIDEO}), parsed by its {@link VideoFormat}, normalized, and published
 * to {@code vigil.video-events} under the camera id, each event at most once among recent event
 * ids. Answers 200 {@code {published, duplicates, ignored, eventIds}} only after Kafka acknowledged
 * every event; refusals are {@code {error, field, detail}} (see {@link Problem.Kind}), counted and
 * dead-lettered under {@code http:video}.
 */
public final class VideoEndpoint implements HttpEndpoint {

    /** The 200 body. */
    public record Accepted(int published, int duplicates, int ignored, List<String> eventIds) {}

    private final VideoFormat format;
    private final RequestGate gate;
    private final Rejections rejections;
    private final CameraDirectory cameras;
    private final VideoNormalizer normalizer;
    private final VideoLossKeepAlive keepAlive;
    private final RecentPublications recent;
    private final RecordPublisher publisher;
    private final Clock clock;
    private final long maxBodyBytes;

    public VideoEndpoint(
            VideoFormat format,
            RequestGate gate,
            Rejections rejections,
            CameraDirectory cameras,
            VideoNormalizer normalizer,
            VideoLossKeepAlive keepAlive,
            RecentPublications recent,
            RecordPublisher publisher,
            Clock clock,
            long maxBodyBytes) {
        this.format = format;
        this.gate = gate;
        this.rejections = rejections;
        this.cameras = cameras;
        this.normalizer = normalizer;
        this.keepAlive = keepAlive;
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
                Map.of(
                        "vendor",
                        format.vendor().label(),
                        "contentLength",
                        String.valueOf(head.header("Content-Length"))));
    }

    @Override
    public CompletionStage<HttpReply> handle(HttpCall call) {
        Instant receivedAt = clock.instant();
        RequestGate.Admission admission = gate.admit(call);
        if (!admission.admitted()) {
            return CompletableFuture.completedFuture(admission.refusal());
        }
        String integrationId = admission.integration().integrationId();
        Map<String, String> detail =
                Map.of("vendor", format.vendor().label(), "integration", integrationId);
        if (!cameras.ready()) {
            return CompletableFuture.completedFuture(
                    rejections
                            .reject(
                                    call,
                                    new Problem(
                                            Problem.Kind.UNAVAILABLE,
                                            null,
                                            "the source registry is still loading; try again"
                                                    + " shortly"),
                                    detail)
                            .withHeader("Retry-After", "5"));
        }
        VideoNormalizer.Normalized normalized;
        int ignored;
        try {
            List<VendorEvent> parsed = format.parse(call, integrationId);
            normalized = normalizer.normalize(parsed, receivedAt);
            // a push with nothing to publish (a Frigate false positive) counts as one ignored
            ignored = normalized.keepAlives() + (parsed.isEmpty() ? 1 : 0);
        } catch (ProblemException e) {
            return CompletableFuture.completedFuture(rejections.reject(call, e.problem(), detail));
        }
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (VideoEvent event : normalized.events()) {
            outcomes.add(
                    recent.once(
                            event.eventId(),
                            () ->
                                    publisher
                                            .publish(Topics.VIDEO_EVENTS, event)
                                            .thenRun(() -> keepAlive.published(event))));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .handle(
                        (ok, error) ->
                                error == null
                                        ? accepted(normalized, outcomes, ignored)
                                        : rejections
                                                .reject(
                                                        call,
                                                        new Problem(
                                                                Problem.Kind.UNAVAILABLE,
                                                                null,
                                                                "Kafka did not acknowledge the"
                                                                        + " event; send it again"),
                                                        detail)
                                                .withHeader("Retry-After", "5"));
    }

    private HttpReply accepted(
            VideoNormalizer.Normalized normalized,
            List<CompletableFuture<Outcome>> outcomes,
            int ignored) {
        int published = 0;
        int duplicates = 0;
        for (CompletableFuture<Outcome> outcome : outcomes) {
            if (outcome.join() == Outcome.PUBLISHED) {
                published++;
                rejections.count("published");
            } else {
                duplicates++;
                rejections.count("duplicate");
            }
        }
        for (int i = 0; i < ignored; i++) {
            rejections.count("ignored");
        }
        return HttpReply.json(
                200,
                new Accepted(
                        published,
                        duplicates,
                        ignored,
                        normalized.events().stream().map(VideoEvent::eventId).toList()));
    }
}
