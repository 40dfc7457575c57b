package dev.vigil.bench;

import dev.vigil.embedded.KafkaBroker;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.IngestService;
import dev.vigil.ingest.api.HttpApiConfig;
import dev.vigil.ingest.hj212.gateway.GatewayMetrics;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Resident memory is split into the Java heap (committed, from the memory MXBean) and the rest
 * ("native": RSS minus committed heap: thread stacks, metaspace, code, GC structures, direct
 * buffers, malloc). RSS alone says little about a connection: G1 commits an initial heap of 1/64 of
 * the machine's RAM and the first load touches it, so RSS grows by the same few hundred MiB whether
 * 6,000 or 18,000 loggers connect. Run with a fixed heap and {@code -XX:+AlwaysPreTouch} (the
 * settings docs/benchmarks.md recommends for a gateway process) so the committed heap is resident
 * from the start and RSS minus heap is exactly the native part. The projection is a gateway process
 * with a heap sized to the live set at 100,000 connections with 50 % headroom, plus native baseline
 * + 100,000 x native per connection.
 */
final class ConnectionsBench {

    static final int CONNECTIONS = Integer.getInteger("vigil.bench.connections.count", 18_000);
    static final int RAMP = Integer.getInteger("vigil.bench.connections.ramp", 400);
    static final int HOLD_SECONDS = 75;

    private ConnectionsBench() {}

    static void run(Path repo, Bench.Table table) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-connections");
        try (KafkaBroker broker = KafkaBroker.builder(dir.resolve("kafka")).build().start()) {
            broker.createTopics(TopicSpec.allTopics(IngestBench.PARTITIONS));
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
                long committed0 = heapCommitted();
                long rss0 = rss();
                long direct0 = directUsed();
                Process sim = simulator(repo, bootstrap, ingest.hj212Port());
                try {
                    long held = hold(metrics, sim);
                    long frames0 = metrics.framesAccepted();
                    Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                    long frames = metrics.framesAccepted() - frames0;
                    long heap = heapAfterGc();
                    long committed = heapCommitted();
                    long rss = rss();
                    long direct = directUsed();
                    held = Math.min(held, metrics.connectionsOpen());
                    if (held == 0) {
                        table.note(
                                "connections",
                                "held open by the gateway",
                                "none (the simulator failed; see its output)");
                        return;
                    }
                    double heapPer = (double) (heap - heap0) / held;
                    double rssPer = (double) (rss - rss0) / held;
                    long native0 = rss0 - committed0;
                    double nativePer = (double) ((rss - committed) - native0) / held;
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
                    table.note(
                            "connections",
                            "committed heap before / held",
                            mib(committed0) + " / " + mib(committed) + " MiB");
                    table.note(
                            "connections",
                            "native (RSS - committed heap) before / held",
                            mib(native0) + " / " + mib(rss - committed) + " MiB");
                    table.note(
                            "connections",
                            "direct buffers in use before / held",
                            kib(direct0) + " / " + kib(direct) + " KiB");
                    table.add("connections", "heap per connection (after GC)", heapPer, "B");
                    table.add("connections", "RSS per connection (raw)", rssPer, "B");
                    table.add("connections", "native per connection", nativePer, "B");
                    double live100k = heap0 + 100_000 * heapPer;
                    double heapCap = live100k * 1.5;
                    table.add(
                            "connections",
                            "live heap at 100,000 (baseline + 100,000 x heap per connection)",
                            live100k / 1024 / 1024,
                            "MiB");
                    double projected = heapCap + native0 + 100_000 * Math.max(0, nativePer);
                    table.add(
                            "connections",
                            "projected RSS at 100,000: 1.5 x live heap + native (target <= 2 GiB)",
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
        return Simulator.start(
                repo,
                "1g",
                List.of(
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
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapCommitted() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /** Direct memory in use: the JDK's direct buffer pool plus Netty's own (no-cleaner) buffers. */
    private static long directUsed() {
        long used = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                used += pool.getMemoryUsed();
            }
        }
        long netty = io.netty.util.internal.PlatformDependent.usedDirectMemory();
        return used + Math.max(0, netty);
    }

    private static String mib(long bytes) {
        return String.format("%,.0f", bytes / 1024.0 / 1024);
    }

    private static String kib(long bytes) {
        return String.format("%,.0f", bytes / 1024.0);
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
