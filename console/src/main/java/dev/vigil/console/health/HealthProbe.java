package dev.vigil.console.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every {@link HealthCheck} in parallel with one deadline, so a hung component makes the
 * report DOWN for that component instead of making the health endpoint hang.
 */
public final class HealthProbe implements AutoCloseable {
    private final List<HealthCheck> checks;
    private final Duration deadline;
    private final Clock clock;
    private final ExecutorService pool;

    public HealthProbe(List<HealthCheck> checks, Duration deadline, Clock clock) {
        this.checks = List.copyOf(checks);
        this.deadline = deadline;
        this.clock = clock;
        this.pool =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "health-check");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Asks every component now. */
    public HealthReport check() {
        Map<String, CompletableFuture<ComponentHealth>> running = new TreeMap<>();
        for (HealthCheck check : checks) {
            running.put(check.name(), CompletableFuture.supplyAsync(() -> safely(check), pool));
        }
        long until = System.nanoTime() + deadline.toNanos();
        Map<String, ComponentHealth> results = new TreeMap<>();
        boolean allUp = true;
        for (var entry : running.entrySet()) {
            ComponentHealth health;
            try {
                long left = Math.max(0, until - System.nanoTime());
                health = entry.getValue().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                entry.getValue().cancel(true);
                health = ComponentHealth.down("no answer within " + deadline.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                health = ComponentHealth.down("health check interrupted");
            } catch (Exception e) {
                health = ComponentHealth.down(String.valueOf(e.getCause()));
            }
            results.put(entry.getKey(), health);
            allUp &= health.isUp();
        }
        return new HealthReport(
                allUp ? ComponentHealth.Status.UP : ComponentHealth.Status.DOWN,
                clock.instant(),
                results);
    }

    private static ComponentHealth safely(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return ComponentHealth.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
