package dev.vigil.bench;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.Source;
import dev.vigil.ingest.hj212.Hj212Encoder;
import dev.vigil.ingest.hj212.Hj212Time;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A probe data logger: one HJ 212-2017 connection sending a real-time upload every second whose SO2
 * value alternates above and below its own threshold rule (immediate persistence), so every upload
 * above raises a FIRING alert and every one below resolves it. It keeps the time each frame was
 * written on the socket, the time its 9014 answer arrived, and matches the alerts a console client
 * sees back to the frame that caused them.
 */
final class ProbeLogger implements AutoCloseable {

    static final String SOURCE_ID = "bench-probe";
    static final String MN = "BENCHPROBE00000000000001";
    static final String PASSWORD = "probe-123456";
    static final String CODE = "a21026";
    static final String RULE_ID = "bench-probe-so2";
    static final double THRESHOLD = 100;
    static final double HIGH = 150;
    static final double LOW = 20;

    /** One probe upload: when it was written, whether it was above the threshold. */
    record Sent(long nanos, boolean high, Instant dataTime) {}

    /** Probe uploads by DataTime (whole seconds). */
    private final ConcurrentSkipListMap<Instant, Sent> uploads = new ConcurrentSkipListMap<>();

    private final ConcurrentLinkedDeque<Long> unanswered = new ConcurrentLinkedDeque<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "bench-probe");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicLong sent = new AtomicLong();
    private Socket socket;
    private OutputStream out;

    /** Gateway answer (9014) latency per upload: written → answer read. */
    final Latencies answers = new Latencies();

    /** The probe's alerts as the console's WebSocket client receives them. */
    final Stage console = new Stage();

    /** The probe's alerts as a plain Kafka consumer of vigil.alerts receives them. */
    final Stage kafka = new Stage();

    /** Registers the probe source and its rule in vigil.sources and vigil.rules. */
    static void register(String kafka, Instant now) throws Exception {
        Source source =
                new Source(
                        SOURCE_ID,
                        "Benchmark probe",
                        "Vigil bench",
                        Source.Kind.AIR,
                        new Place(null, new GeoPoint(30.5, 120.5), "bench", null),
                        List.of("bench-probe"),
                        List.of(new Outlet("DA001", "stack", Outlet.Kind.FLUE_GAS)),
                        List.of(
                                new Device(
                                        MN,
                                        "DA001",
                                        ProtocolVersion.HJ212_2017,
                                        Device.hashPassword(MN, PASSWORD),
                                        Duration.ofSeconds(1),
                                        Duration.ofMinutes(10))),
                        List.of(),
                        List.of(),
                        List.of(),
                        false,
                        1,
                        now);
        ThresholdRule rule =
                new ThresholdRule(
                        RULE_ID,
                        1,
                        "bench probe SO2",
                        new RuleScope(SOURCE_ID, null, CODE, null),
                        DataKind.REALTIME,
                        ThresholdRule.Comparison.ABOVE,
                        List.of(new RuleLevel(Severity.ALARM, THRESHOLD, RuleLevel.Mode.ABSOLUTE)),
                        Persistence.IMMEDIATE,
                        0.9,
                        true,
                        "bench",
                        now,
                        false);
        Registry.publish(kafka, List.of(source), List.of(rule));
    }

    /** Connects to the gateway and sends one upload a second, alternating high and low. */
    ProbeLogger start(int gatewayPort) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", gatewayPort), 5_000);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readAnswers, "bench-probe-answers");
        reader.setDaemon(true);
        reader.start();
        timer.scheduleAtFixedRate(this::send, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    private void send() {
        try {
            Instant now = Instant.now();
            Instant dataTime = Instant.ofEpochSecond(now.getEpochSecond());
            boolean high = (sent.getAndIncrement() & 1) == 0;
            String data =
                    "QN="
                            + Hj212Time.formatMillis(now)
                            + ";ST=22;CN=2011;PW="
                            + PASSWORD
                            + ";MN="
                            + MN
                            + ";Flag=5;CP=&&DataTime="
                            + Hj212Time.formatSeconds(dataTime)
                            + ";"
                            + CODE
                            + "-Rtd="
                            + (high ? HIGH : LOW)
                            + ","
                            + CODE
                            + "-Flag=N&&";
            byte[] frame = Hj212Encoder.encode(data);
            out.write(frame);
            out.flush();
            long written = System.nanoTime();
            unanswered.add(written);
            uploads.put(dataTime, new Sent(written, high, dataTime));
        } catch (IOException e) {
            System.err.println("bench probe: send failed: " + e);
        }
    }

    private void readAnswers() {
        byte[] buffer = new byte[4096];
        try (InputStream in = socket.getInputStream()) {
            int previous = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (previous == '\r' && buffer[i] == '\n') {
                        Long written = unanswered.poll();
                        if (written != null) {
                            answers.add(written, now - written);
                        }
                    }
                    previous = buffer[i];
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /**
     * Where the probe's alerts are seen (the console client, or a plain consumer of vigil.alerts)
     * and the latencies measured there; each matches an alert of the probe's rule seen at {@code
     * receivedNanos} to its upload: a FIRING one to the high upload with its DataTime, a RESOLVED
     * one to the first low upload at or after its event time.
     */
    final class Stage {
        private final Set<Instant> claimed = ConcurrentHashMap.newKeySet();
        private final AtomicLong unmatched = new AtomicLong();

        /** Frame written → FIRING alert received here. */
        final Latencies firing = new Latencies();

        /** Frame written → RESOLVED alert received here. */
        final Latencies resolved = new Latencies();

        void onAlert(Alert alert, long receivedNanos) {
            if (!SOURCE_ID.equals(alert.sourceId()) || !RULE_ID.equals(alert.ruleId())) {
                return;
            }
            boolean high = alert.state() == Alert.State.FIRING;
            Instant from =
                    alert.eventTime() == null
                            ? Instant.EPOCH
                            : Instant.ofEpochSecond(alert.eventTime().getEpochSecond());
            for (Sent s : uploads.tailMap(from, true).values()) {
                if (s.high() == high && s.nanos() <= receivedNanos && claimed.add(s.dataTime())) {
                    (high ? firing : resolved).add(s.nanos(), receivedNanos - s.nanos());
                    return;
                }
            }
            unmatched.incrementAndGet();
        }

        long unmatched() {
            return unmatched.get();
        }

        /** High uploads sent in [from, to) for which no FIRING alert was seen here. */
        long missedFiring(long fromNanos, long toNanos) {
            return uploads.values().stream()
                    .filter(s -> s.high() && s.nanos() >= fromNanos && s.nanos() < toNanos)
                    .filter(s -> !claimed.contains(s.dataTime()))
                    .count();
        }
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        if (socket != null) {
            socket.close();
        }
    }
}
