package dev.vigil.bench;

import dev.vigil.embedded.KafkaBroker;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.events.Topics;
import dev.vigil.events.report.Report;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.IngestService;
import dev.vigil.ingest.api.HttpApiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Simulated devices (the simulator's load mode, in a child JVM so each side has its own file
 * descriptors) to the gateway to Kafka: frames acknowledged by Kafka per second, counted as the
 * growth of {@code vigil.reports} in a steady window; then Kafka's own producer with the ingest
 * producer's settings at the same record size on the same embedded broker.
 *
 * <p>The steady window starts once the gateway has checked the password of every simulated device
 * (its {@code passwordChecks} counter) and {@value #SETTLE_SECONDS} s more have passed. Before, the
 * window opened a fixed 45 s after the first report, which on this 2-core machine fell into the
 * login storm: 10,000 first logins are 10,000 PBKDF2 checks on the gateway's one hashing thread
 * (111-164 s on the shared machine), during which most devices are not yet answered, time out and
 * resend. That storm happens once per gateway start (the gateway remembers accepted passwords
 * across reconnects), so it is reported on its own (login time) instead of being averaged into the
 * sustained rate. The wait for the first report is no longer capped at 60 s either: the simulator's
 * registration (10,000 hashes of its own) took 94 s on a loaded machine, and the window then fell
 * into the ramp.
 *
 * <p>Besides the rates, the CPU time each side used in its window is reported: this JVM's (broker
 * plus gateway, or broker plus raw producer) and the simulator child's. The raw producer runs
 * open-loop with both cores to itself, while the gateway's figure is bounded by the offered load
 * ({@code CONNECTIONS × SPEED} frames/s) and shares the cores with the simulator. CPU per record
 * for each side therefore compares the two at equal CPU, which the rate ratio cannot; the rate
 * ratio, which is how the target is stated, is still printed. With {@code -Dvigil.bench.speed} high
 * enough, the offered load exceeds what the gateway takes and the sustained rate is the gateway's
 * capacity on the cores it shares with the simulator.
 */
final class IngestBench {

    static final int PARTITIONS = 4; // vigil.yaml's kafka.partitions
    static final int CONNECTIONS = Integer.getInteger("vigil.bench.connections", 10_000);

    /**
     * The simulator's {@code --speed}: each logger samples once a simulated second, so {@code
     * SPEED} times a wall-clock second. Above 1 this offers more frames per second than this
     * machine's open-files limit allows as connections, enough to saturate the gateway; the
     * uploads' DataTimes then lie in the past, as a backlog's do.
     */
    static final int SPEED = Integer.getInteger("vigil.bench.speed", 1);

    static final int RAMP = 5_000;
    static final int FIRST_REPORT_TIMEOUT_SECONDS = 600;
    static final int LOGIN_TIMEOUT_SECONDS = 600;
    static final int SETTLE_SECONDS = 15;
    static final int WINDOW_SECONDS = 45;
    static final int RAW_SECONDS = 10;
    static final String RAW_TOPIC = "bench.raw";

    private IngestBench() {}

    static void run(Path repo, Bench.Table table) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-ingest");
        try (KafkaBroker broker = KafkaBroker.builder(dir.resolve("kafka")).build().start()) {
            List<TopicSpec> topics = new ArrayList<>(TopicSpec.allTopics(PARTITIONS));
            topics.add(TopicSpec.of(RAW_TOPIC, PARTITIONS));
            broker.createTopics(topics);
            String bootstrap = broker.bootstrapServers();
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                GatewayRun gateway;
                double recordBytes;
                try (IngestService ingest =
                        new IngestService(new IngestConfig("127.0.0.1", 0, 0, bootstrap))
                                .withHttpApi(
                                        HttpApiConfig.defaults().toBuilder()
                                                .mediaDir(dir.resolve("media"))
                                                .build())
                                .start()) {
                    gateway = gateway(repo, admin, bootstrap, ingest);
                    recordBytes = recordBytes(admin);
                }
                RawRun raw = raw(bootstrap, (int) Math.round(recordBytes), admin);
                table.add(
                        "ingest",
                        "offered: "
                                + CONNECTIONS
                                + " simulated devices x "
                                + SPEED
                                + " frame"
                                + (SPEED == 1 ? "" : "s")
                                + "/s",
                        (double) CONNECTIONS * SPEED,
                        "frames/s");
                table.add(
                        "ingest",
                        "first logins: all passwords checked, after the first report",
                        gateway.loginSeconds,
                        "s");
                table.add(
                        "ingest", "gateway -> Kafka (acked), sustained", gateway.rate, "frames/s");
                table.add("ingest", "record size (mean, vigil.reports)", recordBytes, "B");
                table.add(
                        "ingest", "raw KafkaProducer, same settings & size", raw.rate, "records/s");
                table.add("ingest", "ratio (target >= 80 %)", 100.0 * gateway.rate / raw.rate, "%");
                table.add(
                        "ingest",
                        "gateway run: this JVM's CPU (broker + gateway) per frame",
                        gateway.jvmCpuMicrosPerFrame(),
                        "us");
                table.add(
                        "ingest",
                        "gateway run: JIT compile time per frame (elapsed, >= its CPU)",
                        gateway.jitMillis() * 1e3 / gateway.frames(),
                        "us");
                table.add(
                        "ingest",
                        "gateway run: simulator's CPU per frame",
                        gateway.simulatorCpuMicrosPerFrame(),
                        "us");
                table.add(
                        "ingest",
                        "gateway run: this JVM's CPU",
                        gateway.jvmCores() * 100,
                        "% of a core");
                table.add(
                        "ingest",
                        "gateway run: simulator's CPU",
                        gateway.simulatorCores() * 100,
                        "% of a core");
                table.add(
                        "ingest",
                        "raw run: this JVM's CPU (broker + producer) per record",
                        raw.cpuMicrosPerRecord(),
                        "us");
                table.add("ingest", "raw run: this JVM's CPU", raw.cores() * 100, "% of a core");
                table.add(
                        "ingest",
                        "ratio at equal CPU (raw CPU/record / gateway CPU/frame)",
                        100.0 * raw.cpuMicrosPerRecord() / gateway.jvmCpuMicrosPerFrame(),
                        "%");
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What the gateway run measured in its steady window. */
    private record GatewayRun(
            double rate,
            double loginSeconds,
            long frames,
            double seconds,
            long jvmCpuNanos,
            long simulatorCpuNanos,
            long jitMillis) {

        double jvmCpuMicrosPerFrame() {
            return jvmCpuNanos / 1e3 / frames;
        }

        double simulatorCpuMicrosPerFrame() {
            return simulatorCpuNanos / 1e3 / frames;
        }

        double jvmCores() {
            return jvmCpuNanos / 1e9 / seconds;
        }

        double simulatorCores() {
            return simulatorCpuNanos / 1e9 / seconds;
        }
    }

    /** What the raw producer run measured. */
    private record RawRun(double rate, long records, double seconds, long cpuNanos) {

        double cpuMicrosPerRecord() {
            return cpuNanos / 1e3 / records;
        }

        double cores() {
            return cpuNanos / 1e9 / seconds;
        }
    }

    /**
     * Runs the simulator against the gateway until every device has logged in and a steady window
     * has been measured, then stops it.
     */
    private static GatewayRun gateway(
            Path repo, Admin admin, String bootstrap, IngestService ingest) throws Exception {
        Process sim =
                Simulator.start(
                        repo,
                        "2g",
                        List.of(
                                "--gateway",
                                "127.0.0.1:" + ingest.hj212Port(),
                                "--kafka",
                                bootstrap,
                                "--connections",
                                Integer.toString(CONNECTIONS),
                                "--interval",
                                "1s",
                                "--speed",
                                Integer.toString(SPEED),
                                "--ramp",
                                Integer.toString(RAMP),
                                "--duration",
                                (LOGIN_TIMEOUT_SECONDS + SETTLE_SECONDS + WINDOW_SECONDS + 60)
                                        + "s",
                                "--stats-every",
                                "5s"));
        try {
            // Registration (the simulator hashes every password too) comes before any traffic.
            long first = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRST_REPORT_TIMEOUT_SECONDS);
            while (stored(admin, Topics.REPORTS.name()) == 0) {
                if (System.nanoTime() > first || !sim.isAlive()) {
                    throw new IllegalStateException("no report reached Kafka");
                }
                Thread.sleep(200);
            }
            long firstReport = System.nanoTime();
            long loginDeadline = firstReport + TimeUnit.SECONDS.toNanos(LOGIN_TIMEOUT_SECONDS);
            while (ingest.hj212Metrics().passwordChecks() < CONNECTIONS
                    && System.nanoTime() < loginDeadline) {
                Thread.sleep(200);
            }
            double loginSeconds = (System.nanoTime() - firstReport) / 1e9;
            System.out.printf(
                    "ingest: %,d passwords checked %.1f s after the first report%n",
                    ingest.hj212Metrics().passwordChecks(), loginSeconds);
            Thread.sleep(TimeUnit.SECONDS.toMillis(SETTLE_SECONDS));
            long simCpu0 = cpuNanos(sim);
            long jvmCpu0 = JvmClock.cpuNanos();
            long jit0 = JvmClock.jitMillis();
            long from = stored(admin, Topics.REPORTS.name());
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(WINDOW_SECONDS));
            long to = stored(admin, Topics.REPORTS.name());
            double seconds = (System.nanoTime() - start) / 1e9;
            long jvmCpu = JvmClock.cpuNanos() - jvmCpu0;
            long simCpu = cpuNanos(sim) - simCpu0;
            return new GatewayRun(
                    (to - from) / seconds,
                    loginSeconds,
                    to - from,
                    seconds,
                    jvmCpu,
                    simCpu,
                    JvmClock.jitMillis() - jit0);
        } finally {
            sim.destroy();
            sim.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** CPU time a child process used so far, or 0 if the platform does not tell. */
    private static long cpuNanos(Process process) {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(java.time.Duration::toNanos)
                .orElse(0L);
    }

    /** Records on all partitions of a topic (end offsets; no compaction on it). */
    static long stored(Admin admin, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    /** Mean serialized size of the reports the gateway stored (key + value, uncompressed). */
    private static double recordBytes(Admin admin) {
        // The reports are those of the simulator's logger; serialize equivalent reports here.
        DecodePipeline pipeline = new DecodePipeline(Frames.generate2017(1_000, 7));
        long bytes = 0;
        int n = 0;
        for (int i = 0; i < 1_000; i++) {
            if (pipeline.next() instanceof Report report) {
                bytes +=
                        Topics.REPORTS.keyOf(report).length()
                                + Topics.REPORTS
                                        .valueSerde()
                                        .serializer()
                                        .serialize(Topics.REPORTS.name(), report)
                                        .length;
                n++;
            }
        }
        return (double) bytes / n;
    }

    /** Kafka's own producer, the ingest producer's settings, records of the given size. */
    private static RawRun raw(String bootstrap, int size, Admin admin) throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-bench-raw");
        byte[][] values = new byte[1024][];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < values.length; i++) {
            // JSON-like text, so lz4 compresses about as it does reports.
            StringBuilder text = new StringBuilder(size);
            while (text.length() < size) {
                text.append("{\"code\":\"a0101").append(random.nextInt(10)).append("\",\"rtd\":");
                text.append(random.nextInt(100_000) / 1000.0).append('}');
            }
            values[i] = text.substring(0, size - 14).getBytes();
        }
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            long end = warmEnd + TimeUnit.SECONDS.toNanos(RAW_SECONDS);
            long countedFrom = -1;
            long startNanos = 0;
            long cpuFrom = 0;
            for (long i = 0; ; i++) {
                long now = (i & 255) == 0 ? System.nanoTime() : 0;
                if (now != 0 && countedFrom < 0 && now >= warmEnd) {
                    countedFrom = acked.get();
                    startNanos = now;
                    cpuFrom = JvmClock.cpuNanos();
                }
                if (now != 0 && now >= end) {
                    break;
                }
                String key = String.format("88888880%06d", i % 10_000);
                producer.send(
                        new ProducerRecord<>(RAW_TOPIC, key, values[(int) (i & 1023)]),
                        (metadata, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            long counted = acked.get() - countedFrom;
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long cpu = JvmClock.cpuNanos() - cpuFrom;
            if (failure.get() != null) {
                throw failure.get();
            }
            return new RawRun(counted / seconds, counted, seconds, cpu);
        }
    }
}
