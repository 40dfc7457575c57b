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
import java.util.concurrent.atomic.LongAdder;

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
 * limit of failed checks still applies. What the gateway keeps for them is a SHA-256 digest of the
 * password, computed once per connection.
 *
 * <p>Within a connection the password last checked is kept and each frame's password is compared
 * with it in constant time: HJ 212 sends the password in clear in every frame, so the heap holds it
 * anyway, and a SHA-256 of it on every frame was 7-10 % of the gateway's CPU in the ingest
 * benchmark. A password that differs from the one last checked is checked again.
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
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    private final LongAdder digests = new LongAdder();

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
        private final Map<String, Checked> byMn =
                new LinkedHashMap<>(4, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Checked> eldest) {
                        return size() > MNS_PER_CONNECTION;
                    }
                };

        /**
         * The verdict last used on this connection: a data logger sends one MN and one password in
         * every frame, so this answers nearly every frame without touching the map.
         */
        private volatile Checked last;

        private Session() {}

        /**
         * The verdict for this MN and password if this connection already checked them against the
         * current registry entry, or the gateway accepted them on any connection; null if they must
         * be verified.
         */
        Verdict cached(String mn, String password) {
            long version = directory.version(); // before any find: see DeviceDirectory.version
            Checked checked = last;
            if (checked != null
                    && checked.version == version
                    && checked.mn.equals(mn)
                    && checked.sameSecret(password)) {
                return checked.verdict; // nothing in the registry changed since it was checked
            }
            if (checked == null || !checked.mn.equals(mn)) {
                synchronized (byMn) {
                    checked = byMn.get(mn);
                }
            }
            RegisteredDevice current = directory.find(mn).orElse(null);
            if (checked != null && checked.device == current && checked.sameSecret(password)) {
                if (checked.version != version) {
                    checked = checked.at(version);
                    remember(checked);
                } else {
                    last = checked;
                }
                return checked.verdict;
            }
            // This connection has not checked this password (a first frame, or it changed): the
            // gateway-wide acceptances may still spare the hash.
            Accepted shared = accepted.get(mn);
            if (shared == null) {
                return null;
            }
            if (shared.device != current) {
                accepted.remove(mn, shared); // the registry entry changed: check again
                return null;
            }
            if (!MessageDigest.isEqual(shared.passwordDigest, digest(password))) {
                return null;
            }
            remember(new Checked(mn, password, current, Verdict.ACCEPTED, version));
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
                                long version = directory.version();
                                RegisteredDevice device = directory.find(mn).orElse(null);
                                Verdict verdict = check(device, password);
                                metrics.passwordChecked();
                                remember(new Checked(mn, password, device, verdict, version));
                                if (verdict == Verdict.ACCEPTED) {
                                    accepted.put(mn, new Accepted(digest(password), device));
                                }
                                return verdict;
                            },
                            hashing);
        }

        private void remember(Checked checked) {
            synchronized (byMn) {
                byMn.put(checked.mn, checked);
            }
            last = checked;
        }
    }

    /** How many SHA-256 digests of passwords were computed (for tests and diagnostics). */
    long digests() {
        return digests.sum();
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
    private byte[] digest(String password) {
        digests.increment();
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((password == null ? "" : password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * A verdict one connection reached for an MN and password against a registry entry. It keeps
     * the password itself, as the frame that carried it does: HJ 212 sends it in clear in every
     * frame, and comparing it is far cheaper than digesting it again for each frame.
     */
    private record Checked(
            String mn, String password, RegisteredDevice device, Verdict verdict, long version) {
        /** The same verdict, found to hold still at directory version {@code now}. */
        Checked at(long now) {
            return new Checked(mn, password, device, verdict, now);
        }

        /**
         * Whether {@code given} is this password, in time that does not depend on where they
         * differ.
         */
        boolean sameSecret(String given) {
            return constantTimeEquals(password, given);
        }
    }

    /** An acceptance shared by all connections; only a digest of the password is kept for it. */
    private record Accepted(byte[] passwordDigest, RegisteredDevice device) {}

    /**
     * Whether two passwords are equal, comparing every character of {@code expected} whatever the
     * first difference; only the length can show in the timing. A null is an empty password.
     */
    static boolean constantTimeEquals(String expected, String given) {
        String a = expected == null ? "" : expected;
        String b = given == null ? "" : given;
        int difference = a.length() ^ b.length();
        int bLength = b.length();
        for (int i = 0; i < a.length(); i++) {
            char other = i < bLength ? b.charAt(i) : 0;
            difference |= a.charAt(i) ^ other;
        }
        return difference == 0;
    }
}
