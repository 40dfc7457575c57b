package dev.vigil.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks a user name after too many failed sign-ins: {@code maxFailures} failures within {@code
 * window} lock it for {@code lockout}, counted per name (existing or not, so the answer does not
 * tell which names exist). A successful sign-in clears the count.
 */
public final class SignInThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

    public SignInThrottle(int maxFailures, Duration window, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** 5 failures in 15 minutes lock for 15 minutes. */
    public static SignInThrottle standard(Clock clock) {
        return new SignInThrottle(5, Duration.ofMinutes(15), Duration.ofMinutes(15), clock);
    }

    /** How long the name is still locked; empty when it may try. */
    public Optional<Duration> lockedFor(String username) {
        Instant until = lockedUntil.get(key(username));
        Instant now = clock.instant();
        if (until == null || !now.isBefore(until)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until));
    }

    /** Counts a failure; returns the lock it caused, if this one reached the limit. */
    public Optional<Duration> failed(String username) {
        String key = key(username);
        Instant now = clock.instant();
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
                recent.pollFirst();
            }
            if (recent.size() >= maxFailures) {
                recent.clear();
                lockedUntil.put(key, now.plus(lockout));
                return Optional.of(lockout);
            }
        }
        return Optional.empty();
    }

    /** Clears the failures of a name that signed in. */
    public void succeeded(String username) {
        failures.remove(key(username));
        lockedUntil.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
