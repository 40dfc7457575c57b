package dev.vigil.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child processes started by embedded services; a JVM shutdown hook stops those whose owner forgot
 * to, so that no child outlives the JVM that started it.
 */
final class ChildProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcesses.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(ChildProcesses::stopAll, "vigil-child-process-reaper"));
    }

    private ChildProcesses() {}

    static void register(Process process) {
        LIVE.add(process);
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it; returns its
     * exit code.
     */
    static int stop(Process process, Duration grace) {
        try {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("process {} did not stop within {}; killing it", process.pid(), grace);
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            LIVE.remove(process);
        }
    }

    private static void stopAll() {
        List<Process> leftovers = List.copyOf(LIVE);
        if (leftovers.isEmpty()) {
            return;
        }
        // Loggers may already be shut down in a shutdown hook: write to stderr directly.
        System.err.println("vigil: stopping child processes left running: " + pids(leftovers));
        leftovers.forEach(Process::destroy);
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        for (Process process : leftovers) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    private static List<Long> pids(List<Process> processes) {
        return processes.stream().map(Process::pid).toList();
    }
}
