package dev.vigil.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Sha256;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.ingest.testkit.Eventually;
import dev.vigil.ingest.testkit.RecordingPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-01-02T00:30:00Z");

    private final RecordingPublisher publisher = new RecordingPublisher();

    @Test
    void publishesTheRejectionWithItsReasonAndRawBytes() {
        try (DeadLetters letters =
                new DeadLetters(publisher, Clock.fixed(NOW, ZoneOffset.UTC), 1024)) {
            letters.send(
                    "http:video",
                    "body: malformed XML",
                    "body",
                    new byte[] {'<', 'x'},
                    "10.0.0.1:5",
                    Map.of("vendor", "onvif"));
        }

        DeadLetter letter = publisher.values(Topics.DEAD_LETTER).get(0);
        assertThat(letter.origin()).isEqualTo("http:video");
        assertThat(letter.reason()).isEqualTo("body: malformed XML");
        assertThat(letter.raw()).containsExactly('<', 'x');
        assertThat(letter.receivedAt()).isEqualTo(NOW);
        assertThat(letter.detail()).containsEntry("vendor", "onvif");
    }

    @Test
    void cutsALargeBodyAndRecordsItsLengthAndHash() {
        byte[] big = new byte[5000];
        try (DeadLetters letters =
                new DeadLetters(publisher, Clock.fixed(NOW, ZoneOffset.UTC), 1024)) {
            letters.send("http:video", "too large", null, big, null, Map.of());
        }

        Eventually.await(
                Duration.ofSeconds(5),
                "the dead letter",
                () -> !publisher.values(Topics.DEAD_LETTER).isEmpty());
        DeadLetter letter = publisher.values(Topics.DEAD_LETTER).get(0);
        assertThat(letter.raw()).hasSize(1024);
        assertThat(letter.detail())
                .containsEntry("rawTruncated", "true")
                .containsEntry("rawLength", "5000")
                .containsEntry("rawSha256", Sha256.hex(big));
    }
}
