package dev.vigil.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link DecodeBenchmark} with JMH and GC profiling and puts the figures in the table. */
final class DecodeRun {

    private DecodeRun() {}

    static void run(Path repo, Bench.Table table) throws Exception {
        Path real = repo.resolve(Frames.REAL_HOUR).toAbsolutePath().normalize();
        System.setProperty("vigil.bench.real", real.toString());
        Options options =
                new OptionsBuilder()
                        .include(DecodeBenchmark.class.getName())
                        .forks(2)
                        .warmupIterations(5)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(5)
                        .measurementTime(TimeValue.seconds(2))
                        .threads(1)
                        .jvmArgsAppend("-Xmx1g", "-Dvigil.bench.real=" + real)
                        .addProfiler("gc")
                        .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult result : results) {
            String input = result.getParams().getParam("input");
            double fps = result.getPrimaryResult().getScore();
            double readingsPerFrame = readingsPerFrame(input);
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            table.add("decode", input + ": frames/s per core", fps, "frames/s");
            table.add(
                    "decode",
                    input + ": JMH error (99.9 %) of frames/s",
                    result.getPrimaryResult().getScoreError(),
                    "frames/s");
            table.add(
                    "decode",
                    input + ": readings/s per core",
                    fps * readingsPerFrame,
                    "readings/s");
            table.add(
                    "decode",
                    input + ": vs target 1,000,000 frames/s",
                    100.0 * fps / 1_000_000,
                    "%");
            if (alloc != null) {
                table.add("decode", input + ": allocated per frame", alloc.getScore(), "B/frame");
            }
        }
    }

    /** Readings (pollutants) per decoded frame of an input, counted over one pass. */
    private static double readingsPerFrame(String input) throws Exception {
        List<byte[]> frames = DecodeBenchmark.frames(input);
        DecodePipeline pipeline = new DecodePipeline(frames);
        while (pipeline.frames < frames.size()) {
            pipeline.next();
        }
        return (double) pipeline.readings / pipeline.frames;
    }
}
