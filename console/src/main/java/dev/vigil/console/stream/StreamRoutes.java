package dev.vigil.console.stream;

import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.incident.IncidentAccess;
import dev.vigil.events.delivery.Delivery;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.CloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/stream}: the WebSocket push of alerts, incidents, deliveries, sources and rules to
 * signed-in users, resumable with {@code ?after=CURSOR}, with a {@code ping} message every 20 s.
 * Each client has its own queue drained by a shared pool, so a slow browser delays only itself.
 */
public final class StreamRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);

    /** How often a ping message is sent. */
    public static final Duration PING = Duration.ofSeconds(20);

    private final StreamHub hub;
    private final Guard guard;
    private final IncidentAccess access;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final ExecutorService senders =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "console-stream-send");
                        t.setDaemon(true);
                        return t;
                    });
    private final ScheduledExecutorService pings =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "console-stream-ping");
                        t.setDaemon(true);
                        return t;
                    });

    public StreamRoutes(StreamHub hub, Guard guard, IncidentAccess access) {
        this.hub = hub;
        this.guard = guard;
        this.access = access;
        pings.scheduleAtFixedRate(
                hub::ping, PING.toMillis(), PING.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds the route. */
    public void register(Javalin app) {
        app.wsBeforeUpgrade("/api/stream", guard::user);
        app.ws(
                "/api/stream",
                ws -> {
                    ws.onConnect(
                            ctx -> {
                                Optional<SignedInUser> user = guard.find(ctx.cookie(Guard.COOKIE));
                                if (user.isEmpty()) {
                                    ctx.closeSession(new CloseStatus(4401, "sign in first"));
                                    return;
                                }
                                ctx.session.setIdleTimeout(PING.multipliedBy(3));
                                Client client = new Client(ctx, user.get());
                                clients.put(ctx.sessionId(), client);
                                hub.subscribe(client, ctx.queryParam("after"));
                            });
                    ws.onClose(ctx -> disconnect(ctx.sessionId()));
                    ws.onError(ctx -> disconnect(ctx.sessionId()));
                });
    }

    private void disconnect(String sessionId) {
        Client client = clients.remove(sessionId);
        if (client != null) {
            hub.unsubscribe(client);
        }
    }

    @Override
    public void close() {
        pings.shutdownNow();
        senders.shutdownNow();
    }

    /** One browser: what it may see, and its queue of messages sent one at a time in order. */
    private final class Client implements StreamHub.Client {
        private final WsContext ctx;
        private final SignedInUser user;
        private final Queue<String> queue = new ArrayDeque<>();
        private boolean draining;

        Client(WsContext ctx, SignedInUser user) {
            this.ctx = ctx;
            this.user = user;
        }

        @Override
        public boolean sees(StreamEvent event) {
            if (user.staff()) {
                return true;
            }
            return switch (event.kind()) {
                case "incident" -> access.seesIncident(user, event.incidentId());
                case "delivery" ->
                        ((Delivery) event.record()).agencyId().equals(user.agencyId())
                                && access.seesIncident(user, event.incidentId());
                case "alert" ->
                        access.seesAlert(
                                user, ((dev.vigil.events.alert.Alert) event.record()).alertId());
                default -> false;
            };
        }

        @Override
        public void send(String message) {
            synchronized (queue) {
                queue.add(message);
                if (draining) {
                    return;
                }
                draining = true;
            }
            senders.execute(this::drain);
        }

        private void drain() {
            while (true) {
                String next;
                synchronized (queue) {
                    next = queue.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    if (ctx.session.isOpen()) {
                        ctx.send(next);
                    }
                } catch (RuntimeException e) {
                    LOG.info("stream client {} gone: {}", ctx.sessionId(), e.toString());
                }
            }
        }
    }
}
