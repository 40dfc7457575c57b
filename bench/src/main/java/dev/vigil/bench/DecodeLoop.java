package dev.vigil.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code decode --input FILE}: a plain timed loop (not JMH) over the frames of any file; besides
 * frames per second of wall time it gives frames per second of the thread's CPU time, which is the
 * per-core figure when other work shares the cores.
 */
final class DecodeLoop {

    private DecodeLoop() {}

    static void run(Path file, Bench.Table table) throws IOException {
        List<byte[]> frames = Frames.read(file);
        if (frames.isEmpty()) {
            table.note("decode", "input " + file, "no frames");
            return;
        }
        DecodePipeline pipeline = new DecodePipeline(frames);
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        Object sink = null;
        while (System.nanoTime() < warmupEnd) {
            sink = pipeline.next();
        }
        pipeline.frames = 0;
        pipeline.reports = 0;
        pipeline.readings = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + 5_000_000_000L;
        long now;
        do {
            for (int i = 0; i < 1_000; i++) {
                sink = pipeline.next();
            }
            now = System.nanoTime();
        } while (now < end);
        double seconds = (now - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        String name = file.getFileName().toString();
        table.add(
                "decode",
                name + ": frames/s (1 thread, 5 s loop)",
                pipeline.frames / seconds,
                "frames/s");
        table.add("decode", name + ": readings/s", pipeline.readings / seconds, "readings/s");
        if (cpuSeconds > 0) {
            table.add(
                    "decode",
                    name + ": frames per CPU-second of the thread",
                    pipeline.frames / cpuSeconds,
                    "frames/s");
        }
        table.add(
                "decode",
                name + ": frames giving a report",
                100.0 * pipeline.reports / Math.max(1, pipeline.frames),
                "%");
        if (sink == null) {
            System.out.print("");
        }
    }
}
