package dev.vigil.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records which influxd serves a data folder and which JVM owns it, so that an influxd left behind
 * by a JVM that was killed (no shutdown hook ran) is stopped at the next start.
 */
final class InfluxdPidFile {

    static final String FILE_NAME = "influxd.pid";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxdPidFile.class);

    private final Path file;

    InfluxdPidFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /**
     * Stops an influxd recorded here whose owning JVM is gone; fails if its owner still runs.
     *
     * <p>Invariant: a process is only stopped if it is alive and its command is influxd, so a
     * recycled pid never kills an unrelated program.
     */
    void stopOrphan(Duration grace) {
        Optional<long[]> recorded = read();
        if (recorded.isEmpty()) {
            return;
        }
        long influxdPid = recorded.get()[0];
        long ownerPid = recorded.get()[1];
        Optional<ProcessHandle> influxd =
                ProcessHandle.of(influxdPid).filter(ProcessHandle::isAlive).filter(this::isInfluxd);
        if (influxd.isPresent()) {
            if (ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException(
                        "data folder "
                                + file.getParent()
                                + " is in use by influxd (pid "
                                + influxdPid
                                + ") started by process "
                                + ownerPid
                                + ": stop that first or use another folder");
            }
            LOG.warn(
                    "Stopping influxd (pid {}) left running on {} by process {}, which has exited",
                    influxdPid,
                    file.getParent(),
                    ownerPid);
            stop(influxd.get(), grace);
        }
        delete();
    }

    void write(long influxdPid) {
        String line = influxdPid + " " + ProcessHandle.current().pid() + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", file, e);
        }
    }

    private Optional<long[]> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable {}", file, e);
            return Optional.empty();
        }
    }

    private boolean isInfluxd(ProcessHandle handle) {
        return handle.info()
                .command()
                .map(command -> Path.of(command).getFileName().toString().equals("influxd"))
                .orElse(false);
    }

    private static void stop(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
