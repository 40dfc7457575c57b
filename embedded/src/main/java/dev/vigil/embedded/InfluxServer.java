package dev.vigil.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfluxDB 1.x run as a child {@code influxd} process with its own configuration and data under one
 * folder; the data survives restarts and the process never outlives the JVM that started it.
 */
public final class InfluxServer implements AutoCloseable {

    /** What to do when influxd is missing; the exact message of {@link MissingToolException}. */
    public static final String MISSING_INFLUXD_MESSAGE =
            "influxd not found: install Debian's influxdb package (apt-get install influxdb) or set"
                    + " influxdb.url to an existing server";

    static final String LOG_FILE_NAME = "influxd.log";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxServer.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 30;

    private final Path dataDir;
    private final int requestedHttpPort;
    private final int requestedRpcPort;
    private final Optional<Path> executable;
    private final Duration startTimeout;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Process process;
    private int httpPort;

    private InfluxServer(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.requestedHttpPort = builder.httpPort;
        this.requestedRpcPort = builder.rpcPort;
        this.executable = Optional.ofNullable(builder.executable);
        this.startTimeout = builder.startTimeout;
    }

    /** Starts a builder for a server keeping its configuration, data and log in {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * Writes the configuration, launches influxd and waits until {@code GET /ping} answers 204.
     *
     * @throws MissingToolException if influxd is not installed
     * @throws PortInUseException if a fixed port is taken
     */
    public synchronized InfluxServer start() {
        if (process != null) {
            throw new IllegalStateException("influxd already running at " + url());
        }
        Path program =
                InfluxdExecutable.locate(executable, System.getenv("PATH"))
                        .orElseThrow(() -> new MissingToolException(MISSING_INFLUXD_MESSAGE));
        long startNanos = System.nanoTime();
        createDirectories(dataDir);
        InfluxdPidFile pidFile = new InfluxdPidFile(dataDir);
        pidFile.stopOrphan(STOP_GRACE);

        httpPort = LoopbackPorts.resolve(requestedHttpPort, "InfluxDB HTTP");
        int rpcPort = LoopbackPorts.resolve(requestedRpcPort, "InfluxDB RPC");
        while (rpcPort == httpPort) {
            rpcPort = LoopbackPorts.freePort();
        }
        InfluxdConfig config = new InfluxdConfig(dataDir, httpPort, rpcPort);
        Path configFile = dataDir.resolve(InfluxdConfig.FILE_NAME);
        Path logFile = dataDir.resolve(LOG_FILE_NAME);
        writeString(configFile, config.render());
        long logOffset = size(logFile);

        ProcessBuilder builder =
                new ProcessBuilder(program.toString(), "-config", configFile.toString())
                        .directory(dataDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // INFLUXDB_* variables override the config file in influxd 1.x: keep them out.
        builder.environment().keySet().removeIf(name -> name.startsWith("INFLUXDB_"));
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + program, e);
        }
        ChildProcesses.register(started);
        pidFile.write(started.pid());
        process = started;
        try {
            awaitPing(started, logFile, logOffset);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info(
                "influxd (pid {}) started in {} ms at {} with data in {}",
                started.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                url(),
                dataDir);
        return this;
    }

    /** The HTTP base address, for example {@code http://127.0.0.1:8086}. */
    public synchronized String url() {
        requireStarted();
        return "http://" + LoopbackPorts.HOST + ":" + httpPort;
    }

    /** The process id of the running influxd. */
    public synchronized long pid() {
        requireStarted();
        return process.pid();
    }

    /** The folder holding influxd's configuration, data, WAL and log. */
    public Path dataDir() {
        return dataDir;
    }

    /** Creates the database if it does not exist yet (CREATE DATABASE is idempotent in 1.x). */
    public void createDatabase(String name) {
        query(null, "CREATE DATABASE " + quoteIdentifier(name));
        LOG.info("InfluxDB database {} ready at {}", name, url());
    }

    /**
     * Writes points in line protocol with millisecond timestamps to {@code database}.
     *
     * @throws IllegalStateException if influxd rejects the points
     */
    public void write(String database, String lineProtocol) {
        URI uri = URI.create(url() + "/write?db=" + encode(database) + "&precision=ms");
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(lineProtocol))
                        .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 204) {
            throw new IllegalStateException(
                    "influxd rejected a write to "
                            + database
                            + " ("
                            + response.statusCode()
                            + "): "
                            + response.body());
        }
    }

    /**
     * Runs an InfluxQL statement (POST /query, epoch in milliseconds) and returns the JSON answer.
     *
     * @param database the database the statement runs in, or null for server-wide statements
     * @throws IllegalStateException if the request fails or the statement reports an error
     */
    public String query(String database, String influxql) {
        String form = "q=" + encode(influxql) + "&epoch=ms";
        if (database != null) {
            form += "&db=" + encode(database);
        }
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url() + "/query"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build();
        HttpResponse<String> response = send(request);
        // influxd answers 200 with {"error": ...} inside the results when a statement fails.
        if (response.statusCode() != 200 || response.body().contains("\"error\":")) {
            throw new IllegalStateException(
                    "InfluxQL failed ("
                            + response.statusCode()
                            + "): "
                            + influxql
                            + " -> "
                            + response.body());
        }
        return response.body();
    }

    /**
     * Stops influxd with SIGTERM, waits up to 10 s for a clean shutdown, then kills it; does
     * nothing if it is not running.
     */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        int exitCode = ChildProcesses.stop(stopping, STOP_GRACE);
        new InfluxdPidFile(dataDir).delete();
        LOG.info("influxd (pid {}) stopped with exit code {}", stopping.pid(), exitCode);
    }

    private void awaitPing(Process started, Path logFile, long logOffset) {
        URI ping = URI.create(url() + "/ping");
        HttpRequest request =
                HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            if (!started.isAlive()) {
                throw new IllegalStateException(
                        "influxd exited with code "
                                + started.exitValue()
                                + " during start-up; its output ("
                                + logFile
                                + "):\n"
                                + tail(logFile, logOffset));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                        == 204) {
                    return;
                }
            } catch (ConnectException e) {
                // Not listening yet.
            } catch (IOException e) {
                LOG.debug("influxd ping failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for influxd", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "influxd did not answer "
                                + ping
                                + " within "
                                + startTimeout
                                + "; its output ("
                                + logFile
                                + "):\n"
                                + tail(logFile, logOffset));
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "influxd at " + url() + " did not answer " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling influxd", e);
        }
    }

    /** The last lines influxd wrote since {@code offset}, for start-up error messages. */
    static String tail(Path logFile, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(offset, length - 16 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    static String quoteIdentifier(String name) {
        Objects.requireNonNull(name, "name");
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for influxd", e);
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("influxd for " + dataDir + " is not running");
        }
    }

    /** Configures an {@link InfluxServer}. */
    public static final class Builder {
        private final Path dataDir;
        private int httpPort;
        private int rpcPort;
        private Path executable;
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /** The HTTP API port (influxd's default is 8086); 0, the default, picks a free port. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** The backup/restore RPC port (influxd's default is 8088); 0 picks a free port. */
        public Builder rpcPort(int port) {
            this.rpcPort = port;
            return this;
        }

        /** Uses this influxd instead of looking on the PATH and at /usr/bin/influxd. */
        public Builder executable(Path influxd) {
            this.executable = Objects.requireNonNull(influxd, "influxd");
            return this;
        }

        /** How long to wait for /ping after launching; 30 s by default. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Builds the server; call {@link InfluxServer#start()} to run it. */
        public InfluxServer build() {
            return new InfluxServer(this);
        }
    }
}
