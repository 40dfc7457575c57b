package dev.vigil.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench [NAME...] [--input FILE]}: runs the named benchmarks ({@code decode}, {@code
 * influx}, {@code ingest}, {@code detect}, {@code connections}, {@code latency}, {@code burst}; all
 * when none is named) and prints one table of figures and ratios. Benchmarks measure and never
 * assert.
 */
public final class Bench {

    static final List<String> ALL =
            List.of("decode", "influx", "ingest", "detect", "connections", "latency", "burst");

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        Path input = null;
        Path repo = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> input = Path.of(value(args, ++i, "--input"));
                case "--repo" -> repo = Path.of(value(args, ++i, "--repo"));
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return;
                }
                default -> {
                    if (!ALL.contains(args[i])) {
                        System.err.println("bench: unknown benchmark '" + args[i] + "'");
                        System.err.println(usage());
                        System.exit(2);
                    }
                    names.add(args[i]);
                }
            }
        }
        if (names.isEmpty()) {
            names.addAll(ALL);
        }
        if (input != null && !names.equals(List.of("decode"))) {
            System.err.println("bench: --input goes with 'decode' only");
            System.exit(2);
        }
        Table table = new Table();
        for (String name : names) {
            switch (name) {
                case "decode" -> {
                    if (input != null) {
                        DecodeLoop.run(input, table);
                    } else {
                        DecodeRun.run(repo, table);
                    }
                }
                case "influx" -> InfluxBench.run(table);
                case "ingest" -> IngestBench.run(repo, table);
                case "detect" -> DetectBench.run(table);
                case "connections" -> ConnectionsBench.run(repo, table);
                case "latency" -> LatencyBench.run(repo, table);
                case "burst" -> BurstBench.run(repo, table);
                default -> throw new IllegalStateException(name);
            }
        }
        System.out.println();
        System.out.print(table);
        System.exit(0);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("bench: " + option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    static String usage() {
        return """
                Usage: deploy/vigil bench [NAME...] [--input FILE]

                Runs benchmarks on this machine and prints a table of figures and ratios
                (they measure, never assert; not part of 'deploy/vigil test'). Names:
                  decode   HJ 212 framing + CRC + parse + mapping to a report (JMH, 2 forks,
                           5 x 1 s warmup, 5 x 2 s measurement, -prof gc): frames/s and
                           readings/s on one core, bytes allocated per frame, on the
                           real-traffic hour and on generated 2017-style frames.
                           With --input FILE: a plain timed loop over FILE's frames.
                  influx   readings/s persisted through Vigil's InfluxHttpWriter in sink-sized
                           batches vs. a plain batched line-protocol writer on the same influxd;
                           7 rounds in alternating order: the best of each, and the median of
                           the rounds' own ratios.
                  ingest   simulated devices -> gateway -> Kafka (acked) vs. Kafka's own
                           producer at the same record size on the same embedded broker,
                           measured once every device logged in; also the login time and
                           each side's CPU per record (the ratio at equal CPU).
                  detect   the detection job (MiniCluster, parallelism 2) on a 5,000-source x
                           8-pollutant registry with its rules, reading a backlog of real-time
                           reports from Kafka: readings/s, vs. the same Kafka source with a
                           discarding sink.
                  connections
                           concurrent HJ 212 connections one gateway holds (simulator in a
                           child JVM, one frame every 30 s each): heap and RSS per connection.
                  latency  the whole system (EmbeddedStack): a probe logger's upload at the
                           gateway -> its alert at a console WebSocket client, p50/p99/max,
                           idle and under the simulator's load mode (-Dvigil.bench.latency.loads,
                           default 1000,10000 frames/s; -Dvigil.bench.latency.seconds, 60).
                  burst    the whole system: N loggers reconnect at once, each uploading H hours
                           of minute and hourly backlog (-Dvigil.bench.burst.devices=2000,
                           -Dvigil.bench.burst.hours=24): time to drain into Kafka and through
                           the detection job, and the probe's latency to the console meanwhile.
                All run when no NAME is given. Results are kept in docs/benchmarks.md.

                Options:
                  --input FILE   frames for 'decode' (one per line, or a raw capture)
                  -h, --help     this help
                """;
    }

    /** Rows of benchmark, figure, value, unit; printed aligned. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        void add(String bench, String figure, double value, String unit) {
            // Microseconds per reading are a few: whole ones would hide a 10 % change.
            String text =
                    switch (unit) {
                        case "%", "ms" -> String.format(Locale.ROOT, "%.1f", value);
                        case "µs" -> String.format(Locale.ROOT, "%.2f", value);
                        default -> String.format(Locale.ROOT, "%,.0f", value);
                    };
            rows.add(new String[] {bench, figure, text, unit});
        }

        void note(String bench, String figure, String text) {
            rows.add(new String[] {bench, figure, text, ""});
        }

        @Override
        public String toString() {
            int[] width = {9, 6, 5, 4};
            String[] head = {"benchmark", "figure", "value", "unit"};
            List<String[]> all = new ArrayList<>();
            all.add(head);
            all.addAll(rows);
            for (String[] row : all) {
                for (int c = 0; c < 4; c++) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String[] row : all) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2]
                                        + "s  %s%n",
                                row[0],
                                row[1],
                                row[2],
                                row[3]));
            }
            return out.toString();
        }
    }
}
