package dev.vigil.console.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.console.ConsoleConfig;
import dev.vigil.console.ConsoleServer;
import dev.vigil.console.auth.PasswordHasher;
import dev.vigil.console.health.HealthProbe;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Json;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.IncidentEvent;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A measurement, not a check: how long a probe alert takes from its send to Kafka to a signed-in
 * stream client while {@code vigil.alerts} is flooded with alerts, each with two incident events
 * (as the latency benchmark's background sources raise them), and a second user reloads the
 * incident list twice a second. Runs only when asked, for example {@code mvn -o -pl console -am
 * verify -Dtest=NONE -Dit.test=StreamFloodIT -Dvigil.stream.flood=50000
 * -Dvigil.stream.flood.rate=5000 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StreamFloodIT {

    private static final String ADMIN_PASSWORD = "flood-admin-password";

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(Records.topics());

    /** Notes when each probe and how many flood alerts arrived, without parsing the rest. */
    static final class ProbeListener implements WebSocket.Listener {
        final Map<String, Long> probeArrivals = new ConcurrentHashMap<>();
        final AtomicLong alerts = new AtomicLong();
        final CountDownLatch hello = new CountDownLatch(1);
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                if (text.contains("\"kind\":\"hello\"")) {
                    hello.countDown();
                } else if (text.contains("\"kind\":\"alert\"")) {
                    alerts.incrementAndGet();
                    int at = text.indexOf("\"alertId\":\"probe-");
                    if (at >= 0) {
                        int from = at + "\"alertId\":\"".length();
                        probeArrivals.put(text.substring(from, text.indexOf('"', from)), now);
                    }
                }
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void probeAlertsReachAStreamClientWhileAlertsFlood() throws Exception {
        int flood = Integer.getInteger("vigil.stream.flood", 0);
        int rate = Integer.getInteger("vigil.stream.flood.rate", 5000);
        assumeTrue(flood > 0, "a measurement: run with -Dvigil.stream.flood=N");
        try (ConsoleServer console = start();
                KafkaProducer<String, byte[]> bulk = producer(5);
                KafkaProducer<String, byte[]> probes = producer(0)) {
            ApiClient admin = new ApiClient(console.port()).signIn("admin", ADMIN_PASSWORD);
            ApiClient reloader = new ApiClient(console.port()).signIn("admin", ADMIN_PASSWORD);
            ProbeListener listener = new ProbeListener();
            WebSocket socket = admin.webSocket("/api/stream", listener);
            listener.hello.await(30, TimeUnit.SECONDS);

            Instant t = Instant.now();
            Map<String, Long> probeSent = new ConcurrentHashMap<>();
            Map<String, Long> probeAcked = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            long floodStart = System.nanoTime();
            AtomicLong floodEnd = new AtomicLong();
            threads.add(
                    started(
                            () -> {
                                for (int i = 0; i < flood; i++) {
                                    publishFloodAlert(bulk, i, t);
                                    long due = floodStart + (long) ((i + 1) * 1e9 / rate);
                                    long wait = due - System.nanoTime();
                                    if (wait > 0) {
                                        sleepNanos(wait);
                                    }
                                }
                                bulk.flush();
                                floodEnd.set(System.nanoTime());
                            }));
            threads.add(
                    started(
                            () -> {
                                for (int i = 0; floodEnd.get() == 0; i++) {
                                    String id = "probe-" + i;
                                    probeSent.put(id, System.nanoTime());
                                    Alert probe =
                                            Records.alert(
                                                    id,
                                                    "P",
                                                    Alert.Type.THRESHOLD,
                                                    Alert.State.FIRING,
                                                    t);
                                    probes.send(
                                            new ProducerRecord<>(
                                                    Topics.ALERTS.name(),
                                                    Topics.ALERTS.keyOf(probe),
                                                    Json.toBytes(probe)),
                                            (metadata, error) ->
                                                    probeAcked.put(id, System.nanoTime()));
                                    sleepNanos(100_000_000);
                                }
                            }));
            threads.add(
                    started(
                            () -> {
                                while (floodEnd.get() == 0) {
                                    reloader.get("/api/incidents");
                                    sleepNanos(500_000_000);
                                }
                            }));
            for (Thread thread : threads) {
                thread.join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (listener.probeArrivals.size() < probeSent.size()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long drained = System.nanoTime();
            while (listener.alerts.get() < flood + probeSent.size()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
                drained = System.nanoTime();
            }
            List<Double> millis = new ArrayList<>();
            List<Double> afterAck = new ArrayList<>();
            probeSent.forEach(
                    (id, sent) -> {
                        Long arrived = listener.probeArrivals.get(id);
                        Long acked = probeAcked.get(id);
                        millis.add(arrived == null ? Double.NaN : (arrived - sent) / 1e6);
                        afterAck.add(
                                arrived == null || acked == null
                                        ? Double.NaN
                                        : Math.max(0, arrived - acked) / 1e6);
                    });
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            report(flood, rate, floodStart, floodEnd.get(), drained, listener);
            report("probe send -> client", millis);
            report("Kafka ack -> client (the console's share)", afterAck);
            // When in the flood the slow ones were: the worst probe of each second, in order.
            StringBuilder perSecond = new StringBuilder("STREAM FLOOD: worst per second (ms):");
            for (int second = 0; second * 10 < probeSent.size(); second++) {
                double worst = 0;
                for (int i = second * 10; i < Math.min(probeSent.size(), second * 10 + 10); i++) {
                    Long sent = probeSent.get("probe-" + i);
                    Long arrived = listener.probeArrivals.get("probe-" + i);
                    worst = arrived == null ? Double.NaN : Math.max(worst, (arrived - sent) / 1e6);
                }
                perSecond.append(' ').append(Math.round(worst));
            }
            System.out.println(perSecond);
        }
    }

    private static void report(
            int flood, int rate, long floodStart, long floodEnd, long drained, ProbeListener l) {
        System.out.printf(
                "STREAM FLOOD: %d alerts (+%d incident events) offered at %d/s, sent in %.1f s;"
                        + " client had %d alert messages %.1f s after the flood ended%n",
                flood,
                2L * flood,
                rate,
                (floodEnd - floodStart) / 1e9,
                l.alerts.get(),
                (drained - floodEnd) / 1e9);
    }

    private static void report(String what, List<Double> millis) {
        long lost = millis.stream().filter(m -> m.isNaN()).count();
        List<Double> sorted = new ArrayList<>(millis.stream().filter(m -> !m.isNaN()).toList());
        Collections.sort(sorted);
        System.out.printf(
                "STREAM FLOOD: %s, %d probes (%d not arrived): p50 %.1f ms, p90 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms%n",
                what,
                millis.size(),
                lost,
                percentile(sorted, 0.50),
                percentile(sorted, 0.90),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    private static void publishFloodAlert(
            KafkaProducer<String, byte[]> producer, int i, Instant t) {
        String alertId = "flood-" + i;
        String sourceId = "F" + (i % 500);
        send(
                producer,
                Topics.ALERTS,
                Records.alert(alertId, sourceId, Alert.Type.THRESHOLD, Alert.State.FIRING, t));
        String incidentId = sourceId + "-" + i;
        send(
                producer,
                Topics.INCIDENTS,
                Records.incident(
                        incidentId,
                        1,
                        IncidentEvent.Type.OPENED,
                        IncidentEvent.State.OPEN,
                        2,
                        sourceId,
                        List.of(alertId),
                        List.of(),
                        Actor.SYSTEM,
                        t,
                        "opened"));
        send(
                producer,
                Topics.INCIDENTS,
                Records.incident(
                        incidentId,
                        2,
                        IncidentEvent.Type.DISPATCHED,
                        IncidentEvent.State.DISPATCHED,
                        2,
                        sourceId,
                        List.of(alertId),
                        List.of("agency-" + (i % 7)),
                        Actor.SYSTEM,
                        t,
                        "dispatched"));
    }

    private static <V> void send(
            KafkaProducer<String, byte[]> producer, Topic<String, V> topic, V v) {
        producer.send(new ProducerRecord<>(topic.name(), topic.keyOf(v), Json.toBytes(v)));
    }

    private static KafkaProducer<String, byte[]> producer(int lingerMs) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        lingerMs),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ConsoleServer start() {
        return new ConsoleServer(
                        new ConsoleConfig(
                                "127.0.0.1",
                                0,
                                Duration.ofSeconds(2),
                                KAFKA.bootstrapServers(),
                                "",
                                "vigil",
                                null,
                                null,
                                null,
                                null,
                                ADMIN_PASSWORD,
                                null,
                                null),
                        new HealthProbe(List.of(), Duration.ofSeconds(1), Clock.systemUTC()),
                        new PasswordHasher(1024, 1, 1),
                        Clock.systemUTC())
                .start();
    }
}
