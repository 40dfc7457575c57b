package dev.vigil.ingest.hj212.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts records sent to Kafka and not yet acknowledged, across all connections, and pauses reading
 * everywhere while there are more than the limit: a connection that finds the limit exceeded parks
 * a resume action here, and all parked actions run once half of the records were acknowledged.
 *
 * <p>The limit is soft: records of frames already read are always sent, so the count can exceed the
 * limit by what the paused connections had buffered (at most a read buffer each).
 */
final class InFlightLimit {
    private final int limit;
    private final int resumeAt;
    private final List<Runnable> parked = new ArrayList<>();
    private long inFlight;

    InFlightLimit(int limit) {
        this.limit = limit;
        this.resumeAt = limit / 2;
    }

    /** Counts records that went in flight. */
    synchronized void acquire(int records) {
        inFlight += records;
    }

    /** Counts records that were acknowledged or failed; may run parked resume actions. */
    void release(int records) {
        List<Runnable> resume = null;
        synchronized (this) {
            inFlight -= records;
            if (inFlight <= resumeAt && !parked.isEmpty()) {
                resume = new ArrayList<>(parked);
                parked.clear();
            }
        }
        if (resume != null) {
            resume.forEach(Runnable::run);
        }
    }

    /**
     * If more than the limit are in flight, parks {@code resume} (to run when enough were
     * acknowledged) and returns true; otherwise returns false and forgets it.
     */
    synchronized boolean pauseIfOver(Runnable resume) {
        if (inFlight <= limit) {
            return false;
        }
        parked.add(resume);
        return true;
    }

    /** Records in flight now. */
    synchronized long inFlight() {
        return inFlight;
    }
}
