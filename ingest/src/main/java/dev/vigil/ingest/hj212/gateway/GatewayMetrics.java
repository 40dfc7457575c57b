package dev.vigil.ingest.hj212.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters of the HJ 212 gateway, cheap to bump from any thread, shown in the ingest service's
 * {@code /health} JSON so operators see what the gateway accepts, rejects and holds back.
 */
public final class GatewayMetrics {
    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder connectionsOpen = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder idleClosed = new LongAdder();
    private final LongAdder framesAccepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder passwordChecks = new LongAdder();
    private final LongAdder pausedReads = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder heartbeats = new LongAdder();
    private final LongAdder splitSetsMerged = new LongAdder();
    private final LongAdder splitSetsExpired = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final LongAdder deadLettersSuppressed = new LongAdder();
    private final LongAdder deadLetterFailures = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private volatile LongSupplier inFlight = () -> 0;

    public void connectionOpened() {
        connectionsOpened.increment();
        connectionsOpen.increment();
    }

    public void connectionClosed() {
        connectionsOpen.decrement();
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public void idleClosed() {
        idleClosed.increment();
    }

    public void frameAccepted() {
        framesAccepted.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void authFailure() {
        authFailures.increment();
    }

    /** Counts one password hashed (PBKDF2), whatever the verdict. */
    public void passwordChecked() {
        passwordChecks.increment();
    }

    public void pausedRead() {
        pausedReads.increment();
    }

    public void published() {
        published.increment();
    }

    public void publishFailure() {
        publishFailures.increment();
    }

    public void answered() {
        answered.increment();
    }

    public void heartbeat() {
        heartbeats.increment();
    }

    public void splitSetMerged() {
        splitSetsMerged.increment();
    }

    public void splitSetExpired() {
        splitSetsExpired.increment();
    }

    public void deadLetter() {
        deadLetters.increment();
    }

    public void deadLetterSuppressed() {
        deadLettersSuppressed.increment();
    }

    public void deadLetterFailure() {
        deadLetterFailures.increment();
    }

    /** Counts one rejected input under a short reason such as {@code crc_mismatch}. */
    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Where the current number of records awaiting a Kafka ack comes from. */
    void inFlightFrom(LongSupplier source) {
        inFlight = source;
    }

    public long framesAccepted() {
        return framesAccepted.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long authFailures() {
        return authFailures.sum();
    }

    /** Passwords hashed so far: first logins and changed credentials, not reconnects. */
    public long passwordChecks() {
        return passwordChecks.sum();
    }

    public long publishedCount() {
        return published.sum();
    }

    public long publishFailures() {
        return publishFailures.sum();
    }

    public long pausedReads() {
        return pausedReads.sum();
    }

    public long connectionsOpen() {
        return connectionsOpen.sum();
    }

    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    public long deadLetters() {
        return deadLetters.sum();
    }

    public long deadLettersSuppressed() {
        return deadLettersSuppressed.sum();
    }

    /** Rejections of one reason so far. */
    public long rejectedCount(String reason) {
        LongAdder count = rejected.get(reason);
        return count == null ? 0 : count.sum();
    }

    /** All counters by name, for the health JSON; {@code rejected} is a map by reason. */
    public Map<String, Object> snapshot() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("connectionsOpen", connectionsOpen.sum());
        all.put("connectionsOpened", connectionsOpened.sum());
        all.put("connectionsRefused", connectionsRefused.sum());
        all.put("idleClosed", idleClosed.sum());
        all.put("framesAccepted", framesAccepted.sum());
        all.put("heartbeats", heartbeats.sum());
        all.put("duplicates", duplicates.sum());
        all.put("authFailures", authFailures.sum());
        all.put("passwordChecks", passwordChecks.sum());
        Map<String, Long> byReason = new TreeMap<>();
        rejected.forEach((reason, count) -> byReason.put(reason, count.sum()));
        all.put("rejected", byReason);
        all.put("published", published.sum());
        all.put("publishFailures", publishFailures.sum());
        all.put("inFlight", inFlight.getAsLong());
        all.put("answered", answered.sum());
        all.put("pausedReads", pausedReads.sum());
        all.put("splitSetsMerged", splitSetsMerged.sum());
        all.put("splitSetsExpired", splitSetsExpired.sum());
        all.put("deadLetters", deadLetters.sum());
        all.put("deadLettersSuppressed", deadLettersSuppressed.sum());
        all.put("deadLetterFailures", deadLetterFailures.sum());
        return all;
    }
}
