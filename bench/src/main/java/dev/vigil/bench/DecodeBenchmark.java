package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Frames per second on one thread for framing + CRC + parse + mapping to a report; one operation is
 * one frame. {@code input} is {@code real} (the real-traffic hour, path in {@code
 * vigil.bench.real}) or {@code gen2017} (generated 2017-style frames with 4 to 10 pollutants).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {

    @Param({"real", "gen2017"})
    public String input;

    private DecodePipeline pipeline;

    @Setup
    public void setUp() throws IOException {
        pipeline = new DecodePipeline(frames(input));
    }

    static List<byte[]> frames(String input) throws IOException {
        return switch (input) {
            case "real" ->
                    Frames.read(Path.of(System.getProperty("vigil.bench.real", Frames.REAL_HOUR)));
            case "gen2017" -> Frames.generate2017(10_000, 2017);
            default -> throw new IllegalArgumentException("unknown input " + input);
        };
    }

    @Benchmark
    public Object decode() {
        return pipeline.next();
    }
}
