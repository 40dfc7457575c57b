package dev.vigil.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.console.api.ApiError;
import dev.vigil.console.auth.PasswordHasher;
import dev.vigil.console.health.HealthProbe;
import dev.vigil.console.health.HealthReport;
import dev.vigil.events.Json;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's HTTP server: the JSON API under {@code /api} and the browser UI at {@code /}. */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private static final String ANSWERED = "vigil.answered";

    private final ConsoleConfig config;
    private final HealthProbe health;
    private final PasswordHasher hasher;
    private final Clock clock;
    private ConsoleApi api;
    private Javalin app;

    public ConsoleServer(ConsoleConfig config, HealthProbe health) {
        this(config, health, new PasswordHasher(), Clock.systemUTC());
    }

    /** A server with its own password hasher and clock (tests use cheap hashes). */
    public ConsoleServer(
            ConsoleConfig config, HealthProbe health, PasswordHasher hasher, Clock clock) {
        this.config = config;
        this.health = health;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Starts listening; returns once the port is bound and, when Kafka is configured, once the
     * projections have read what Kafka held.
     */
    public ConsoleServer start() {
        ObjectMapper mapper = Json.mapper();
        if (config.servesApi()) {
            api = new ConsoleApi(config, hasher, clock);
        }
        app =
                Javalin.create(
                        cfg -> {
                            cfg.showJavalinBanner = false;
                            cfg.jsonMapper(new JavalinJackson(mapper, false));
                            cfg.staticFiles.add("/public", Location.CLASSPATH);
                            // Browser libraries come as WebJars; Jetty refuses a missing folder.
                            if (ConsoleServer.class
                                            .getClassLoader()
                                            .getResource("META-INF/resources/webjars")
                                    != null) {
                                cfg.staticFiles.enableWebjars();
                            }
                        });
        app.get(
                "/api/health",
                ctx -> {
                    HealthReport report = health.check();
                    ctx.status(report.isUp() ? 200 : 503).json(report);
                });
        if (api != null) {
            api.register(app);
        }
        app.exception(
                ApiError.class,
                (e, ctx) -> {
                    if (e.retryAfterSeconds() != null) {
                        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                    }
                    ctx.attribute(ANSWERED, true);
                    ctx.status(e.status()).json(e.body());
                });
        app.exception(
                Exception.class,
                (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500)
                            .json(
                                    Map.of(
                                            "error",
                                            "internal",
                                            "detail",
                                            String.valueOf(e.getMessage())));
                });
        app.error(
                404,
                ctx -> {
                    if (ctx.path().startsWith("/api/") && ctx.attribute(ANSWERED) == null) {
                        ctx.json(
                                Map.of(
                                        "error",
                                        "not-found",
                                        "detail",
                                        "no such endpoint: " + ctx.path()));
                    }
                });
        app.start(config.bindAddress(), config.port());
        return this;
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        if (api != null) {
            api.close();
        }
        health.close();
    }
}
