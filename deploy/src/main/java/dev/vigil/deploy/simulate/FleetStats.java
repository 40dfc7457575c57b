package dev.vigil.deploy.simulate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a fleet of simulated loggers did, counted from every event loop at once: connections, frames
 * sent and resent per kind, answers and their latency, and everything that went wrong.
 */
public final class FleetStats {

    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger peakConnected = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final LongAdder connects = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder closedByGateway = new LongAdder();
    final LongAdder offlinePeriods = new LongAdder();
    final LongAdder sentRealtime = new LongAdder();
    final LongAdder sentMinute = new LongAdder();
    final LongAdder sentHourly = new LongAdder();
    final LongAdder resent = new LongAdder();
    final LongAdder backlogSent = new LongAdder();
    final LongAdder backlogDropped = new LongAdder();
    final LongAdder answers = new LongAdder();
    final LongAdder unexpectedAnswers = new LongAdder();
    final LongAdder unanswered = new LongAdder();
    final LongAdder badReplies = new LongAdder();
    final LongAdder garbageInjected = new LongAdder();
    final LongAdder badCrcInjected = new LongAdder();
    final LongAdder timeSets = new LongAdder();
    final LongAdder otherCommands = new LongAdder();
    final LatencyHistogram latency = new LatencyHistogram();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    /** Counts a connection that opened. */
    void connectionOpened() {
        connects.increment();
        int now = connected.incrementAndGet();
        peakConnected.accumulateAndGet(now, Math::max);
    }

    /** Counts a connection that closed. */
    void connectionClosed() {
        connected.decrementAndGet();
    }

    /** Counts a first send (not a resend) of an upload. */
    void sent(String cn) {
        switch (cn) {
            case Upload.MINUTE -> sentMinute.increment();
            case Upload.HOURLY -> sentHourly.increment();
            default -> sentRealtime.increment();
        }
    }

    /** Remembers the latest problem, to show next to the error count. */
    void error(String problem) {
        lastError.set(problem);
    }

    /** The latest problem, or null. */
    public String lastError() {
        return lastError.get();
    }

    /** Connections open now. */
    public int connected() {
        return connected.get();
    }

    /** Uploads sent for the first time, of every kind. */
    public long sent() {
        return sentRealtime.sum() + sentMinute.sum() + sentHourly.sum();
    }

    /** 9014 answers that matched a frame in flight. */
    public long answers() {
        return answers.sum();
    }

    /** Uploads given up on after their resends went unanswered. */
    public long unanswered() {
        return unanswered.sum();
    }

    /** Uploads sent and not answered yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Problems: failed connects, connections the gateway closed, replies that were no frame. */
    public long errors() {
        return connectFailures.sum() + closedByGateway.sum() + badReplies.sum();
    }
}
