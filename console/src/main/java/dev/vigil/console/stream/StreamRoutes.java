package dev.vigil.console.stream;

import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.SignedInUser;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.io.IOException;
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
import org.eclipse.jetty.websocket.api.BatchMode;
import org.eclipse.jetty.websocket.api.CloseStatus;
import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/stream}: the WebSocket push of alerts, incidents, deliveries, sources and rules to
 * signed-in users, resumable with {@code ?after=CURSOR}, with a {@code ping} message every 20 s; a
 * connection whose session ended (sign-out, expiry, disabled account) is closed then. Each client
 * has its own queue drained by a shared pool, so a slow browser delays only itself.
 */
public final class StreamRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);

    /** How often a ping message is sent. */
    public static final Duration PING = Duration.ofSeconds(20);

    private final StreamHub hub;
    private final Guard guard;
    private final StreamAccess access;
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

    public StreamRoutes(StreamHub hub, Guard guard, StreamAccess access) {
        this.hub = hub;
        this.guard = guard;
        this.access = access;
        pings.scheduleAtFixedRate(
                this::pingOrClose, PING.toMillis(), PING.toMillis(), TimeUnit.MILLISECONDS);
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
                                Client client =
                                        new Client(ctx, ctx.cookie(Guard.COOKIE), user.get());
                                clients.put(ctx.sessionId(), client);
                                hub.subscribe(client, ctx.queryParam("after"));
                            });
                    ws.onClose(ctx -> disconnect(ctx.sessionId()));
                    ws.onError(ctx -> disconnect(ctx.sessionId()));
                });
    }

    /** Closes the connections whose session ended (signed out, expired), then pings the rest. */
    private void pingOrClose() {
        for (Client client : clients.values()) {
            if (!guard.stillSignedIn(client.token)) {
                disconnect(client.ctx.sessionId());
                client.ctx.closeSession(new CloseStatus(4401, "the session ended"));
            }
        }
        hub.ping();
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
        private final String token;
        private final SignedInUser user;
        private final Queue<String> queue = new ArrayDeque<>();
        private boolean draining;

        Client(WsContext ctx, String token, SignedInUser user) {
            this.ctx = ctx;
            this.token = token;
            this.user = user;
        }

        @Override
        public boolean sees(StreamEvent event) {
            return access.sees(user, event);
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

        /**
         * Sends what is queued in Jetty's batch mode, so a burst becomes a few large socket writes
         * instead of one write per message, and flushes when the queue is empty: a lone message
         * still leaves at once.
         */
        private void drain() {
            while (true) {
                String next;
                synchronized (queue) {
                    next = queue.poll();
                }
                if (next == null) {
                    write(null);
                    synchronized (queue) {
                        // Only now may another drain start: one thread writes to the socket.
                        if (queue.isEmpty()) {
                            draining = false;
                            return;
                        }
                    }
                    continue;
                }
                write(next);
            }
        }

        /** Sends one message into the batch, or flushes the batch when {@code message} is null. */
        private void write(String message) {
            try {
                if (!ctx.session.isOpen()) {
                    return;
                }
                RemoteEndpoint remote = ctx.session.getRemote();
                if (message == null) {
                    remote.flush();
                } else {
                    remote.setBatchMode(BatchMode.ON);
                    remote.sendString(message);
                }
            } catch (IOException | RuntimeException e) {
                LOG.info("stream client {} gone: {}", ctx.sessionId(), e.toString());
            }
        }
    }
}
