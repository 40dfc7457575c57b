package dev.vigil.console.auth;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.audit.AuditTrail;
import dev.vigil.console.kafka.Publisher;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.console.state.ReadBack;
import dev.vigil.events.Topics;
import dev.vigil.events.account.Account;
import dev.vigil.events.account.AuditEntry.Outcome;
import dev.vigil.events.incident.Actor.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts on {@code vigil.accounts}: signing in (with the same answer for a wrong name and a wrong
 * password, and lockout after repeated failures), the first administrator, and changes to accounts.
 * Every sign-in attempt is audited here.
 *
 * <p>Several consoles may write one account at once, so every write is a new version that the
 * projection accepts only when it follows the version it replaces (see {@link
 * ConsoleState#accepted}); a write is read back from the topic before it counts, and a write that
 * lost to another console's is reported (409 for an edit, a log line for the first administrator).
 */
public final class AccountService {

    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD = 12;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final String WRONG = "wrong user name or password";

    /** How long a write may take to come back from Kafka before its outcome counts as unknown. */
    private static final Duration READ_BACK = Duration.ofSeconds(10);

    /** How often a console writes an account again after its write lost (see restore). */
    private static final int RESTORE_ATTEMPTS = 5;

    private final ConsoleState state;
    private final Publisher publisher;
    private final ReadBack readBack;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final Sessions sessions;
    private final AuditTrail audit;
    private final Clock clock;
    private final String decoyHash;

    public AccountService(
            ConsoleState state,
            Publisher publisher,
            ReadBack readBack,
            PasswordHasher hasher,
            SignInThrottle throttle,
            Sessions sessions,
            AuditTrail audit,
            Clock clock) {
        this.state = state;
        this.publisher = publisher;
        this.readBack = readBack;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.decoyHash = hasher.hash("decoy password for unknown users");
    }

    /**
     * Creates {@code admin} when there is no account at all, with the given password or a generated
     * one that is logged once. When another console created {@code admin} at the same time and its
     * record came first on the topic, that one is kept everywhere and this console says so instead
     * of logging a password that would not work.
     *
     * @return the account created, if this console's was
     */
    public Optional<Account> ensureAdmin(String password) {
        if (!state.accounts().isEmpty()) {
            return Optional.empty();
        }
        boolean generated = password == null || password.isBlank();
        String chosen = generated ? generatePassword() : password;
        Account admin =
                new Account(
                        "admin",
                        "Administrator",
                        Role.ADMIN,
                        null,
                        hasher.hash(chosen),
                        false,
                        1,
                        clock.instant());
        boolean created;
        try {
            created = save(admin);
        } catch (ApiError e) {
            if (generated) {
                // It may still be on the topic: without the password nobody could sign in.
                LOG.warn(
                        "Creating console account 'admin' is unconfirmed ({}): unless another"
                                + " console created it first, its password is {}",
                        e.getMessage(),
                        chosen);
            }
            throw e;
        }
        if (!created) {
            Account kept = state.account("admin").orElseThrow();
            LOG.warn(
                    "Another console created 'admin' first; its account is kept and this"
                            + " console's is discarded: {}",
                    generated
                            ? "sign in with the password the other console logged"
                            : hasher.verify(chosen, kept.passwordHash())
                                    ? "its password is VIGIL_ADMIN_PASSWORD all the same"
                                    : "its password is not this console's VIGIL_ADMIN_PASSWORD");
            return Optional.empty();
        }
        if (generated) {
            LOG.warn(
                    "No console account existed: created 'admin' with the password {} (shown once;"
                            + " change it after signing in)",
                    chosen);
        } else {
            LOG.info("No console account existed: created 'admin' with VIGIL_ADMIN_PASSWORD");
        }
        audit.record(
                "admin",
                Role.ADMIN,
                null,
                "user.create",
                "admin",
                Outcome.SUCCESS,
                "first start",
                null);
        return Optional.of(admin);
    }

    /** Signs a user in, or throws 401 (wrong name or password, disabled) or 429 (locked). */
    public Sessions.Session signIn(String username, String password, String remoteAddress) {
        String name = username == null ? "" : username.strip();
        Optional<Duration> locked = throttle.lockedFor(name);
        if (locked.isPresent()) {
            audit.record(
                    name, null, null, "sign-in", name, Outcome.DENIED, "locked", remoteAddress);
            throw ApiError.locked(
                    "too many failed sign-ins: try again later", seconds(locked.get()));
        }
        Optional<Account> account = state.account(name);
        boolean matches =
                hasher.verify(
                        password == null ? "" : password,
                        account.map(Account::passwordHash).orElse(decoyHash));
        if (account.isEmpty() || !matches || account.get().disabled()) {
            Optional<Duration> lock = throttle.failed(name);
            audit.record(
                    name,
                    null,
                    null,
                    "sign-in",
                    name,
                    Outcome.DENIED,
                    account.isPresent() && matches ? "account disabled" : WRONG,
                    remoteAddress);
            if (lock.isPresent()) {
                throw ApiError.locked(
                        "too many failed sign-ins: try again later", seconds(lock.get()));
            }
            throw ApiError.unauthenticated(WRONG);
        }
        throttle.succeeded(name);
        Account a = account.get();
        audit.record(
                a.username(),
                a.role(),
                a.agencyId(),
                "sign-in",
                a.username(),
                Outcome.SUCCESS,
                null,
                remoteAddress);
        return sessions.open(a.username());
    }

    /** Creates an account; 400 for an invalid one, 409 when the name is taken. */
    public Account create(
            String username, String displayName, Role role, String agencyId, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiError.invalid(
                    "username", "1 to 64 letters, digits, '.', '_', '@' or '-' are required");
        }
        if (role == null || role == Role.SYSTEM) {
            throw ApiError.invalid("role", "one of OPERATOR, ENV_STAFF, AGENCY, ADMIN");
        }
        checkAgency(role, agencyId);
        checkPassword("password", password);
        if (state.account(username).isPresent()) {
            throw ApiError.conflict("user name " + username + " is taken");
        }
        Account account =
                new Account(
                        username,
                        displayName,
                        role,
                        role == Role.AGENCY ? agencyId : null,
                        hasher.hash(password),
                        false,
                        1,
                        clock.instant());
        if (!save(account)) {
            throw ApiError.conflict("user name " + username + " is taken");
        }
        return account;
    }

    /** Changes an account; absent fields stay as they are. */
    public Account update(
            String username,
            String displayName,
            Role role,
            String agencyId,
            Boolean disabled,
            String password) {
        Account known =
                state.account(username).orElseThrow(() -> ApiError.notFound("no user " + username));
        Role newRole = role == null ? known.role() : role;
        if (newRole == Role.SYSTEM) {
            throw ApiError.invalid("role", "one of OPERATOR, ENV_STAFF, AGENCY, ADMIN");
        }
        String newAgency = agencyId == null ? known.agencyId() : agencyId;
        checkAgency(newRole, newAgency);
        if (password != null) {
            checkPassword("password", password);
        }
        boolean stillAdmin =
                newRole == Role.ADMIN && !(disabled == null ? known.disabled() : disabled);
        if (known.role() == Role.ADMIN && !known.disabled() && !stillAdmin && lastAdmin(username)) {
            throw ApiError.conflict("the last enabled administrator cannot be disabled or demoted");
        }
        Account next =
                new Account(
                        username,
                        displayName == null ? known.displayName() : displayName,
                        newRole,
                        newRole == Role.AGENCY ? newAgency : null,
                        password == null ? known.passwordHash() : hasher.hash(password),
                        disabled == null ? known.disabled() : disabled,
                        known.version() + 1,
                        clock.instant());
        if (!save(next)) {
            throw changedMeanwhile(username);
        }
        if (next.disabled() || password != null || next.role() != known.role()) {
            sessions.closeAll(username);
        }
        return next;
    }

    /** Changes one's own password after checking the current one. */
    public void changePassword(String username, String current, String next) {
        Account known =
                state.account(username)
                        .orElseThrow(
                                () -> ApiError.unauthenticated("the account no longer exists"));
        if (!hasher.verify(current == null ? "" : current, known.passwordHash())) {
            throw ApiError.invalid("current", "the current password is wrong");
        }
        checkPassword("next", next);
        if (!save(successor(known, hasher.hash(next)))) {
            throw changedMeanwhile(username);
        }
    }

    /** The next version of {@code account}, unchanged but for its password hash, written now. */
    private Account successor(Account account, String passwordHash) {
        return new Account(
                account.username(),
                account.displayName(),
                account.role(),
                account.agencyId(),
                passwordHash,
                account.disabled(),
                account.version() + 1,
                clock.instant());
    }

    private static ApiError changedMeanwhile(String username) {
        return ApiError.conflict(
                "user "
                        + username
                        + " was changed at the same time by someone else: reload and try again");
    }

    private boolean lastAdmin(String username) {
        return state.accounts().stream()
                .noneMatch(
                        a ->
                                a.role() == Role.ADMIN
                                        && !a.disabled()
                                        && !a.username().equals(username));
    }

    /**
     * Publishes a version of an account and reads the topic up to it; when it lost, writes the
     * winner again on top of it (see {@link #restore}).
     *
     * @return true when it was accepted, false when another record of that version came first
     * @throws ApiError 503 when Kafka did not acknowledge it or it did not come back in time
     */
    private boolean save(Account account) {
        if (publishAndReadBack(account)) {
            return true;
        }
        restore(account.username());
        return false;
    }

    /**
     * After a lost write: the topic is compacted, which keeps only the last record of each name,
     * and that is now the lost one. Writing the account as it stands again, as its next version,
     * makes sure compaction keeps what every console accepted. A write that loses in turn (someone
     * changed the account meanwhile) is repaired by trying again on the newer version.
     */
    private void restore(String username) {
        for (int attempt = 0; attempt < RESTORE_ATTEMPTS; attempt++) {
            Optional<Account> standing = state.account(username);
            if (standing.isEmpty()) {
                return;
            }
            if (publishAndReadBack(successor(standing.get(), standing.get().passwordHash()))) {
                return;
            }
        }
        LOG.warn(
                "account {} keeps changing: after {} attempts the last record on {} may still be"
                        + " a write that lost",
                username,
                RESTORE_ATTEMPTS,
                Topics.ACCOUNTS.name());
    }

    private boolean publishAndReadBack(Account account) {
        Publisher.Written written = publisher.publish(Topics.ACCOUNTS, account);
        try {
            if (!readBack.awaitRead(written, READ_BACK)) {
                throw ApiError.unavailable(
                        "the account change was written but not read back from Kafka within "
                                + READ_BACK.toSeconds()
                                + " s: reload to see whether it was applied");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while reading the account change back");
        }
        return state.accepted(account);
    }

    private static void checkAgency(Role role, String agencyId) {
        if (role == Role.AGENCY && (agencyId == null || agencyId.isBlank())) {
            throw ApiError.invalid("agencyId", "required for role AGENCY");
        }
    }

    private static void checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiError.invalid(field, "at least " + MIN_PASSWORD + " characters are required");
        }
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static String generatePassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
