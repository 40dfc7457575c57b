package dev.vigil.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.audit.AuditTrail;
import dev.vigil.console.kafka.Publisher;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.console.state.ReadBack;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import dev.vigil.events.account.Account;
import dev.vigil.events.account.AuditEntry;
import dev.vigil.events.incident.Actor.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountServiceTest {

    /**
     * A publisher that keeps what it is given and, as the projection reading it back would, applies
     * it to the state; {@link #ahead} is what another console wrote just before.
     */
    static final class Kept implements Publisher, ReadBack {
        final List<Object> values = new ArrayList<>();
        final ConsoleState state;
        Account ahead;

        Kept(ConsoleState state) {
            this.state = state;
        }

        @Override
        public <V> Written publish(Topic<String, V> topic, V value) {
            if (ahead != null) {
                state.apply(Topics.ACCOUNTS.name(), ahead.username(), ahead);
                ahead = null;
            }
            values.add(value);
            state.apply(topic.name(), topic.keyOf(value), value);
            return new Written(topic.name(), 0, values.size() - 1);
        }

        @Override
        public boolean awaitRead(Written written, Duration timeout) {
            return true;
        }

        <T> List<T> of(Class<T> type) {
            return values.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private final SignInThrottleTest.MovingClock clock = new SignInThrottleTest.MovingClock();
    private final ConsoleState state = new ConsoleState();
    private final Kept published = new Kept(state);
    private final Sessions sessions =
            new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), clock);
    private final AccountService accounts =
            new AccountService(
                    state,
                    published,
                    published,
                    new PasswordHasher(1024, 1, 1),
                    SignInThrottle.standard(clock),
                    sessions,
                    new AuditTrail(published, state, clock),
                    clock);

    @Test
    void theFirstStartCreatesAdminOnceWithTheGivenPassword() {
        assertThat(accounts.ensureAdmin("first-admin-password")).isPresent();
        assertThat(accounts.ensureAdmin("other-password-here")).isEmpty();
        Account admin = published.of(Account.class).get(0);
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.passwordHash()).startsWith("$argon2id$").doesNotContain("first-admin");
        assertThat(accounts.signIn("admin", "first-admin-password", "127.0.0.1").username())
                .isEqualTo("admin");
    }

    @Test
    void aGeneratedAdminPasswordIsUsedWhenNoneIsGiven() {
        assertThat(accounts.ensureAdmin(null)).isPresent();
        assertThat(state.account("admin")).isPresent();
    }

    @Test
    void signInIsAuditedAndTheAnswerDoesNotTellNamesApart() {
        accounts.create("op", "Operator", Role.OPERATOR, null, "a-long-password");
        ApiError wrongPassword = catchApi(() -> accounts.signIn("op", "nope", null));
        ApiError wrongName = catchApi(() -> accounts.signIn("ghost", "nope", null));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongName.getMessage()).isEqualTo(wrongPassword.getMessage());
        accounts.signIn("op", "a-long-password", "10.0.0.1");
        assertThat(state.audit())
                .extracting(AuditEntry::username, AuditEntry::outcome)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("op", AuditEntry.Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple("ghost", AuditEntry.Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple("op", AuditEntry.Outcome.SUCCESS));
        assertThat(published.of(AuditEntry.class)).hasSize(3);
    }

    @Test
    void disablingOrChangingAPasswordEndsTheUsersSessions() {
        accounts.create("op", null, Role.OPERATOR, null, "a-long-password");
        Sessions.Session s = accounts.signIn("op", "a-long-password", null);
        accounts.update("op", null, null, null, true, null);
        assertThat(sessions.touch(s.token())).isEmpty();
        assertThat(catchApi(() -> accounts.signIn("op", "a-long-password", null)).status())
                .isEqualTo(401);
        assertThat(state.account("op").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void anEditThatLosesToAnotherConsolesEditOfTheSameVersionIsAConflict() {
        // GIVEN an account at version 1
        accounts.create("op", "Operator", Role.OPERATOR, null, "a-long-password");
        Sessions.Session s = accounts.signIn("op", "a-long-password", null);

        // WHEN another console's version 2 comes first on the topic
        published.ahead =
                new Account(
                        "op",
                        "Theirs",
                        Role.OPERATOR,
                        null,
                        state.account("op").orElseThrow().passwordHash(),
                        false,
                        2,
                        clock.instant());
        ApiError lost = catchApi(() -> accounts.update("op", "Mine", null, null, true, null));

        // THEN this edit answers 409, theirs stands and this one had no effect
        assertThat(lost.status()).isEqualTo(409);
        assertThat(state.account("op").orElseThrow().displayName()).isEqualTo("Theirs");
        assertThat(state.account("op").orElseThrow().disabled()).isFalse();
        assertThat(sessions.touch(s.token())).isPresent();

        // AND theirs is written again as the last record, the one compaction keeps
        Account last = published.of(Account.class).get(published.of(Account.class).size() - 1);
        assertThat(last.displayName()).isEqualTo("Theirs");
        assertThat(last.version()).isEqualTo(3);
        assertThat(state.account("op")).contains(last);
    }

    @Test
    void accountsAreChecked() {
        assertThat(
                        catchApi(
                                        () ->
                                                accounts.create(
                                                        "a b",
                                                        null,
                                                        Role.OPERATOR,
                                                        null,
                                                        "a-long-password"))
                                .field())
                .isEqualTo("username");
        assertThat(
                        catchApi(
                                        () ->
                                                accounts.create(
                                                        "x",
                                                        null,
                                                        Role.AGENCY,
                                                        null,
                                                        "a-long-password"))
                                .field())
                .isEqualTo("agencyId");
        assertThat(
                        catchApi(
                                        () ->
                                                accounts.create(
                                                        "x",
                                                        null,
                                                        Role.SYSTEM,
                                                        null,
                                                        "a-long-password"))
                                .field())
                .isEqualTo("role");
        accounts.create("x", null, Role.OPERATOR, null, "a-long-password");
        assertThat(
                        catchApi(
                                        () ->
                                                accounts.create(
                                                        "x",
                                                        null,
                                                        Role.OPERATOR,
                                                        null,
                                                        "a-long-password"))
                                .status())
                .isEqualTo(409);
        assertThat(catchApi(() -> accounts.changePassword("x", "a-long-password", "short")).field())
                .isEqualTo("next");
        assertThat(published.values)
                .allSatisfy(v -> assertThat(v.toString()).doesNotContain("a-long-password"));
        assertThat(Topics.ACCOUNTS.compacted()).isTrue();
    }

    private static ApiError catchApi(Runnable r) {
        try {
            r.run();
        } catch (ApiError e) {
            return e;
        }
        throw new AssertionError("no ApiError");
    }

    @Test
    void aLockedNameIs429WithTheTimeLeft() {
        accounts.create("op", null, Role.OPERATOR, null, "a-long-password");
        for (int i = 0; i < 4; i++) {
            catchApi(() -> accounts.signIn("op", "bad", null));
        }
        ApiError fifth = catchApi(() -> accounts.signIn("op", "bad", null));
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.retryAfterSeconds()).isEqualTo(900);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(
                        catchApi(() -> accounts.signIn("op", "a-long-password", null))
                                .retryAfterSeconds())
                .isEqualTo(300);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(accounts.signIn("op", "a-long-password", null)).isNotNull();
        assertThatThrownBy(() -> accounts.signIn("op", "bad", null)).isInstanceOf(ApiError.class);
    }

    @Test
    void theLastEnabledAdministratorStays() {
        accounts.ensureAdmin("first-admin-password");
        assertThat(
                        catchApi(
                                        () ->
                                                accounts.update(
                                                        "admin",
                                                        null,
                                                        Role.OPERATOR,
                                                        null,
                                                        null,
                                                        null))
                                .status())
                .isEqualTo(409);
        assertThat(catchApi(() -> accounts.update("admin", null, null, null, true, null)).status())
                .isEqualTo(409);
        accounts.create("second", null, Role.ADMIN, null, "a-long-password");
        assertThat(accounts.update("admin", null, null, null, true, null).disabled()).isTrue();
    }

    @Test
    void aSessionEndsWithoutBeingExtendedByAskingWhoOwnsIt() {
        accounts.create("op", null, Role.OPERATOR, null, "a-long-password");
        Sessions.Session s = accounts.signIn("op", "a-long-password", null);
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertThat(sessions.owner(s.token())).hasValue("op");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(sessions.owner(s.token())).isEmpty();
    }
}
