package dev.vigil.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, in memory: a random token per sign-in that ends after an idle time or an
 * absolute lifetime, whichever comes first. Losing them on restart only asks users to sign in
 * again, so the console keeps no state Kafka cannot rebuild.
 */
public final class Sessions {

    /** One sign-in: whose, when it started and when it was last used. */
    public record Session(String token, String username, Instant createdAt, Instant lastSeen) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration maximum;
    private final Clock clock;

    public Sessions(Duration idle, Duration maximum, Clock clock) {
        this.idle = idle;
        this.maximum = maximum;
        this.clock = clock;
    }

    /** Starts a session for the user. */
    public Session open(String username) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Session session = new Session(token, username, now, now);
        byToken.put(token, session);
        return session;
    }

    /** The live session of this token, marked as used now; empty when unknown or expired. */
    public Optional<Session> touch(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session session = byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt(session))) {
            byToken.remove(token);
            return Optional.empty();
        }
        Session used = new Session(token, session.username(), session.createdAt(), now);
        byToken.put(token, used);
        return Optional.of(used);
    }

    /** When the session ends unless used again: idle timeout or absolute limit. */
    public Instant expiresAt(Session session) {
        Instant idleEnd = session.lastSeen().plus(idle);
        Instant hardEnd = session.createdAt().plus(maximum);
        return idleEnd.isBefore(hardEnd) ? idleEnd : hardEnd;
    }

    /** Ends one session. */
    public void close(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** Ends every session of a user (password changed, account disabled). */
    public void closeAll(String username) {
        byToken.values().removeIf(s -> s.username().equals(username));
    }
}
