package dev.vigil.ingest.auth;

import dev.vigil.events.integration.Integration;
import dev.vigil.events.integration.Integration.Scope;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.registry.IntegrationDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides which integration sent a request and whether it may use an endpoint, from either an API
 * key ({@code X-Vigil-Key}) or an HMAC-SHA256 signature ({@code X-Vigil-Integration}, {@code
 * X-Vigil-Timestamp}, {@code X-Vigil-Signature}, see {@link HmacSignature}) whose timestamp must be
 * within the freshness window of the server's clock, so a captured request cannot be replayed
 * later. Credentials are checked against the registry's {@link IntegrationDirectory}; they are
 * never logged or echoed.
 */
public final class Authenticator {

    public static final String KEY_HEADER = "X-Vigil-Key";
    public static final String INTEGRATION_HEADER = "X-Vigil-Integration";
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";

    private final IntegrationDirectory directory;
    private final Clock clock;
    private final Duration window;

    public Authenticator(IntegrationDirectory directory, Clock clock, Duration window) {
        this.directory = directory;
        this.clock = clock;
        this.window = window;
    }

    /** Who sent the request, if they may use an endpoint that needs {@code scope}. */
    public AuthResult check(HttpCall call, Scope scope) {
        String claimed = call.header(INTEGRATION_HEADER);
        if (!directory.ready()) {
            return new AuthResult.Denied(
                    new Problem(
                            Problem.Kind.UNAVAILABLE,
                            null,
                            "the integration registry is still loading; try again shortly"),
                    claimed);
        }
        String key = call.header(KEY_HEADER);
        if (key != null) {
            return byApiKey(key, claimed, scope);
        }
        if (claimed != null || call.header(SIGNATURE_HEADER) != null) {
            return bySignature(call, claimed, scope);
        }
        return denied(
                KEY_HEADER,
                "no credentials: send "
                        + KEY_HEADER
                        + ", or "
                        + INTEGRATION_HEADER
                        + " with "
                        + TIMESTAMP_HEADER
                        + " and "
                        + SIGNATURE_HEADER,
                null);
    }

    private AuthResult byApiKey(String key, String claimed, Scope scope) {
        Optional<Integration> found = directory.byApiKey(key.trim());
        if (found.isEmpty()) {
            return denied(KEY_HEADER, "unknown or revoked API key", claimed);
        }
        Integration integration = found.get();
        if (claimed != null && !claimed.equals(integration.integrationId())) {
            return denied(
                    INTEGRATION_HEADER, "the API key belongs to another integration", claimed);
        }
        return permitted(integration, scope);
    }

    private AuthResult bySignature(HttpCall call, String claimed, Scope scope) {
        if (claimed == null || claimed.isBlank()) {
            return denied(INTEGRATION_HEADER, "required with " + SIGNATURE_HEADER, null);
        }
        Optional<Integration> found = directory.byId(claimed);
        if (found.isEmpty()) {
            return denied(INTEGRATION_HEADER, "unknown integration", claimed);
        }
        Integration integration = found.get();
        if (integration.hmacSecret() == null) {
            return denied(
                    SIGNATURE_HEADER,
                    "this integration has no signing secret; use " + KEY_HEADER,
                    claimed);
        }
        String stamp = call.header(TIMESTAMP_HEADER);
        long timestamp;
        try {
            timestamp = Long.parseLong(stamp == null ? "" : stamp.trim());
        } catch (NumberFormatException e) {
            return denied(TIMESTAMP_HEADER, "required: the Unix time in seconds", claimed);
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > window.toSeconds()) {
            return denied(
                    TIMESTAMP_HEADER,
                    "stale: "
                            + skew
                            + " s away from the server's clock, allowed "
                            + window.toSeconds()
                            + " s",
                    claimed);
        }
        String signature = call.header(SIGNATURE_HEADER);
        if (signature == null) {
            return denied(SIGNATURE_HEADER, "required with " + INTEGRATION_HEADER, claimed);
        }
        if (!HmacSignature.verify(integration.hmacSecret(), timestamp, call.body(), signature)) {
            return denied(
                    SIGNATURE_HEADER,
                    "does not match: expected sha256=hex(HMAC-SHA256(secret, \"<timestamp>.<body>\"))",
                    claimed);
        }
        return permitted(integration, scope);
    }

    private static AuthResult permitted(Integration integration, Scope scope) {
        if (integration.disabled()) {
            return denied(null, "the integration is disabled", integration.integrationId());
        }
        if (!integration.scopes().contains(scope)) {
            return new AuthResult.Denied(
                    new Problem(
                            Problem.Kind.FORBIDDEN,
                            null,
                            "integration "
                                    + integration.integrationId()
                                    + " may not use "
                                    + scope.name().toLowerCase(java.util.Locale.ROOT)
                                    + " endpoints"),
                    integration.integrationId());
        }
        return new AuthResult.Granted(integration);
    }

    private static AuthResult denied(String field, String detail, String claimed) {
        return new AuthResult.Denied(
                new Problem(Problem.Kind.UNAUTHORIZED, field, detail), claimed);
    }
}
