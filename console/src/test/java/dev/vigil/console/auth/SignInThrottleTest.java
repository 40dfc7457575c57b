package dev.vigil.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final SignInThrottle throttle = SignInThrottle.standard(clock);

    @Test
    void fiveFailuresWithinFifteenMinutesLockForFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("Locky")).isEmpty();
            clock.now = clock.now.plus(Duration.ofMinutes(3));
        }
        assertThat(throttle.failed("locky")).hasValue(Duration.ofMinutes(15));
        assertThat(throttle.lockedFor("LOCKY")).hasValue(Duration.ofMinutes(15));
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(throttle.lockedFor("locky")).hasValue(Duration.ofMinutes(1));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("locky")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCountAndSuccessClears() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("a");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(throttle.failed("a")).isEmpty();
        for (int i = 0; i < 3; i++) {
            throttle.failed("a");
        }
        throttle.succeeded("a");
        assertThat(throttle.failed("a")).isEmpty();
        assertThat(throttle.lockedFor("b")).isEmpty();
    }
}
