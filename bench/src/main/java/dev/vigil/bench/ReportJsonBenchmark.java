package dev.vigil.bench;

import dev.vigil.events.Topics;
import dev.vigil.events.report.Report;
import dev.vigil.events.report.ReportJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Nanoseconds and bytes allocated per report for the two ways the gateway can write a report to
 * {@code vigil.reports}: the topic's databind serde (18.6 % of the gateway's CPU in the issue #8
 * profile) and {@link ReportJson}'s hand-written UTF-8 writer, over the reports of the real-traffic
 * hour (path in {@code vigil.bench.real}); one operation writes one report.
 *
 * <p>{@link #main} runs both back to back in one JMH run with the GC profiler.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReportJsonBenchmark {

    @Param({"databind", "handWritten"})
    public String writer;

    private Report[] reports;
    private Serializer<Report> serde;
    private int next;

    @Setup
    public void setUp() throws IOException {
        reports = realReports().toArray(new Report[0]);
        serde = Topics.REPORTS.valueSerde().serializer();
    }

    @Benchmark
    public byte[] write() {
        Report report = reports[next];
        next = next + 1 == reports.length ? 0 : next + 1;
        return writer.equals("handWritten")
                ? ReportJson.toBytes(report)
                : serde.serialize(Topics.REPORTS.name(), report);
    }

    /** The reports the gateway's decode path makes of the real hour, in file order. */
    static List<Report> realReports() throws IOException {
        List<byte[]> frames = DecodeBenchmark.frames("real");
        DecodePipeline pipeline = new DecodePipeline(frames);
        List<Report> reports = new ArrayList<>();
        while (pipeline.frames < frames.size()) {
            if (pipeline.next() instanceof Report report) {
                reports.add(report);
            }
        }
        return reports;
    }

    /** Runs both writers with JMH (1 fork, GC profiler); argument: the real-traffic file. */
    public static void main(String[] args) throws Exception {
        String real =
                Path.of(args.length > 0 ? args[0] : Frames.REAL_HOUR)
                        .toAbsolutePath()
                        .normalize()
                        .toString();
        new Runner(
                        new OptionsBuilder()
                                .include(ReportJsonBenchmark.class.getName())
                                .forks(1)
                                .warmupIterations(3)
                                .warmupTime(TimeValue.seconds(2))
                                .measurementIterations(5)
                                .measurementTime(TimeValue.seconds(2))
                                .threads(1)
                                .jvmArgsAppend("-Xmx1g", "-Dvigil.bench.real=" + real)
                                .addProfiler("gc")
                                .build())
                .run();
    }
}
