package dev.vigil.bench;

import java.lang.management.ManagementFactory;

/** The CPU and JIT compile time this JVM has used so far, for benchmarks that count per record. */
final class JvmClock {

    private JvmClock() {}

    /** CPU time this JVM used so far, all threads, in ns. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Time this JVM's JIT compiler threads spent compiling so far, in ms. The JVM counts elapsed
     * time per compilation, so on busy cores this is more than the CPU it took: an upper bound of
     * the compiler's part of the CPU a window counts. While a job still warms up, that part is
     * large.
     */
    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }
}
