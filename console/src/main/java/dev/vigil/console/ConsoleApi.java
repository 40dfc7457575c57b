package dev.vigil.console;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.audit.AuditTrail;
import dev.vigil.console.audit.Audited;
import dev.vigil.console.auth.AccountService;
import dev.vigil.console.auth.AuthRoutes;
import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.PasswordHasher;
import dev.vigil.console.auth.Sessions;
import dev.vigil.console.auth.SignInThrottle;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.incident.AgencyDirectory;
import dev.vigil.console.incident.IncidentAccess;
import dev.vigil.console.incident.IncidentRoutes;
import dev.vigil.console.influx.InfluxQuery;
import dev.vigil.console.kafka.KafkaPublisher;
import dev.vigil.console.kpi.KpiRoutes;
import dev.vigil.console.media.MediaRoutes;
import dev.vigil.console.reading.ReadingRoutes;
import dev.vigil.console.rule.RulePreview;
import dev.vigil.console.rule.RuleRoutes;
import dev.vigil.console.source.SourceRoutes;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.console.state.ProjectionReader;
import dev.vigil.console.stream.StreamAccess;
import dev.vigil.console.stream.StreamHub;
import dev.vigil.console.stream.StreamReader;
import dev.vigil.console.stream.StreamRoutes;
import dev.vigil.events.account.AuditEntry.Outcome;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's JSON API and push: the projections read from Kafka, the services on top of them and
 * every route, with the cross-cutting rules (JSON content type on mutating requests, the audit of
 * every action) in one place.
 */
final class ConsoleApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    private static final Set<HandlerType> MUTATING =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    /** Records kept for resuming push clients; an older cursor gets a reset. */
    private static final int STREAM_KEPT = 50_000;

    private final ConsoleState state = new ConsoleState();
    private final StreamHub hub = new StreamHub(STREAM_KEPT);
    private final KafkaPublisher publisher;
    private final StreamAccess streamAccess = new StreamAccess();
    private final ProjectionReader reader;
    private final StreamReader streamReader;
    private final AuditTrail audit;
    private final Guard guard;
    private final AuthRoutes auth;
    private final IncidentRoutes incidents;
    private final SourceRoutes sources;
    private final RuleRoutes rules;
    private final ReadingRoutes readings;
    private final KpiRoutes kpis;
    private final MediaRoutes media;
    private final StreamRoutes stream;
    private final AgencyDirectory agencies;

    ConsoleApi(ConsoleConfig config, PasswordHasher hasher, Clock clock) {
        Duration timeout = config.healthDeadline();
        publisher = new KafkaPublisher(config.kafkaBootstrapServers(), Duration.ofSeconds(5));
        reader = new ProjectionReader(() -> consumer(config, "vigil-console-projections"), state);
        streamReader =
                new StreamReader(() -> consumer(config, "vigil-console-stream"), hub, streamAccess);
        Sessions sessions = new Sessions(config.sessionIdle(), config.sessionMaximum(), clock);
        audit = new AuditTrail(publisher, state, clock);
        guard = new Guard(sessions, state);
        AccountService accounts =
                new AccountService(
                        state,
                        publisher,
                        reader,
                        hasher,
                        SignInThrottle.standard(clock),
                        sessions,
                        audit,
                        clock);
        IncidentAccess access = new IncidentAccess(state);
        InfluxQuery influx =
                new InfluxQuery(
                        config.influxUrl(),
                        config.influxDatabase(),
                        config.influxUsername(),
                        config.influxPassword(),
                        timeout.compareTo(Duration.ofSeconds(5)) < 0
                                ? Duration.ofSeconds(5)
                                : timeout);
        auth = new AuthRoutes(accounts, sessions, guard, state, audit);
        incidents = new IncidentRoutes(state, guard, access, publisher, clock);
        sources = new SourceRoutes(state, guard, access, publisher, influx, clock);
        rules = new RuleRoutes(state, guard, publisher, new RulePreview(influx), clock);
        readings = new ReadingRoutes(influx, guard, access, clock);
        kpis = new KpiRoutes(state, influx, guard, clock);
        media = new MediaRoutes(config.mediaDir(), guard, access);
        stream = new StreamRoutes(hub, guard, streamAccess);
        agencies = new AgencyDirectory(config.agenciesFile(), state);
        reader.start();
        streamReader.start();
        boolean caughtUp = false;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            caughtUp = reader.awaitCaughtUp(Duration.ofSeconds(60));
            // Clients connect only after this, so none takes the stream's catch-up for live news.
            if (!streamReader.awaitCaughtUp(
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                LOG.warn("console stream not caught up with Kafka after 60 s: serving anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (caughtUp) {
            accounts.ensureAdmin(config.adminPassword());
        } else {
            // Without the whole account list, creating admin could overwrite a real one.
            LOG.warn(
                    "console projections not caught up with Kafka after 60 s: serving anyway,"
                            + " without checking for a first administrator");
        }
    }

    /** A consumer of its own for one reader: no group, nothing committed, read from the start. */
    private static Consumer<byte[], byte[]> consumer(ConsoleConfig config, String clientId) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        config.kafkaBootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        clientId,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000,
                        // Topics are created with their policies first.
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Adds the API's routes and rules to the server. */
    void register(Javalin app) {
        app.before("/api/*", ConsoleApi::requireJson);
        app.after("/api/*", this::auditAction);
        auth.register(app);
        incidents.register(app);
        app.get(
                "/api/agencies",
                ctx -> {
                    guard.require(ctx, Guard.ANYONE);
                    ctx.json(agencies.agencies());
                });
        sources.register(app);
        rules.register(app);
        readings.register(app);
        kpis.register(app);
        media.register(app);
        stream.register(app);
    }

    /**
     * Mutating requests must say {@code application/json} ({@code text/csv} for the import): a
     * cross-site form cannot, which with the SameSite cookie stops CSRF. DELETE carries no body and
     * cannot come from a form, so it needs none.
     */
    private static void requireJson(Context ctx) {
        HandlerType method = ctx.method();
        if (method != HandlerType.POST
                && method != HandlerType.PUT
                && method != HandlerType.PATCH) {
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean csv = ctx.path().equals("/api/sources/import");
        String wanted = csv ? "text/csv" : "application/json";
        if (!type.startsWith(wanted)) {
            throw ApiError.invalid("Content-Type", wanted + " is required");
        }
    }

    /**
     * Writes the outcome of every mutating request, and of every read refused to a signed-in user,
     * to the audit.
     */
    private void auditAction(Context ctx) {
        String action = Audited.action(ctx);
        boolean mutating = MUTATING.contains(ctx.method());
        int status = ctx.statusCode();
        // A signed-in user refused is worth recording; a page asking who is signed in is not.
        boolean refused = status == 403 || (mutating && status == 401);
        if (ctx.path().equals("/api/session") && ctx.method() == HandlerType.POST) {
            return; // AccountService audits sign-ins itself
        }
        if (!mutating && !refused) {
            return;
        }
        SignedInUser user = ctx.attribute(Guard.USER);
        Outcome outcome =
                status / 100 == 2
                        ? Outcome.SUCCESS
                        : refused || status == 429 ? Outcome.DENIED : Outcome.FAILED;
        audit.record(
                user == null ? null : user.username(),
                user == null ? null : user.role(),
                user == null ? null : user.agencyId(),
                action != null ? action : ctx.method() + " " + ctx.path(),
                Audited.target(ctx),
                outcome,
                outcome == Outcome.SUCCESS ? null : "HTTP " + status,
                ctx.ip());
    }

    @Override
    public void close() {
        stream.close();
        streamReader.close();
        reader.close();
        publisher.close();
    }
}
