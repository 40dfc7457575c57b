package dev.vigil.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final SignInThrottleTest.MovingClock clock = new SignInThrottleTest.MovingClock();
    private final Sessions sessions =
            new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), clock);

    @Test
    void endsAfterThirtyIdleMinutes() {
        Sessions.Session s = sessions.open("op");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.touch(s.token())).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(sessions.touch(s.token())).isEmpty();
    }

    @Test
    void endsTwelveHoursAfterSignInHoweverBusy() {
        Sessions.Session s = sessions.open("op");
        for (int i = 0; i < 12 * 3 - 1; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(20));
            assertThat(sessions.touch(s.token())).isPresent();
        }
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertThat(sessions.touch(s.token())).isEmpty();
    }

    @Test
    void signOutAndClosingAllOfAUser() {
        Sessions.Session a = sessions.open("op");
        Sessions.Session b = sessions.open("op");
        Sessions.Session c = sessions.open("other");
        assertThat(a.token()).isNotEqualTo(b.token()).hasSizeGreaterThanOrEqualTo(43);
        sessions.close(a.token());
        assertThat(sessions.touch(a.token())).isEmpty();
        sessions.closeAll("op");
        assertThat(sessions.touch(b.token())).isEmpty();
        assertThat(sessions.touch(c.token())).isPresent();
        assertThat(sessions.touch(null)).isEmpty();
    }
}
