package dev.vigil.deploy.simulate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The uploads of one data logger that the platform has not confirmed yet: waiting to be sent (the
 * backlog, while the logger is disconnected) or sent and awaiting their 9014, with the rule of real
 * devices: resend an unanswered frame, up to three times, then give up on it.
 */
final class Outbox {

    /** An upload on its way, with what its sending needs to remember. */
    static final class Pending {
        final Upload upload;
        final boolean fromBacklog;
        String qn;
        byte[] frame;
        int attempts;
        long sentNanos;

        Pending(Upload upload, boolean fromBacklog) {
            this.upload = upload;
            this.fromBacklog = fromBacklog;
        }
    }

    /** What to do about a frame whose answer did not come in time. */
    enum Timeout {
        RESEND,
        GIVE_UP
    }

    private final int window;
    private final int maxAttempts;
    private final int limit;
    private final Deque<Pending> waiting = new ArrayDeque<>(4);
    private final List<Pending> inFlight = new ArrayList<>(1);

    /**
     * @param window how many frames may await their answer at once
     * @param resends how often an unanswered frame is sent again
     * @param limit how many records wait at most; the oldest are dropped beyond it
     */
    Outbox(int window, int resends, int limit) {
        this.window = window;
        this.maxAttempts = 1 + resends;
        this.limit = limit;
    }

    /** Queues an upload; returns how many old records had to be dropped for it (0 or 1). */
    int add(Upload upload, boolean fromBacklog) {
        int dropped = 0;
        if (waiting.size() >= limit) {
            waiting.pollFirst();
            dropped = 1;
        }
        waiting.addLast(new Pending(upload, fromBacklog));
        return dropped;
    }

    /** The next upload to send, now counted as in flight, or null when none may go now. */
    Pending next() {
        if (inFlight.size() >= window || waiting.isEmpty()) {
            return null;
        }
        Pending pending = waiting.pollFirst();
        inFlight.add(pending);
        return pending;
    }

    /** The in-flight upload answered under {@code qn}, now confirmed, or null if none is. */
    Pending answered(String qn) {
        for (int i = 0; i < inFlight.size(); i++) {
            Pending pending = inFlight.get(i);
            if (pending.qn.equals(qn)) {
                inFlight.remove(i);
                return pending;
            }
        }
        return null;
    }

    /** Whether {@code pending} still awaits its answer. */
    boolean isInFlight(Pending pending) {
        return inFlight.contains(pending);
    }

    /** Decides about an in-flight frame whose answer did not come in time. */
    Timeout timedOut(Pending pending) {
        if (pending.attempts < maxAttempts) {
            return Timeout.RESEND;
        }
        inFlight.remove(pending);
        return Timeout.GIVE_UP;
    }

    /**
     * Puts the frames in flight back at the head of the queue in their order (the connection
     * dropped; they go again, under the same QN, after reconnecting); returns them.
     */
    List<Pending> requeueInFlight() {
        List<Pending> requeued = new ArrayList<>(inFlight);
        for (int i = inFlight.size() - 1; i >= 0; i--) {
            waiting.addFirst(inFlight.get(i));
        }
        inFlight.clear();
        return requeued;
    }

    /** Records waiting to be sent. */
    int waiting() {
        return waiting.size();
    }

    /** Frames awaiting their answer. */
    int inFlight() {
        return inFlight.size();
    }
}
