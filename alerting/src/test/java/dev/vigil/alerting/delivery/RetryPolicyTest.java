package dev.vigil.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy =
            new RetryPolicy(
                    10, Duration.ofSeconds(1), Duration.ofSeconds(30), 1.0, Duration.ofMinutes(2));

    @Test
    void ceilingDoublesUpToTheCap() {
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.ceiling(500)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeiling() {
        Random random = new Random(42);
        for (int attempt = 1; attempt < 12; attempt++) {
            for (int i = 0; i < 200; i++) {
                Duration d = policy.delay(attempt, random);
                assertThat(d).isBetween(Duration.ZERO, policy.ceiling(attempt));
            }
        }
        RetryPolicy none =
                new RetryPolicy(
                        10,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        0.0,
                        Duration.ofHours(1));
        assertThat(none.delay(3, new Random())).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void givesUpAfterAttemptsOrPastTheDeadline() {
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        RandomGenerator half =
                new RandomGenerator() {
                    @Override
                    public long nextLong() {
                        return 0;
                    }

                    @Override
                    public double nextDouble() {
                        return 0.5;
                    }
                };
        assertThat(policy.nextAttempt(1, first, first, half)).isEqualTo(first.plusMillis(500));
        assertThat(policy.nextAttempt(10, first, first, half)).isNull();
        assertThat(policy.nextAttempt(3, first, first.plusSeconds(119), half)).isNull();
        assertThat(policy.nextAttempt(3, first, first.plusSeconds(60), half))
                .isEqualTo(first.plusSeconds(62));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(
                        () ->
                                new RetryPolicy(
                                        0,
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(1),
                                        1,
                                        Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(
                        () ->
                                new RetryPolicy(
                                        1,
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(1),
                                        2,
                                        Duration.ZERO))
                .hasMessageContaining("jitter");
        assertThat(RetryPolicy.DEFAULT.deadline()).isGreaterThanOrEqualTo(Duration.ofHours(1));
    }
}
