package dev.vigil.ingest.hj212.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers the identities of the most recent frames, each with the future of its publication, so a
 * resend (the device missed our answer) is published once and answered only after the original is
 * durable; bounded (oldest forgotten first) and shared by all connections, since a device often
 * resends after reconnecting.
 *
 * <p>Striped by key hash so event loops rarely wait on one another.
 */
final class DuplicateFilter {
    private static final int STRIPES = 16;

    private final Stripe[] stripes = new Stripe[STRIPES];

    /** Remembers about {@code window} identities in total. */
    DuplicateFilter(int window) {
        int perStripe = Math.max(1, window / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
    }

    /**
     * Records {@code publication} under {@code identity} unless the identity is known; returns the
     * earlier frame's publication for a duplicate, or null for a first sighting.
     */
    CompletableFuture<Void> putIfAbsent(String identity, CompletableFuture<Void> publication) {
        Stripe stripe = stripe(identity);
        synchronized (stripe) {
            return stripe.putIfAbsent(identity, publication);
        }
    }

    /**
     * Forgets an identity whose publication failed, so the device's resend is published; a no-op if
     * the identity now belongs to another publication.
     */
    void forget(String identity, CompletableFuture<Void> publication) {
        Stripe stripe = stripe(identity);
        synchronized (stripe) {
            stripe.remove(identity, publication);
        }
    }

    private Stripe stripe(String identity) {
        return stripes[Math.floorMod(identity.hashCode(), STRIPES)];
    }

    private static final class Stripe extends LinkedHashMap<String, CompletableFuture<Void>> {
        private final int capacity;

        Stripe(int capacity) {
            super(Math.min(capacity, 1024) * 2);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
            return size() > capacity;
        }
    }
}
