package dev.vigil.bench;

import dev.vigil.events.Topics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Frame arrival at the gateway to alert at a console WebSocket client, on the whole system ({@link
 * StackRun}), with the simulator's load mode as background load in a child JVM. A probe logger
 * sends one upload a second, alternately above and below its rule's threshold, so each upload
 * raises a FIRING or a RESOLVED alert; latency = alert message complete at the client − probe frame
 * written on the socket (one clock, this JVM's). Both are reported, FIRING being the headline.
 */
final class LatencyBench {

    static final List<Integer> LOADS =
            Arrays.stream(System.getProperty("vigil.bench.latency.loads", "1000,10000").split(","))
                    .map(String::trim)
                    .map(Integer::valueOf)
                    .toList();
    static final int WINDOW_SECONDS = Integer.getInteger("vigil.bench.latency.seconds", 60);
    static final int WARM_SECONDS = 15;

    /** How long after a window alerts of its uploads still count; later ones count as missing. */
    static final int GRACE_SECONDS = 30;

    private LatencyBench() {}

    static void run(Path repo, Bench.Table table) throws Exception {
        try (StackRun run = StackRun.start()) {
            run.awaitProbeAlerts(3, 120);
            // Idle figure first: no background load.
            measure(run, table, "latency", "no background load", 30);
            for (int load : LOADS) {
                Process sim = Simulator.load(repo, run, load, 1, WINDOW_SECONDS + 600);
                try {
                    double reached = awaitLoad(run, load, sim);
                    System.out.printf(
                            "latency: background reached %,.0f frames/s, measuring %d s%n",
                            reached, WINDOW_SECONDS);
                    Thread.sleep(TimeUnit.SECONDS.toMillis(WARM_SECONDS));
                    measure(
                            run,
                            table,
                            "latency",
                            String.format("%,d frames/s offered", load),
                            WINDOW_SECONDS);
                } finally {
                    sim.destroy();
                    sim.waitFor(20, TimeUnit.SECONDS);
                }
                Thread.sleep(5_000);
            }
            table.add(
                    "latency",
                    "alerts of other sources seen by the client (all runs)",
                    run.watch.alerts(),
                    "alerts");
            table.add(
                    "latency",
                    "probe alerts not matched to an upload",
                    run.probe.console.unmatched(),
                    "");
        }
    }

    /** Waits until vigil.reports grows at 90 % of the offered load, or 2 minutes; returns it. */
    static double awaitLoad(StackRun run, int load, Process sim) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        double rate = 0;
        while (System.nanoTime() < deadline && sim.isAlive()) {
            long before = run.stored(Topics.REPORTS.name());
            long t = System.nanoTime();
            Thread.sleep(5_000);
            rate = (run.stored(Topics.REPORTS.name()) - before) / ((System.nanoTime() - t) / 1e9);
            if (rate >= 0.9 * load) {
                break;
            }
        }
        return rate;
    }

    /** Measures the probe over {@code seconds} of sends, then waits for late alerts. */
    static void measure(StackRun run, Bench.Table table, String bench, String label, int seconds)
            throws Exception {
        String uptime = Simulator.loadAverage();
        long reports0 = run.stored(Topics.REPORTS.name());
        long from = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long to = System.nanoTime();
        double background =
                (run.stored(Topics.REPORTS.name()) - reports0) / ((to - from) / 1e9) - 1;
        // Alerts of the last uploads may still be on their way.
        Thread.sleep(TimeUnit.SECONDS.toMillis(GRACE_SECONDS));
        table.note(bench, label + ": load average at start", uptime);
        table.add(bench, label + ": background stored in vigil.reports", background, "frames/s");
        probeRows(run, table, bench, label, from, to);
        System.out.println(table);
    }

    /** The probe's rows for uploads sent in [from, to): console, Kafka tap, gateway answer. */
    static void probeRows(
            StackRun run, Bench.Table table, String bench, String label, long from, long to) {
        ProbeLogger probe = run.probe;
        Latencies.report(
                table, bench, label + ": FIRING", probe.console.firing.sentBetween(from, to));
        table.add(
                bench,
                label
                        + ": FIRING: uploads above with no alert at the client ("
                        + GRACE_SECONDS
                        + " s grace)",
                probe.console.missedFiring(from, to),
                "");
        Latencies.report(
                table, bench, label + ": RESOLVED", probe.console.resolved.sentBetween(from, to));
        double[] tap = probe.kafka.firing.sentBetween(from, to);
        table.add(
                bench,
                label + ": FIRING: uploads above with no alert in vigil.alerts",
                probe.kafka.missedFiring(from, to),
                "");
        table.add(
                bench,
                label + ": FIRING in vigil.alerts (Kafka consumer) p50",
                Latencies.percentile(tap, 50),
                "ms");
        table.add(
                bench,
                label + ": FIRING in vigil.alerts (Kafka consumer) p99",
                Latencies.percentile(tap, 99),
                "ms");
        double[] answers = probe.answers.sentBetween(from, to);
        table.add(
                bench,
                label + ": gateway 9014 answer p50",
                Latencies.percentile(answers, 50),
                "ms");
        table.add(
                bench,
                label + ": gateway 9014 answer p99",
                Latencies.percentile(answers, 99),
                "ms");
    }
}
