package dev.vigil.bench;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.Topics;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.DetectionJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A reconnect storm on the whole system ({@link StackRun}): N registered loggers connect at once,
 * each uploading its backlog of H hours of minute (CN 2051) and hourly (CN 2061) data one upload at
 * a time, each answered with 9014 once it is in Kafka ({@link BacklogDriver}). Measured: the time
 * until the last backlog upload is answered (drained into Kafka), the time until the detection job
 * has committed everything in vigil.reports (its offsets move on checkpoints, so this is accurate
 * to the checkpoint interval), and the probe logger's real-time latency to the console meanwhile.
 */
final class BurstBench {

    static final int DEVICES = Integer.getInteger("vigil.bench.burst.devices", 2_000);
    static final int HOURS = Integer.getInteger("vigil.bench.burst.hours", 24);
    static final int MINUTE_INTERVAL =
            Integer.getInteger("vigil.bench.burst.minute-interval-minutes", 10);
    static final int TIMEOUT_SECONDS = Integer.getInteger("vigil.bench.burst.timeout-seconds", 360);
    static final String GROUP = "bench-burst";
    static final String[] CODES = {"a21026", "a21002", "a34013"};
    static final double[] LIMITS = {100, 150, 20};

    private BurstBench() {}

    static void run(Path repo, Bench.Table table) throws Exception {
        try (StackRun run = StackRun.start()) {
            run.awaitProbeAlerts(3, 120);
            long hashing = System.nanoTime();
            register(run.stack.bootstrapServers(), Instant.now());
            System.out.printf(
                    "burst: registered %,d sources in %.0f s%n",
                    DEVICES, (System.nanoTime() - hashing) / 1e9);
            Thread.sleep(5_000);
            LatencyBench.measure(run, table, "burst", "probe before the burst (idle)", 20);

            BacklogDriver driver =
                    new BacklogDriver(
                            run.stack.hj212Port(), DEVICES, HOURS, MINUTE_INTERVAL, CODES, LIMITS);
            String loadBefore = Simulator.loadAverage();
            long reports0 = run.stored(Topics.REPORTS.name());
            long alerts0 = run.stored(Topics.ALERTS.name());
            long incidents0 = run.stored(Topics.INCIDENTS.name());
            long seen0 = run.watch.alerts();
            long start = System.nanoTime();
            driver.start();
            long deadline = start + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            long nextPrint = start;
            while (!driver.done() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                if (System.nanoTime() >= nextPrint) {
                    System.out.printf(
                            "burst: %5.0f s  answered %,d of %,d  connected %,d  finished %,d"
                                    + "  resends %,d  load %s%n",
                            (System.nanoTime() - start) / 1e9,
                            driver.answered(),
                            driver.total(),
                            driver.connected(),
                            driver.finished(),
                            driver.resends(),
                            Simulator.loadAverage());
                    nextPrint += TimeUnit.SECONDS.toNanos(10);
                }
            }
            boolean drained = driver.done();
            long kafkaEnd = drained ? driver.lastAnswerNanos() : System.nanoTime();
            driver.stop();
            long target = run.stored(Topics.REPORTS.name());
            long detectEnd = -1;
            long detectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < detectDeadline) {
                if (run.committed(DetectionJob.GROUP_ID, Topics.REPORTS.name()) >= target) {
                    detectEnd = System.nanoTime();
                    break;
                }
                Thread.sleep(200);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(LatencyBench.GRACE_SECONDS));
            String loadAfter = Simulator.loadAverage();

            table.note(
                    "burst",
                    "load average at start / end of the drain",
                    loadBefore + " / " + loadAfter);
            table.add("burst", "devices reconnecting at once", DEVICES, "devices");
            table.add(
                    "burst",
                    "backlog per device: "
                            + HOURS
                            + " h of minute data every "
                            + MINUTE_INTERVAL
                            + " min + hourly data",
                    driver.perDevice(),
                    "uploads");
            table.add("burst", "backlog in all", driver.total(), "uploads");
            table.add("burst", "answered (in Kafka)", driver.answered(), "uploads");
            table.add(
                    "burst", "vigil.reports growth during the drain", target - reports0, "records");
            table.add(
                    "burst",
                    "vigil.alerts growth, drain + catch-up",
                    run.stored(Topics.ALERTS.name()) - alerts0,
                    "records");
            table.add(
                    "burst",
                    "vigil.incidents growth, drain + catch-up",
                    run.stored(Topics.INCIDENTS.name()) - incidents0,
                    "records");
            table.add(
                    "burst",
                    "alerts received by the console client meanwhile",
                    run.watch.alerts() - seen0,
                    "alerts");
            table.add("burst", "resends after 10 s without the answer", driver.resends(), "");
            table.add("burst", "reconnects after a broken connection", driver.reconnects(), "");
            if (drained) {
                table.add(
                        "burst",
                        "drained into Kafka (last 9014) after",
                        (kafkaEnd - start) / 1e9,
                        "s");
                table.add(
                        "burst",
                        "drain rate",
                        driver.total() / ((kafkaEnd - start) / 1e9),
                        "uploads/s");
            } else {
                table.note(
                        "burst",
                        "drained into Kafka",
                        "not within " + TIMEOUT_SECONDS + " s (vigil.bench.burst.timeout-seconds)");
            }
            if (detectEnd > 0) {
                table.add(
                        "burst",
                        "detection job committed all of vigil.reports after (+- checkpoint)",
                        (detectEnd - start) / 1e9,
                        "s");
            } else {
                table.note("burst", "detection job caught up", "not within 180 s after the drain");
            }
            LatencyBench.probeRows(run, table, "burst", "probe during drain", start, kafkaEnd);
        }
    }

    static String mn(int i) {
        return String.format("BENCHBURST%014d", i);
    }

    static String password(int i) {
        return "burst-" + i;
    }

    private static void register(String kafka, Instant now) throws Exception {
        List<Source> sources =
                IntStream.range(0, DEVICES).parallel().mapToObj(i -> source(i, now)).toList();
        List<ThresholdRule> rules = new ArrayList<>();
        for (String code : CODES) {
            rules.add(
                    new ThresholdRule(
                            "bench-burst-" + code,
                            1,
                            code + " hourly",
                            new RuleScope(null, null, code, GROUP),
                            DataKind.HOURLY,
                            ThresholdRule.Comparison.ABOVE,
                            List.of(
                                    new RuleLevel(
                                            Severity.ALARM, 100, RuleLevel.Mode.PERCENT_OF_LIMIT)),
                            Persistence.IMMEDIATE,
                            0.9,
                            true,
                            "bench",
                            now,
                            false));
        }
        Registry.publish(kafka, sources, rules);
    }

    private static Source source(int i, Instant now) {
        List<PermitLimit> limits = new ArrayList<>();
        for (int c = 0; c < CODES.length; c++) {
            limits.add(new PermitLimit("DA001", CODES[c], LIMITS[c], "mg/m3", DataKind.HOURLY));
        }
        return new Source(
                String.format("bench-burst-%05d", i),
                "Burst source " + i,
                "Burst enterprise " + i,
                Source.Kind.AIR,
                new Place(
                        null,
                        new GeoPoint(31 + i % 100 / 100.0, 121 + i / 100 / 100.0),
                        "bench",
                        null),
                List.of(GROUP),
                List.of(new Outlet("DA001", "stack", Outlet.Kind.FLUE_GAS)),
                List.of(
                        new Device(
                                mn(i),
                                "DA001",
                                ProtocolVersion.HJ212_2017,
                                Device.hashPassword(mn(i), password(i)),
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(MINUTE_INTERVAL))),
                List.of(),
                limits,
                List.of(),
                false,
                1,
                now);
    }
}
