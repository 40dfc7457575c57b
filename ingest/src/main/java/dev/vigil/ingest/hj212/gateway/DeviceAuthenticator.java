package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Device;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Checks that a frame comes from a registered, active device with the right password, hashing
 * (PBKDF2, a few milliseconds) on its own executor and at most once per connection and MN + PW, and
 * for an accepted password at most once per gateway: a device that reconnects is not hashed again.
 *
 * <p>An unknown MN costs the same hashing as a wrong password (against a decoy hash), so neither
 * the answer nor its timing tells an attacker which of the two was wrong. A cached verdict holds
 * only while the registry entry it was checked against is the current one, so a changed password or
 * a retired source takes effect with the next frame.
 *
 * <p>Why accepted passwords are remembered across connections: hashing is the most expensive thing
 * the gateway does (3-10 ms of CPU per check against well under 100 µs for a frame), and after a
 * network outage every logger of a district reconnects at once; 10,000 logins kept the one hashing
 * thread of a 2-core gateway busy for 111-164 s in the ingest benchmark while their uploads waited.
 * Only acceptances are shared: guessing still costs a hash per attempt, and the per-connection
 * limit of failed checks still applies. What is kept is a SHA-256 digest of the password, as the
 * per-connection cache always did; HJ 212 sends the password in clear in every frame, so the heap
 * held it anyway.
 */
final class DeviceAuthenticator {

    /** Why a frame was accepted or rejected; only the gateway's own records see the difference. */
    enum Verdict {
        ACCEPTED,
        UNKNOWN_MN,
        RETIRED,
        WRONG_PASSWORD;

        /** A short name for counters and dead letters, e.g. {@code auth_unknown_mn}. */
        String reason() {
            return "auth_" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** MNs remembered per connection; a data logger has one, a few multiplex several. */
    private static final int MNS_PER_CONNECTION = 8;

    /** Hashed for unknown MNs so that they take as long to reject as a wrong password. */
    private static final Device DECOY =
            new Device(
                    "decoy",
                    null,
                    ProtocolVersion.HJ212_2017,
                    Device.hashPassword("decoy", Long.toHexString(System.nanoTime())),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(10));

    private final DeviceDirectory directory;
    private final Executor hashing;
    private final GatewayMetrics metrics;

    /**
     * Accepted credentials by MN, from any connection; at most one entry per registered device (an
     * entry whose registry entry was replaced is dropped when next looked up).
     */
    private final Map<String, Cached> accepted = new ConcurrentHashMap<>();

    DeviceAuthenticator(DeviceDirectory directory, Executor hashing, GatewayMetrics metrics) {
        this.directory = directory;
        this.hashing = hashing;
        this.metrics = metrics;
    }

    /** The checks of one connection, with its cache. */
    Session session() {
        return new Session();
    }

    /** One connection's verdicts by MN; thread-safe. */
    final class Session {
        private final Map<String, Cached> byMn =
                new LinkedHashMap<>(4, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                        return size() > MNS_PER_CONNECTION;
                    }
                };

        private Session() {}

        /**
         * The verdict for this MN and password if this connection already checked them against the
         * current registry entry; null if they must be verified.
         */
        Verdict cached(String mn, String password) {
            Cached cached;
            synchronized (byMn) {
                cached = byMn.get(mn);
            }
            RegisteredDevice current = directory.find(mn).orElse(null);
            byte[] digest = digest(password);
            if (cached != null && cached.matches(current, digest)) {
                return cached.verdict;
            }
            Cached shared = accepted.get(mn);
            if (shared == null) {
                return null;
            }
            if (shared.device != current) {
                accepted.remove(mn, shared); // the registry entry changed: check again
                return null;
            }
            if (!MessageDigest.isEqual(shared.passwordDigest, digest)) {
                return null;
            }
            synchronized (byMn) {
                byMn.put(mn, shared);
            }
            return Verdict.ACCEPTED;
        }

        /**
         * Verifies on the hashing executor, once the directory is ready, and remembers the verdict;
         * the future completes on that executor.
         */
        CompletableFuture<Verdict> verify(String mn, String password) {
            return directory
                    .whenReady()
                    .toCompletableFuture()
                    .thenApplyAsync(
                            ready -> {
                                RegisteredDevice device = directory.find(mn).orElse(null);
                                Verdict verdict = check(device, password);
                                metrics.passwordChecked();
                                Cached cached = new Cached(digest(password), device, verdict);
                                synchronized (byMn) {
                                    byMn.put(mn, cached);
                                }
                                if (verdict == Verdict.ACCEPTED) {
                                    accepted.put(mn, cached);
                                }
                                return verdict;
                            },
                            hashing);
        }
    }

    private static Verdict check(RegisteredDevice device, String password) {
        if (device == null) {
            DECOY.passwordMatches(password == null ? "" : password);
            return Verdict.UNKNOWN_MN;
        }
        boolean matches = device.device().passwordMatches(password);
        if (device.retired()) {
            return Verdict.RETIRED;
        }
        return matches ? Verdict.ACCEPTED : Verdict.WRONG_PASSWORD;
    }

    /** A digest of the password, so that the cache does not keep passwords in the heap. */
    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((password == null ? "" : password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private record Cached(byte[] passwordDigest, RegisteredDevice device, Verdict verdict) {
        /** Whether this verdict was reached against {@code current} for this password digest. */
        boolean matches(RegisteredDevice current, byte[] digest) {
            return device == current && MessageDigest.isEqual(passwordDigest, digest);
        }
    }
}
