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
import java.util.concurrent.Executor;

/**
 * Checks that a frame comes from a registered, active device with the right password, hashing
 * (PBKDF2, a few milliseconds) on its own executor and at most once per connection and MN + PW.
 *
 * <p>An unknown MN costs the same hashing as a wrong password (against a decoy hash), so neither
 * the answer nor its timing tells an attacker which of the two was wrong. A connection's cached
 * verdict holds only while the registry entry it was checked against is the current one, so a
 * changed password or a retired source takes effect with the next frame.
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

    DeviceAuthenticator(DeviceDirectory directory, Executor hashing) {
        this.directory = directory;
        this.hashing = hashing;
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
            if (cached == null
                    || cached.device != directory.find(mn).orElse(null)
                    || !MessageDigest.isEqual(cached.passwordDigest, digest(password))) {
                return null;
            }
            return cached.verdict;
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
                                synchronized (byMn) {
                                    byMn.put(mn, new Cached(digest(password), device, verdict));
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

    private record Cached(byte[] passwordDigest, RegisteredDevice device, Verdict verdict) {}
}
