package dev.vigil.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.console.health.HealthProbe;
import dev.vigil.console.health.HealthReport;
import dev.vigil.events.Json;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;

/** The console's HTTP server: the JSON API under {@code /api} and the browser UI at {@code /}. */
public final class ConsoleServer implements AutoCloseable {
    private final ConsoleConfig config;
    private final HealthProbe health;
    private Javalin app;

    public ConsoleServer(ConsoleConfig config, HealthProbe health) {
        this.config = config;
        this.health = health;
    }

    /** Starts listening; returns once the port is bound. */
    public ConsoleServer start() {
        ObjectMapper mapper = Json.mapper();
        app =
                Javalin.create(
                        cfg -> {
                            cfg.showJavalinBanner = false;
                            cfg.jsonMapper(new JavalinJackson(mapper, false));
                            cfg.staticFiles.add("/public", Location.CLASSPATH);
                            cfg.staticFiles.enableWebjars();
                        });
        app.get(
                "/api/health",
                ctx -> {
                    HealthReport report = health.check();
                    ctx.status(report.isUp() ? 200 : 503).json(report);
                });
        app.exception(
                Exception.class,
                (e, ctx) ->
                        ctx.status(500)
                                .json(
                                        Map.of(
                                                "error",
                                                "internal",
                                                "detail",
                                                String.valueOf(e.getMessage()))));
        app.error(
                404,
                ctx -> {
                    if (ctx.path().startsWith("/api/")) {
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
        health.close();
    }
}
