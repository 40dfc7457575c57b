package dev.vigil.ingest.publish;

import dev.vigil.events.Sha256;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpCounters;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.http.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns a refused request of one origin (e.g. {@code http:video}) into its reply: counts it and,
 * unless the refusal is transient (429, 503: the client retries), dead-letters the body after
 * masking it with the origin's own masking, so rejected input is never silently dropped and never
 * carries secrets or contact details.
 */
public final class Rejections {

    private final String origin;
    private final DeadLetters deadLetters;
    private final HttpCounters counters;
    private final UnaryOperator<byte[]> masking;

    public Rejections(
            String origin,
            DeadLetters deadLetters,
            HttpCounters counters,
            UnaryOperator<byte[]> masking) {
        this.origin = origin;
        this.deadLetters = deadLetters;
        this.counters = counters;
        this.masking = masking;
    }

    /** The origin, e.g. {@code http:video}, the dead letters' key. */
    public String origin() {
        return origin;
    }

    /** Counts an outcome that is not a refusal, e.g. {@code published}. */
    public void count(String outcome) {
        counters.count(origin, outcome);
    }

    /** Counts, dead-letters (when not transient) and answers a refused request. */
    public HttpReply reject(HttpCall call, Problem problem, Map<String, String> detail) {
        counters.count(origin, problem.kind().error());
        if (!isTransient(problem.kind())) {
            Map<String, String> more = new LinkedHashMap<>();
            more.put("method", call.method());
            more.put("path", call.path());
            String contentType = call.header("Content-Type");
            if (contentType != null) {
                more.put("contentType", contentType);
            }
            more.put("status", Integer.toString(problem.kind().status()));
            more.putAll(detail);
            byte[] raw = masking.apply(call.body());
            if (raw.length == 0 && call.body().length > 0) {
                more.put("rawWithheld", "the body could not be masked, so it is not kept");
                more.put("rawLength", Integer.toString(call.body().length));
                more.put("rawSha256", Sha256.hex(call.body()));
            }
            deadLetters.send(
                    origin, problem.describe(), problem.field(), raw, call.remoteAddress(), more);
        }
        HttpReply reply = HttpReply.error(problem);
        if (problem.kind() == Problem.Kind.UNAUTHORIZED) {
            reply =
                    reply.withHeader(
                            "WWW-Authenticate",
                            "VigilKey realm=\"vigil-ingest\", VigilSignature realm=\"vigil-ingest\"");
        }
        return reply;
    }

    private static boolean isTransient(Problem.Kind kind) {
        return kind == Problem.Kind.RATE_LIMITED
                || kind == Problem.Kind.UNAVAILABLE
                || kind == Problem.Kind.INTERNAL;
    }
}
