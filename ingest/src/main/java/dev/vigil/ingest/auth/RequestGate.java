package dev.vigil.ingest.auth;

import dev.vigil.events.integration.Integration;
import dev.vigil.events.integration.Integration.Scope;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.publish.Rejections;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The door of an endpoint group: authenticates the request, then applies the rate limit of the
 * integration (or, for a request that failed authentication, of its remote address, so a flood of
 * bad credentials is throttled rather than dead-lettered without end). A refusal comes back as the
 * reply to send, already counted and dead-lettered.
 */
public final class RequestGate {

    /** Either the integration that may go ahead, or the reply that refuses the request. */
    public record Admission(Integration integration, HttpReply refusal) {

        /** Whether the request may go ahead. */
        public boolean admitted() {
            return refusal == null;
        }
    }

    private final Authenticator authenticator;
    private final Scope scope;
    private final RateLimiter perIntegration;
    private final RateLimiter perAddress;
    private final Rejections rejections;

    public RequestGate(
            Authenticator authenticator,
            Scope scope,
            RateLimiter perIntegration,
            RateLimiter perAddress,
            Rejections rejections) {
        this.authenticator = authenticator;
        this.scope = scope;
        this.perIntegration = perIntegration;
        this.perAddress = perAddress;
        this.rejections = rejections;
    }

    /** Lets the request in, or says why not. */
    public Admission admit(HttpCall call) {
        AuthResult result = authenticator.check(call, scope);
        if (result instanceof AuthResult.Denied denied) {
            Optional<HttpReply> throttled = throttle(call, perAddress, "addr:" + call.remoteHost());
            if (throttled.isPresent()) {
                return new Admission(null, throttled.get());
            }
            Map<String, String> detail = new HashMap<>();
            if (denied.claimedIntegration() != null) {
                detail.put("integration", denied.claimedIntegration());
            }
            return new Admission(null, rejections.reject(call, denied.problem(), detail));
        }
        Integration integration = ((AuthResult.Granted) result).integration();
        Optional<HttpReply> throttled =
                throttle(call, perIntegration, scope + ":" + integration.integrationId());
        return throttled
                .map(reply -> new Admission(integration, reply))
                .orElseGet(() -> new Admission(integration, null));
    }

    private Optional<HttpReply> throttle(HttpCall call, RateLimiter limiter, String client) {
        Optional<Duration> wait = limiter.tryAcquire(client);
        return wait.map(
                retryAfter ->
                        rejections
                                .reject(
                                        call,
                                        new Problem(
                                                Problem.Kind.RATE_LIMITED,
                                                null,
                                                "too many requests; retry after "
                                                        + retryAfter.toSeconds()
                                                        + " s"),
                                        Map.of())
                                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds())));
    }
}
