package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimClockTest {

    private static final Instant WALL = Instant.parse("2026-11-22T02:00:00Z");
    private final AtomicLong nanos = new AtomicLong(1_000);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void atSpeedOneItIsTheWallClock() {
        SimClock clock = new SimClock(WALL, nanos::get, 1, Duration.ofMinutes(10));

        advance(Duration.ofSeconds(42));

        assertThat(clock.start()).isEqualTo(WALL);
        assertThat(clock.now()).isEqualTo(WALL.plusSeconds(42));
        assertThat(clock.nanosUntil(WALL.plusSeconds(50)))
                .isEqualTo(Duration.ofSeconds(8).toNanos());
    }

    @Test
    void fasterItStartsInThePastAndCatchesUpWithTheWallClockWithoutPassingIt() {
        SimClock clock = new SimClock(WALL, nanos::get, 60, Duration.ofMinutes(10));

        assertThat(clock.start()).isEqualTo(WALL.minus(Duration.ofMinutes(590)));
        advance(Duration.ofMinutes(5));
        assertThat(clock.now()).isEqualTo(WALL.minus(Duration.ofMinutes(590 - 300)));
        assertThat(clock.now()).isBefore(WALL.plus(Duration.ofMinutes(5)));
        advance(Duration.ofMinutes(5));
        assertThat(clock.now()).isEqualTo(WALL.plus(Duration.ofMinutes(10)));
        advance(Duration.ofMinutes(1));
        assertThat(clock.now()).isEqualTo(WALL.plus(Duration.ofMinutes(11)));
    }

    @Test
    void itSaysHowLongTheWallClockWaitsForASimulatedInstant() {
        SimClock clock = new SimClock(WALL, nanos::get, 10, Duration.ofMinutes(10));

        // 90 minutes after the start are 9 wall-clock minutes away
        assertThat(clock.nanosUntil(clock.start().plus(Duration.ofMinutes(90))))
                .isEqualTo(Duration.ofMinutes(9).toNanos());
        // after catching up, time runs 1:1
        assertThat(clock.nanosUntil(WALL.plus(Duration.ofMinutes(12))))
                .isEqualTo(Duration.ofMinutes(12).toNanos());
        assertThat(clock.nanosUntil(clock.start().minusSeconds(1))).isZero();
    }

    @Test
    void slowerThanTheWallClockIsRefused() {
        assertThatThrownBy(() -> new SimClock(WALL, nanos::get, 0.5, Duration.ofMinutes(1)))
                .hasMessageContaining("speed must be a number >= 1");
    }
}
