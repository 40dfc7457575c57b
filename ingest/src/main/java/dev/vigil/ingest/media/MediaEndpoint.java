package dev.vigil.ingest.media;

import dev.vigil.events.Sha256;
import dev.vigil.ingest.auth.RequestGate;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpEndpoint;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.publish.Rejections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/media/{sha256}}: a stored picture by its SHA-256 (64 lowercase hex characters,
 * nothing else is ever turned into a path), for the console to show evidence. Needs an integration
 * with the {@code MEDIA} scope. Answers the bytes with their type and a long cache lifetime (the
 * content of a hash never changes), 400 for a malformed hash, 404 for an unknown one.
 */
public final class MediaEndpoint implements HttpEndpoint {

    private final MediaStore store;
    private final RequestGate gate;
    private final Rejections rejections;

    public MediaEndpoint(MediaStore store, RequestGate gate, Rejections rejections) {
        this.store = store;
        this.gate = gate;
        this.rejections = rejections;
    }

    @Override
    public CompletionStage<HttpReply> handle(HttpCall call) {
        RequestGate.Admission admission = gate.admit(call);
        if (!admission.admitted()) {
            return CompletableFuture.completedFuture(admission.refusal());
        }
        String hash = call.pathParam("sha256");
        if (!Sha256.isHex(hash)) {
            rejections.count(Problem.Kind.MALFORMED.error());
            return CompletableFuture.completedFuture(
                    HttpReply.error(
                            Problem.malformed("sha256", "must be 64 lowercase hex characters")));
        }
        return CompletableFuture.completedFuture(
                store.find(hash)
                        .map(this::read)
                        .orElseGet(
                                () -> {
                                    rejections.count(Problem.Kind.NOT_FOUND.error());
                                    return HttpReply.error(
                                            new Problem(
                                                    Problem.Kind.NOT_FOUND,
                                                    "sha256",
                                                    "no picture with this hash"));
                                }));
    }

    private HttpReply read(MediaStore.StoredMedia media) {
        try {
            rejections.count("served");
            return new HttpReply(
                    200,
                    media.format().mediaType(),
                    Map.of(
                            "Cache-Control",
                            "private, max-age=31536000, immutable",
                            "ETag",
                            "\"" + media.contentHash() + "\""),
                    Files.readAllBytes(media.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
