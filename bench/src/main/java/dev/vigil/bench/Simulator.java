package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The simulator's load mode in a child JVM (its own file descriptors and heap). */
final class Simulator {

    private Simulator() {}

    static Process load(Path repo, StackRun run, int connections, int intervalSeconds, int seconds)
            throws IOException {
        return start(
                repo,
                "2g",
                List.of(
                        "--gateway",
                        "127.0.0.1:" + run.stack.hj212Port(),
                        "--kafka",
                        run.stack.bootstrapServers(),
                        "--connections",
                        Integer.toString(connections),
                        "--interval",
                        intervalSeconds + "s",
                        "--ramp",
                        Integer.toString(Math.min(connections, 5_000)),
                        "--duration",
                        seconds + "s",
                        "--stats-every",
                        "10s"));
    }

    /**
     * {@code deploy/vigil simulate --repo REPO OPTIONS...} in a child JVM with at most {@code heap}
     * of heap, on this JVM's class path, its output on ours.
     */
    static Process start(Path repo, String heap, List<String> options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.vigil.deploy.simulate.Simulate");
        command.add("--repo");
        command.add(repo.toString());
        command.addAll(options);
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** The 1, 5 and 15 minute load averages, as uptime prints them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
