package dev.vigil.ingest.hj212.gateway;

import java.io.ByteArrayOutputStream;

/**
 * One connection's allowance of dead letters: consecutive garbage is gathered into chunks of
 * bounded size instead of one dead letter per run, and at most a fixed number of dead letters per
 * minute pass; the rest are only counted. Not thread-safe: one connection's event loop uses it.
 */
final class DeadLetterBudget {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final int chunkBytes;
    private final ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    private long garbageOffset = -1;
    private long windowStart;
    private int usedInWindow;
    private long suppressedInWindow;

    DeadLetterBudget(int perMinute, int chunkBytes, long nowNanos) {
        this.perMinute = perMinute;
        this.chunkBytes = chunkBytes;
        this.windowStart = nowNanos;
    }

    /** Garbage bytes gathered into one chunk, and where they started in the byte stream. */
    record Chunk(byte[] raw, long offset) {}

    /**
     * Adds garbage that started at {@code offset}; returns a full chunk to dead-letter when the
     * gathered bytes reached the chunk size, else null. A single run longer than a chunk keeps only
     * its first chunk of bytes (the decoder already caps runs at the maximum frame length).
     */
    Chunk addGarbage(byte[] raw, long offset) {
        Chunk full = null;
        if (garbage.size() > 0 && garbage.size() + raw.length > chunkBytes) {
            full = takeGarbage();
        }
        if (garbage.size() == 0) {
            garbageOffset = offset;
        }
        garbage.write(raw, 0, Math.min(raw.length, chunkBytes));
        return full;
    }

    /** The garbage gathered so far, or null if none. */
    Chunk takeGarbage() {
        if (garbage.size() == 0) {
            return null;
        }
        Chunk chunk = new Chunk(garbage.toByteArray(), garbageOffset);
        garbage.reset();
        return chunk;
    }

    /**
     * Takes one dead letter from this minute's allowance; false when it is used up (the dead letter
     * must be counted instead).
     */
    boolean tryTake(long nowNanos) {
        if (nowNanos - windowStart >= MINUTE_NANOS) {
            windowStart = nowNanos;
            usedInWindow = 0;
            suppressedInWindow = 0;
        }
        if (usedInWindow < perMinute) {
            usedInWindow++;
            return true;
        }
        suppressedInWindow++;
        return false;
    }

    /** Dead letters suppressed so far in this minute (1 means the first was just suppressed). */
    long suppressedThisMinute() {
        return suppressedInWindow;
    }
}
