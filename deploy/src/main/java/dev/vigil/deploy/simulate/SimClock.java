package dev.vigil.deploy.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Simulated time for a fleet: at speed N it starts (N−1) × the catch-up window in the past and runs
 * N times faster than the wall clock until it reaches the wall clock, then runs with it, so
 * accelerated runs show hours of data in minutes without a DataTime ever lying in the future.
 */
public final class SimClock {

    private final LongSupplier nanoTime;
    private final long startNanos;
    private final Instant wallStart;
    private final Instant simStart;
    private final double speed;
    private final long catchUpNanos;

    /**
     * @param wallStart the wall-clock time now
     * @param nanoTime the monotonic clock ({@code System::nanoTime}, or a test's)
     * @param speed how much faster than the wall clock simulated time runs, at least 1
     * @param catchUp how long (wall-clock) the accelerated phase lasts
     */
    public SimClock(Instant wallStart, LongSupplier nanoTime, double speed, Duration catchUp) {
        if (!(speed >= 1) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a number >= 1: " + speed);
        }
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.wallStart = wallStart;
        this.speed = speed;
        this.catchUpNanos = speed == 1 ? 0 : catchUp.toNanos();
        this.simStart = wallStart.minusNanos((long) ((speed - 1) * catchUpNanos));
    }

    /** A clock at {@code speed} on the system clocks. */
    public static SimClock system(double speed, Duration catchUp) {
        return new SimClock(Instant.now(), System::nanoTime, speed, catchUp);
    }

    /** When simulated time started; scenario events count from here. */
    public Instant start() {
        return simStart;
    }

    /** How much faster than the wall clock simulated time runs during catch-up. */
    public double speed() {
        return speed;
    }

    /** The simulated time now. */
    public Instant now() {
        long elapsed = nanoTime.getAsLong() - startNanos;
        if (elapsed >= catchUpNanos) {
            return wallStart.plusNanos(elapsed);
        }
        return simStart.plusNanos((long) (elapsed * speed));
    }

    /** How many wall-clock nanoseconds from now until simulated time reaches {@code target}. */
    public long nanosUntil(Instant target) {
        long elapsed = nanoTime.getAsLong() - startNanos;
        long reachedAt;
        Instant caughtUp = wallStart.plusNanos(catchUpNanos);
        if (target.isBefore(caughtUp)) {
            reachedAt = (long) (Duration.between(simStart, target).toNanos() / speed);
        } else {
            reachedAt = Duration.between(wallStart, target).toNanos();
        }
        return Math.max(0, reachedAt - elapsed);
    }
}
