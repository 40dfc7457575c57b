package dev.vigil.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.publish.RecentPublications.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentPublicationsTest {

    private final AtomicInteger publications = new AtomicInteger();

    private CompletableFuture<Void> publish() {
        publications.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Test
    void publishesAnIdOnceAndAnswersTheDuplicate() {
        RecentPublications recent = new RecentPublications(10);

        assertThat(recent.once("e1", this::publish).join()).isEqualTo(Outcome.PUBLISHED);
        assertThat(recent.once("e1", this::publish).join()).isEqualTo(Outcome.DUPLICATE);
        assertThat(recent.once("e2", this::publish).join()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publications).hasValue(2);
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightWaitsForItsAck() {
        RecentPublications recent = new RecentPublications(10);
        CompletableFuture<Void> ack = new CompletableFuture<>();

        CompletableFuture<Outcome> first = recent.once("e1", () -> ack);
        CompletableFuture<Outcome> second = recent.once("e1", this::publish);

        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        ack.complete(null);
        assertThat(first.join()).isEqualTo(Outcome.PUBLISHED);
        assertThat(second.join()).isEqualTo(Outcome.DUPLICATE);
        assertThat(publications).hasValue(0);
    }

    @Test
    void aFailedPublicationIsForgottenSoTheRetryPublishes() {
        RecentPublications recent = new RecentPublications(10);

        CompletableFuture<Outcome> failed =
                recent.once(
                        "e1", () -> CompletableFuture.failedFuture(new RuntimeException("down")));

        assertThat(failed).isCompletedExceptionally();
        assertThat(recent.contains("e1")).isFalse();
        assertThat(recent.once("e1", this::publish).join()).isEqualTo(Outcome.PUBLISHED);
    }

    @Test
    void onlyTheMostRecentIdsAreRemembered() {
        RecentPublications recent = new RecentPublications(2);
        recent.once("e1", this::publish).join();
        recent.once("e2", this::publish).join();
        recent.once("e3", this::publish).join();

        assertThat(recent.contains("e1")).isFalse();
        assertThat(recent.once("e3", this::publish).join()).isEqualTo(Outcome.DUPLICATE);
    }
}
