package dev.vigil.console.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.audit.AuditTrail;
import dev.vigil.console.auth.AccountService;
import dev.vigil.console.auth.PasswordHasher;
import dev.vigil.console.auth.Sessions;
import dev.vigil.console.auth.SignInThrottle;
import dev.vigil.console.kafka.KafkaPublisher;
import dev.vigil.console.kafka.Publisher;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.console.state.ProjectionReader;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.account.Account;
import dev.vigil.events.incident.Actor.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two consoles on one real Kafka broker write the same account at the same moment: the first record
 * on {@code vigil.accounts} wins on both, and the console that lost is told so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountRaceIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(Records.topics());

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The warnings {@link AccountService} logs while a test runs. */
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private final AbstractAppender capture =
            new AbstractAppender("account-warnings", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            };

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void captureWarnings() {
        capture.start();
        accountLogger().addAppender(capture);
    }

    @AfterEach
    void stop() {
        accountLogger().removeAppender(capture);
        threads.shutdownNow();
    }

    private static Logger accountLogger() {
        return (Logger) LogManager.getLogger(AccountService.class);
    }

    /** What one console instance runs for accounts: its projection, publisher and service. */
    private static final class Console implements AutoCloseable {
        final ConsoleState state = new ConsoleState();
        final KafkaPublisher publisher =
                new KafkaPublisher(KAFKA.bootstrapServers(), Duration.ofSeconds(5));
        final ProjectionReader reader =
                new ProjectionReader(
                        () ->
                                new KafkaConsumer<>(
                                        Map.of(
                                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                                KAFKA.bootstrapServers(),
                                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                                false),
                                        new ByteArrayDeserializer(),
                                        new ByteArrayDeserializer()),
                        state);
        final AccountService accounts;

        Console() throws InterruptedException {
            Clock clock = Clock.systemUTC();
            accounts =
                    new AccountService(
                            state,
                            publisher,
                            reader,
                            new PasswordHasher(1024, 1, 1),
                            SignInThrottle.standard(clock),
                            new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), clock),
                            new AuditTrail(publisher, state, clock),
                            clock);
            reader.start();
            assertThat(reader.awaitCaughtUp(PATIENCE)).as("caught up with Kafka").isTrue();
        }

        boolean signsIn(String password) {
            try {
                return accounts.signIn("admin", password, null) != null;
            } catch (ApiError e) {
                assertThat(e.status()).as(e.getMessage()).isEqualTo(401);
                return false;
            }
        }

        @Override
        public void close() {
            reader.close();
            publisher.close();
        }
    }

    /** Runs both at once, released together, and returns their outcomes in order. */
    private <T> List<Outcome<T>> race(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : List.of(first, second)) {
            futures.add(
                    threads.submit(
                            () -> {
                                start.await();
                                return task.call();
                            }));
        }
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                outcomes.add(new Outcome<>(f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), null));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome<>(null, e.getCause()));
            }
        }
        return outcomes;
    }

    private record Outcome<T>(T value, Throwable failure) {}

    /** Waits until both consoles show the same {@code admin}, so neither still has news to read. */
    private static Account agreed(Console a, Console b) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Account> onA = a.state.account("admin");
            if (onA.isPresent() && onA.equals(b.state.account("admin"))) {
                return onA.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "the consoles did not agree on admin within "
                        + PATIENCE
                        + ": "
                        + a.state.account("admin")
                        + " and "
                        + b.state.account("admin"));
    }

    /** The last record of a user on {@code vigil.accounts}, read with a consumer of its own. */
    private static Account lastOnTopic(String username) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.ACCOUNTS.name()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Account last = null;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read to the end in time").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (username.equals(r.key())) {
                        last = Json.fromBytes(r.value(), Account.class);
                    }
                }
            }
            assertThat(last).as("a record of " + username).isNotNull();
            return last;
        }
    }

    @Test
    @Order(1) // on the topic still empty
    void twoConsolesStartingOnAnEmptyTopicCreateOneAdminWhosePasswordWorksOnBoth()
            throws Exception {
        try (Console a = new Console();
                Console b = new Console()) {
            // GIVEN two consoles that both see no account at all
            assertThat(a.state.accounts()).isEmpty();
            assertThat(b.state.accounts()).isEmpty();

            // WHEN both create admin at the same moment, each with its own password
            List<Outcome<Optional<Account>>> created =
                    race(
                            () -> a.accounts.ensureAdmin("password-of-console-a"),
                            () -> b.accounts.ensureAdmin("password-of-console-b"));

            // THEN exactly one of them created it, and the other says that it did not
            assertThat(created).extracting(Outcome::failure).containsOnlyNulls();
            assertThat(created)
                    .extracting(o -> o.value().isPresent())
                    .containsExactlyInAnyOrder(true, false);
            boolean aWon = created.get(0).value().isPresent();
            String won = aWon ? "password-of-console-a" : "password-of-console-b";
            String lost = aWon ? "password-of-console-b" : "password-of-console-a";
            assertThat(warnings)
                    .filteredOn(w -> w.contains("Another console created 'admin' first"))
                    .singleElement()
                    .asString()
                    .contains("not this console's VIGIL_ADMIN_PASSWORD");

            // AND on both consoles the winner's password signs in and the loser's does not
            Account winner = (aWon ? created.get(0) : created.get(1)).value().orElseThrow();
            assertThat(agreed(a, b).passwordHash()).isEqualTo(winner.passwordHash());
            for (Console console : List.of(a, b)) {
                assertThat(console.signsIn(won)).as("the winner's password").isTrue();
                assertThat(console.signsIn(lost)).as("the loser's password").isFalse();
            }

            // AND the last record of admin, all that compaction keeps, is the winner's account
            assertThat(lastOnTopic("admin").passwordHash()).isEqualTo(winner.passwordHash());
        }
    }

    @Test
    @Order(2)
    void ofTwoEditsOfOneAccountOnTwoConsolesAtOnceTheLaterIsAConflict() throws Exception {
        try (Console a = new Console();
                Console b = new Console()) {
            // GIVEN an account both consoles know at version 1
            if (a.state.account("admin").isEmpty()) {
                a.accounts.ensureAdmin("the-admin-password");
            }
            long before = agreed(a, b).version();

            // WHEN both rename it at the same moment
            List<Outcome<Account>> edits =
                    race(
                            () ->
                                    a.accounts.update(
                                            "admin", "Renamed on A", null, null, null, null),
                            () ->
                                    b.accounts.update(
                                            "admin", "Renamed on B", null, null, null, null));

            // THEN one edit is applied on both consoles and the other answers 409
            List<Throwable> failures = edits.stream().map(Outcome::failure).toList();
            assertThat(failures).filteredOn(f -> f == null).hasSize(1);
            Throwable conflict = failures.stream().filter(f -> f != null).findFirst().orElseThrow();
            assertThat(conflict).isInstanceOf(ApiError.class);
            assertThat(((ApiError) conflict).status()).as(conflict.getMessage()).isEqualTo(409);
            Account applied =
                    edits.stream()
                            .map(Outcome::value)
                            .filter(v -> v != null)
                            .findFirst()
                            .orElseThrow();
            assertThat(applied.version()).isEqualTo(before + 1);
            Account standing = agreed(a, b);
            assertThat(standing.displayName()).isEqualTo(applied.displayName());
            assertThat(lastOnTopic("admin").displayName()).isEqualTo(applied.displayName());
        }
    }

    @Test
    @Order(99)
    void theProjectionReportsAnAccountRecordReadOnlyOnceItHasReadItAndKeepsNoOtherTopicsPosition()
            throws Exception {
        try (Console console = new Console()) {
            // GIVEN an account record written to vigil.accounts
            Account reader =
                    new Account(
                            "read-back",
                            null,
                            Role.OPERATOR,
                            null,
                            "hash",
                            false,
                            1,
                            Instant.now());
            Publisher.Written written = console.publisher.publish(Topics.ACCOUNTS, reader);

            // THEN the projection reports it read, and the offset after it not yet
            assertThat(console.reader.awaitRead(written, PATIENCE)).isTrue();
            assertThat(console.state.account("read-back")).contains(reader);
            Publisher.Written next =
                    new Publisher.Written(
                            written.topic(), written.partition(), written.offset() + 1);
            assertThat(console.reader.awaitRead(next, Duration.ofMillis(300))).isFalse();

            // AND a record of another topic cannot be waited for: its position is not kept
            Publisher.Written alert = new Publisher.Written(Topics.ALERTS.name(), 0, 0);
            assertThatThrownBy(() -> console.reader.awaitRead(alert, PATIENCE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Topics.ALERTS.name());
        }
    }
}
