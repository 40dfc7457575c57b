package dev.vigil.alerting.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Example for receivers of Vigil's webhooks: checks the signature, rejects timestamps outside a
 * tolerance and delivery ids already accepted. Copy it or use it as is; note that Vigil sends the
 * same delivery id on every retry, so "repeated id" means "already have it" (answer 2xx to stop
 * retries) rather than an attack.
 */
public final class WebhookVerifier {
    /** The verdict on one request. */
    public enum Verdict {
        OK,
        BAD_SIGNATURE,
        STALE,
        REPLAYED,
        MISSING_HEADER
    }

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;
    private final int remembered;
    private final Map<String, Long> seen;

    public WebhookVerifier(String secret, Duration tolerance, Clock clock, int remembered) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
        this.remembered = remembered;
        this.seen =
                new LinkedHashMap<>(16, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                        return size() > WebhookVerifier.this.remembered;
                    }
                };
    }

    /** Verifies with a 5-minute tolerance and the last 10,000 ids remembered. */
    public WebhookVerifier(String secret) {
        this(secret, Duration.ofMinutes(5), Clock.systemUTC(), 10_000);
    }

    /** Checks one request given its three headers and raw body; remembers the id when OK. */
    public synchronized Verdict verify(
            String deliveryId, String timestamp, String signature, byte[] body) {
        if (deliveryId == null || timestamp == null || signature == null) {
            return Verdict.MISSING_HEADER;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Verdict.MISSING_HEADER;
        }
        String expected =
                WebhookSigner.sign(
                        new String(secret, StandardCharsets.UTF_8), deliveryId, ts, body);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.BAD_SIGNATURE;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > tolerance.toSeconds()) {
            return Verdict.STALE;
        }
        if (seen.containsKey(deliveryId)) {
            return Verdict.REPLAYED;
        }
        seen.put(deliveryId, ts);
        return Verdict.OK;
    }
}
