package dev.vigil.bench;

import dev.vigil.embedded.KafkaBroker;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.events.Topics;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.IngestService;
import dev.vigil.ingest.api.HttpApiConfig;
import dev.vigil.ingest.hj212.gateway.GatewayMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How many concurrent HJ 212 connections one gateway holds, each logger sending a frame every 30 s,
 * and what each costs: heap (used after a full GC) and resident memory of the gateway's JVM, before
 * the loggers connect and once they all are connected and have each sent frames. The simulator runs
 * in a child JVM, so each side has its own file descriptors; the gateway's JVM also holds the
 * embedded Kafka broker, which is in the baseline.
 *
 * <p>The figure per connection projects the target: baseline + 100,000 x per connection.
 */
final class ConnectionsBench {

    static final int CONNECTIONS = Integer.getInteger("vigil.bench.connections.count", 18_000);
    static final int RAMP = Integer.getInteger("vigil.bench.connections.ramp", 400);
    static final int HOLD_SECONDS = 75;

    private ConnectionsBench() {}

    static void run(Path repo, Bench.Table table) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-connections");
        try (KafkaBroker broker = KafkaBroker.builder(dir.resolve("kafka")).build().start()) {
            List<TopicSpec> topics = new ArrayList<>();
            for (var t : Topics.all()) {
                topics.add(
                        t.compacted()
                                ? TopicSpec.compacted(t.name(), IngestBench.PARTITIONS)
                                : TopicSpec.of(t.name(), IngestBench.PARTITIONS));
            }
            broker.createTopics(topics);
            String bootstrap = broker.bootstrapServers();
            try (IngestService ingest =
                    new IngestService(new IngestConfig("127.0.0.1", 0, 0, bootstrap))
                            .withHttpApi(
                                    HttpApiConfig.defaults().toBuilder()
                                            .mediaDir(dir.resolve("media"))
                                            .build())
                            .start()) {
                GatewayMetrics metrics = ingest.hj212Metrics();
                long heap0 = heapAfterGc();
                long rss0 = rss();
                Process sim = simulator(repo, bootstrap, ingest.hj212Port());
                try {
                    long held = hold(metrics, sim);
                    long frames0 = metrics.framesAccepted();
                    Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                    long frames = metrics.framesAccepted() - frames0;
                    long heap = heapAfterGc();
                    long rss = rss();
                    held = Math.min(held, metrics.connectionsOpen());
                    double heapPer = (double) (heap - heap0) / held;
                    double rssPer = (double) (rss - rss0) / held;
                    table.add(
                            "connections",
                            "offered (simulator, 1 frame / 30 s each)",
                            CONNECTIONS,
                            "connections");
                    table.add("connections", "held open by the gateway", held, "connections");
                    table.add(
                            "connections", "frames accepted in 30 s while held", frames, "frames");
                    table.add(
                            "connections",
                            "baseline heap (gateway + broker, after GC)",
                            heap0 / 1024.0 / 1024,
                            "MiB");
                    table.add("connections", "baseline RSS", rss0 / 1024.0 / 1024, "MiB");
                    table.add("connections", "heap per connection (after GC)", heapPer, "B");
                    table.add("connections", "RSS per connection", rssPer, "B");
                    double projected = rss0 + 100_000 * Math.max(rssPer, heapPer);
                    table.add(
                            "connections",
                            "projected RSS at 100,000 (target <= 2 GiB)",
                            projected / 1024 / 1024,
                            "MiB");
                } finally {
                    sim.destroy();
                    sim.waitFor(20, TimeUnit.SECONDS);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Waits until the open connections stop growing (or all are open); returns how many. */
    private static long hold(GatewayMetrics metrics, Process sim) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        long best = 0;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && sim.isAlive()) {
            long open = metrics.connectionsOpen();
            if (open > best) {
                best = open;
                stableSince = System.nanoTime();
            }
            if (open >= CONNECTIONS
                    || (best > 0
                            && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(30))) {
                break;
            }
            Thread.sleep(500);
        }
        return best;
    }

    private static Process simulator(Path repo, String bootstrap, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.vigil.deploy.simulate.Simulate");
        command.addAll(
                List.of(
                        "--repo",
                        repo.toString(),
                        "--gateway",
                        "127.0.0.1:" + port,
                        "--kafka",
                        bootstrap,
                        "--connections",
                        Integer.toString(CONNECTIONS),
                        "--interval",
                        "30s",
                        "--ramp",
                        Integer.toString(RAMP),
                        "--duration",
                        "15m",
                        "--stats-every",
                        "15s"));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** This process's resident set size, from /proc (Linux). */
    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
