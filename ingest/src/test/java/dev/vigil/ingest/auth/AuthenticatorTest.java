package dev.vigil.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.integration.Integration.Scope;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.registry.IntegrationDirectory;
import dev.vigil.ingest.testkit.HttpFixtures;
import dev.vigil.ingest.testkit.TestIntegrations;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-01-02T00:30:00Z");
    private static final byte[] BODY = "{\"channel\":\"hotline\"}".getBytes(StandardCharsets.UTF_8);

    private final Authenticator auth =
            new Authenticator(
                    IntegrationDirectory.of(TestIntegrations.all()),
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    Duration.ofMinutes(5));

    private static HttpCall call(Map<String, String> headers) {
        return HttpFixtures.post("/api/complaints", "application/json", BODY, headers);
    }

    private static Map<String, String> signed(String id, String secret, long timestamp) {
        return Map.of(
                "X-Vigil-Integration", id,
                "X-Vigil-Timestamp", Long.toString(timestamp),
                "X-Vigil-Signature", HmacSignature.sign(secret, timestamp, BODY));
    }

    private static Problem denied(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Denied.class);
        return ((AuthResult.Denied) result).problem();
    }

    @Test
    void aGoodApiKeyNamesItsIntegration() {
        AuthResult result =
                auth.check(call(Map.of("x-vigil-key", TestIntegrations.NVR_KEY)), Scope.VIDEO);

        assertThat(result).isInstanceOf(AuthResult.Granted.class);
        assertThat(((AuthResult.Granted) result).integration().integrationId())
                .isEqualTo("nvr-plant7");
    }

    @Test
    void aBadApiKeyIsUnauthorizedWithoutEchoingIt() {
        Problem problem = denied(auth.check(call(Map.of("X-Vigil-Key", "guess")), Scope.VIDEO));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.UNAUTHORIZED);
        assertThat(problem.field()).isEqualTo("X-Vigil-Key");
        assertThat(problem.detail()).doesNotContain("guess");
    }

    @Test
    void noCredentialsAtAllIsUnauthorized() {
        Problem problem = denied(auth.check(call(Map.of()), Scope.VIDEO));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.UNAUTHORIZED);
        assertThat(problem.detail()).contains("X-Vigil-Key", "X-Vigil-Signature");
    }

    @Test
    void aGoodFreshSignatureNamesItsIntegration() {
        long now = NOW.getEpochSecond();

        AuthResult result =
                auth.check(
                        call(signed("hotline-12345", TestIntegrations.HOTLINE_SECRET, now - 60)),
                        Scope.COMPLAINTS);

        assertThat(result).isInstanceOf(AuthResult.Granted.class);
    }

    @Test
    void aSignatureWithTheWrongSecretIsUnauthorized() {
        Problem problem =
                denied(
                        auth.check(
                                call(signed("hotline-12345", "wrong", NOW.getEpochSecond())),
                                Scope.COMPLAINTS));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.UNAUTHORIZED);
        assertThat(problem.field()).isEqualTo("X-Vigil-Signature");
    }

    @Test
    void aStaleTimestampIsUnauthorizedEvenWithTheRightSignature() {
        long stale = NOW.getEpochSecond() - 301;

        Problem problem =
                denied(
                        auth.check(
                                call(
                                        signed(
                                                "hotline-12345",
                                                TestIntegrations.HOTLINE_SECRET,
                                                stale)),
                                Scope.COMPLAINTS));

        assertThat(problem.field()).isEqualTo("X-Vigil-Timestamp");
        assertThat(problem.detail()).contains("301 s", "allowed 300 s");
        assertThat(
                        denied(
                                        auth.check(
                                                call(
                                                        signed(
                                                                "hotline-12345",
                                                                TestIntegrations.HOTLINE_SECRET,
                                                                NOW.getEpochSecond() + 600)),
                                                Scope.COMPLAINTS))
                                .field())
                .isEqualTo("X-Vigil-Timestamp");
    }

    @Test
    void signatureHeadersMustBeComplete() {
        assertThat(
                        denied(
                                        auth.check(
                                                call(
                                                        Map.of(
                                                                "X-Vigil-Integration",
                                                                "hotline-12345")),
                                                Scope.COMPLAINTS))
                                .field())
                .isEqualTo("X-Vigil-Timestamp");
        assertThat(
                        denied(
                                        auth.check(
                                                call(
                                                        Map.of(
                                                                "X-Vigil-Integration",
                                                                "nobody",
                                                                "X-Vigil-Signature",
                                                                "sha256=00")),
                                                Scope.COMPLAINTS))
                                .field())
                .isEqualTo("X-Vigil-Integration");
        assertThat(
                        denied(
                                        auth.check(
                                                call(
                                                        signed(
                                                                "nvr-plant7",
                                                                "x",
                                                                NOW.getEpochSecond())),
                                                Scope.VIDEO))
                                .detail())
                .contains("no signing secret");
    }

    @Test
    void theScopeDecidesWhatAnIntegrationMayDo() {
        Problem problem =
                denied(
                        auth.check(
                                call(Map.of("X-Vigil-Key", TestIntegrations.NVR_KEY)),
                                Scope.COMPLAINTS));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.FORBIDDEN);
    }

    @Test
    void aDisabledIntegrationIsUnauthorized() {
        Problem problem =
                denied(
                        auth.check(
                                call(Map.of("X-Vigil-Key", TestIntegrations.DISABLED_KEY)),
                                Scope.VIDEO));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.UNAUTHORIZED);
        assertThat(problem.detail()).contains("disabled");
    }

    @Test
    void anApiKeyUsedUnderAnotherIntegrationsNameIsUnauthorized() {
        Problem problem =
                denied(
                        auth.check(
                                call(
                                        Map.of(
                                                "X-Vigil-Key",
                                                TestIntegrations.NVR_KEY,
                                                "X-Vigil-Integration",
                                                "aibox-7")),
                                Scope.VIDEO));

        assertThat(problem.field()).isEqualTo("X-Vigil-Integration");
    }
}
