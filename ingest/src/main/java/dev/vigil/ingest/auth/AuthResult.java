package dev.vigil.ingest.auth;

import dev.vigil.events.integration.Integration;
import dev.vigil.ingest.http.Problem;

/** What {@link Authenticator} decided about a request: who sent it, or why it is refused. */
public sealed interface AuthResult {

    /** The request comes from this integration, which may use the endpoint. */
    record Granted(Integration integration) implements AuthResult {}

    /**
     * The request is refused; {@code claimedIntegration} is the id the request named, if any, for
     * the dead letter (never a credential).
     */
    record Denied(Problem problem, String claimedIntegration) implements AuthResult {}
}
