package dev.vigil.deploy.simulate;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of an event loop for all the loggers on it: takes the samples that are due and
 * fires the answer timeouts of frames in flight. Touched on its loop only.
 *
 * <p>Why not a scheduled task per logger and per frame: in load mode (10,000 loggers × 1 frame/s)
 * two tasks per frame in Netty's scheduled-task heap of 10,000-odd entries (insert, cancel, sift)
 * were about a seventh of the simulator's CPU. Here a sample costs one check in a walk over the
 * loop's loggers, which runs only when the earliest of them is due (loggers sample on whole
 * seconds, so most are due together), and a timeout is one entry in a FIFO: every frame of a fleet
 * waits the same answer timeout, so deadlines come in the order frames were sent, and a deadline
 * whose frame was answered or resent meanwhile is skipped when it comes up.
 */
final class LoopTicker implements Runnable {

    private record Deadline(SimulatedDevice device, Outbox.Pending pending, int attempt, long at) {}

    private final EventLoop loop;
    private final long answerTimeoutNanos;
    private final List<SimulatedDevice> devices = new ArrayList<>();
    private final ArrayDeque<Deadline> deadlines = new ArrayDeque<>();

    /** The earliest sample due of the loggers, in {@link System#nanoTime()}; MAX for none. */
    private long sampleDue = Long.MAX_VALUE;

    private ScheduledFuture<?> scheduled;
    private long scheduledAt = Long.MAX_VALUE;
    private boolean running;

    LoopTicker(EventLoop loop, long answerTimeoutNanos) {
        this.loop = loop;
        this.answerTimeoutNanos = answerTimeoutNanos;
    }

    /** The loop whose loggers this ticker serves. */
    EventLoop loop() {
        return loop;
    }

    /** Adds a started logger; its next sample is {@link SimulatedDevice#tickDueNanos()}. */
    void add(SimulatedDevice device) {
        devices.add(device);
        sampleDueAt(device.tickDueNanos());
    }

    /** Tells that a logger's next sample moved to {@code nanoTime}. */
    void sampleDueAt(long nanoTime) {
        if (nanoTime < sampleDue) {
            sampleDue = nanoTime;
            reschedule();
        }
    }

    /**
     * Starts the answer timeout of {@code pending}, just sent for the {@code pending.attempts}-th
     * time; the logger hears of it through {@link SimulatedDevice#onTimeout} unless it was
     * answered.
     */
    void awaitAnswer(SimulatedDevice device, Outbox.Pending pending) {
        deadlines.addLast(
                new Deadline(
                        device, pending, pending.attempts, System.nanoTime() + answerTimeoutNanos));
        reschedule();
    }

    @Override
    public void run() {
        scheduled = null;
        scheduledAt = Long.MAX_VALUE;
        running = true;
        try {
            long now = System.nanoTime();
            for (Deadline deadline = deadlines.peekFirst();
                    deadline != null && deadline.at - now <= 0;
                    deadline = deadlines.peekFirst()) {
                deadlines.pollFirst();
                deadline.device.onTimeout(deadline.pending, deadline.attempt);
            }
            if (sampleDue != Long.MAX_VALUE && sampleDue - now <= 0) {
                sampleDue = Long.MAX_VALUE; // loggers whose due moves during the walk lower it
                long next = Long.MAX_VALUE;
                for (int i = 0; i < devices.size(); i++) {
                    SimulatedDevice device = devices.get(i);
                    long due = device.tickDueNanos();
                    if (due != Long.MAX_VALUE && due - now <= 0) {
                        device.tick();
                        due = device.tickDueNanos();
                    }
                    next = Math.min(next, due);
                }
                sampleDue = Math.min(sampleDue, next);
            }
        } finally {
            running = false;
        }
        reschedule();
    }

    private void reschedule() {
        if (running) {
            return; // run() schedules once at its end
        }
        Deadline first = deadlines.peekFirst();
        long next = Math.min(sampleDue, first == null ? Long.MAX_VALUE : first.at);
        if (next == Long.MAX_VALUE || (scheduled != null && scheduledAt <= next)) {
            return;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        scheduledAt = next;
        scheduled =
                loop.schedule(this, Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
