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
 */
final class IngestBench {

    static final int PARTITIONS = 4; // vigil.yaml's kafka.partitions
    static final int CONNECTIONS = Integer.getInteger("vigil.bench.connections", 10_000);
    static final int RAMP = 5_000;
    static final int RUN_SECONDS = 100;
    static final int WINDOW_FROM = 45;
    static final int WINDOW_TO = 90;
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
                double gateway;
                double recordBytes;
                try (IngestService ingest =
                        new IngestService(new IngestConfig("127.0.0.1", 0, 0, bootstrap))
                                .withHttpApi(
                                        HttpApiConfig.defaults().toBuilder()
                                                .mediaDir(dir.resolve("media"))
                                                .build())
                                .start()) {
                    gateway = gateway(repo, admin, bootstrap, ingest.hj212Port());
                    recordBytes = recordBytes(admin);
                }
                double raw = raw(bootstrap, (int) Math.round(recordBytes), admin);
                table.add(
                        "ingest",
                        "offered: " + CONNECTIONS + " simulated devices x 1 frame/s",
                        CONNECTIONS,
                        "frames/s");
                table.add("ingest", "gateway -> Kafka (acked), sustained", gateway, "frames/s");
                table.add("ingest", "record size (mean, vigil.reports)", recordBytes, "B");
                table.add("ingest", "raw KafkaProducer, same settings & size", raw, "records/s");
                table.add("ingest", "ratio (target >= 80 %)", 100.0 * gateway / raw, "%");
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs the simulator against the gateway; returns reports stored per second in the window. */
    private static double gateway(Path repo, Admin admin, String bootstrap, int port)
            throws Exception {
        Process sim =
                Simulator.start(
                        repo,
                        "2g",
                        List.of(
                                "--gateway",
                                "127.0.0.1:" + port,
                                "--kafka",
                                bootstrap,
                                "--connections",
                                Integer.toString(CONNECTIONS),
                                "--interval",
                                "1s",
                                "--ramp",
                                Integer.toString(RAMP),
                                "--duration",
                                RUN_SECONDS + "s",
                                "--stats-every",
                                "5s"));
        try {
            // Registration takes a moment before the clock of the run starts; wait for traffic.
            long first = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stored(admin, Topics.REPORTS.name()) == 0 && System.nanoTime() < first) {
                Thread.sleep(200);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(WINDOW_FROM));
            long from = stored(admin, Topics.REPORTS.name());
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(WINDOW_TO - WINDOW_FROM));
            long to = stored(admin, Topics.REPORTS.name());
            double seconds = (System.nanoTime() - start) / 1e9;
            sim.waitFor(RUN_SECONDS + 30, TimeUnit.SECONDS);
            return (to - from) / seconds;
        } finally {
            sim.destroy();
            sim.waitFor(10, TimeUnit.SECONDS);
        }
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
    private static double raw(String bootstrap, int size, Admin admin) throws Exception {
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
            for (long i = 0; ; i++) {
                long now = (i & 255) == 0 ? System.nanoTime() : 0;
                if (now != 0 && countedFrom < 0 && now >= warmEnd) {
                    countedFrom = acked.get();
                    startNanos = now;
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
            if (failure.get() != null) {
                throw failure.get();
            }
            return counted / seconds;
        }
    }
}
