package dev.vigil.alerting.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final byte[] body = "{\"incident\":\"inc-1\"}".getBytes(StandardCharsets.UTF_8);
    private final WebhookVerifier verifier =
            new WebhookVerifier(
                    "s3cret", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC), 100);

    @Test
    void signatureIsHmacOfIdTimestampAndBody() {
        // Known answer from Python: hmac.new(b"key", b"id.1.body", hashlib.sha256).hexdigest()
        assertThat(WebhookSigner.sign("key", "id", 1, "body".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(
                        "sha256=b18037ffef0abf25db7b8280299cb4416285a0b2921c3abf416bb4c5067263bb");
    }

    @Test
    void acceptsAGoodRequestOnceAndRejectsItsReplay() {
        long ts = NOW.getEpochSecond();
        String sig = WebhookSigner.sign("s3cret", "d-1", ts, body);
        assertThat(verifier.verify("d-1", Long.toString(ts), sig, body))
                .isEqualTo(WebhookVerifier.Verdict.OK);
        assertThat(verifier.verify("d-1", Long.toString(ts), sig, body))
                .isEqualTo(WebhookVerifier.Verdict.REPLAYED);
    }

    @Test
    void rejectsTamperedBodyIdTimestampAndWrongSecret() {
        long ts = NOW.getEpochSecond();
        String sig = WebhookSigner.sign("s3cret", "d-2", ts, body);
        byte[] tampered = "{\"incident\":\"inc-2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify("d-2", Long.toString(ts), sig, tampered))
                .isEqualTo(WebhookVerifier.Verdict.BAD_SIGNATURE);
        assertThat(verifier.verify("d-3", Long.toString(ts), sig, body))
                .isEqualTo(WebhookVerifier.Verdict.BAD_SIGNATURE);
        assertThat(verifier.verify("d-2", Long.toString(ts + 1), sig, body))
                .isEqualTo(WebhookVerifier.Verdict.BAD_SIGNATURE);
        assertThat(
                        verifier.verify(
                                "d-2",
                                Long.toString(ts),
                                WebhookSigner.sign("other", "d-2", ts, body),
                                body))
                .isEqualTo(WebhookVerifier.Verdict.BAD_SIGNATURE);
        assertThat(verifier.verify("d-2", null, sig, body))
                .isEqualTo(WebhookVerifier.Verdict.MISSING_HEADER);
    }

    @Test
    void rejectsStaleTimestamps() {
        long old = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
        assertThat(
                        verifier.verify(
                                "d-4",
                                Long.toString(old),
                                WebhookSigner.sign("s3cret", "d-4", old, body),
                                body))
                .isEqualTo(WebhookVerifier.Verdict.STALE);
        long future = NOW.plus(Duration.ofMinutes(6)).getEpochSecond();
        assertThat(
                        verifier.verify(
                                "d-5",
                                Long.toString(future),
                                WebhookSigner.sign("s3cret", "d-5", future, body),
                                body))
                .isEqualTo(WebhookVerifier.Verdict.STALE);
    }
}
