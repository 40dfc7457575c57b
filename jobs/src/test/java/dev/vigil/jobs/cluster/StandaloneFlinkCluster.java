package dev.vigil.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.embedded.LoopbackPorts;
import dev.vigil.events.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Flink session cluster as an operator runs one: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}), each a JVM
 * process of its own, started from a distribution's {@code lib/} with a {@code config.yaml}, and
 * their memory settings from {@code BashJavaUtils} as Flink's own scripts do; jobs are submitted
 * through the REST API as a jar, exactly as {@code flink run} or the web UI would.
 *
 * <p>{@link #close} stops both processes (SIGTERM, then SIGKILL) and a shutdown hook kills what is
 * left if the test JVM ends first, so no process outlives the test.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final String JOB_MANAGER =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path lib;
    private final Path home;
    private final List<String> jvmOptions;
    private final URI rest;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private final Thread reaper = new Thread(this::kill, "flink-cluster-reaper");

    private StandaloneFlinkCluster(Path lib, Path home, List<String> jvmOptions, int restPort) {
        this.lib = lib;
        this.home = home;
        this.jvmOptions = jvmOptions;
        this.rest = URI.create("http://" + LoopbackPorts.HOST + ":" + restPort);
    }

    /**
     * Writes {@code home/conf/config.yaml}, starts the JobManager and a TaskManager with {@code
     * slots} slots, and waits until the TaskManager has registered.
     *
     * @param lib the Flink runtime's jars
     * @param home an empty folder for configuration, logs and the cluster's files
     * @param jvmOptions options for both JVMs, such as JDK 17's {@code --add-opens} list
     */
    public static StandaloneFlinkCluster start(
            Path lib, Path home, List<String> jvmOptions, int slots, Duration patience)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(
                    lib + " is missing: run the build's pre-integration-test");
        }
        StandaloneFlinkCluster cluster =
                new StandaloneFlinkCluster(lib, home, jvmOptions, LoopbackPorts.freePort());
        Runtime.getRuntime().addShutdownHook(cluster.reaper);
        try {
            cluster.writeConfiguration(slots);
            cluster.launch("jobmanager", "GET_JM_RESOURCE_PARAMS", JOB_MANAGER);
            cluster.launch("taskmanager", "GET_TM_RESOURCE_PARAMS", TASK_MANAGER);
            cluster.awaitSlots(slots, patience);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The REST endpoint, {@code http://127.0.0.1:port}. */
    public URI restUrl() {
        return rest;
    }

    /** {@code POST /jars/upload}: the jar's id on the cluster. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "vigil-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        // "filename" is the stored file's path; its name is the jar id.
        return Path.of(answer.path("filename").asText()).getFileName().toString();
    }

    /** {@code POST /jars/{jarId}/run}: runs {@code entryClass}'s main; the job's id. */
    public String runJar(String jarId, String entryClass, List<String> args)
            throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("entryClass", entryClass);
        request.put("programArgsList", args);
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(rest.resolve("/jars/" + jarId + "/run"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                Json.toBytes(request))));
        return answer.path("jobid").asText();
    }

    /** {@code GET /jobs/{jobId}}: the job's details, with its state and its vertices' states. */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).GET());
    }

    /** Waits until the job and every one of its tasks run; fails at once if the job fails. */
    public JsonNode awaitRunning(String jobId, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode job = job(jobId);
        while (System.nanoTime() < deadline) {
            String state = job.path("state").asText();
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new AssertionError("job " + jobId + " is " + state + "\n" + logTails());
            }
            boolean allRunning = job.path("vertices").size() > 0;
            for (JsonNode vertex : job.path("vertices")) {
                allRunning &= vertex.path("status").asText().equals("RUNNING");
            }
            if (state.equals("RUNNING") && allRunning) {
                return job;
            }
            Thread.sleep(200);
            job = job(jobId);
        }
        throw new AssertionError(
                "job "
                        + jobId
                        + " not running within "
                        + patience
                        + ": "
                        + job
                        + "\n"
                        + logTails());
    }

    /** The last lines of the processes' logs, for failure messages. */
    public String logTails() {
        StringBuilder tails = new StringBuilder();
        for (String name : List.of("jobmanager", "taskmanager")) {
            for (Path file : List.of(home.resolve(name + ".log"), home.resolve(name + ".out"))) {
                try {
                    if (Files.exists(file)) {
                        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                        tails.append("---- ").append(file.getFileName()).append('\n');
                        lines.subList(Math.max(0, lines.size() - 40), lines.size())
                                .forEach(l -> tails.append(l).append('\n'));
                    }
                } catch (IOException e) {
                    tails.append("cannot read ").append(file).append(": ").append(e).append('\n');
                }
            }
        }
        return tails.toString();
    }

    /** The cluster's processes that are still alive. */
    public List<ProcessHandle> liveProcesses() {
        synchronized (processes) {
            return processes.stream()
                    .map(Process::toHandle)
                    .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .filter(ProcessHandle::isAlive)
                    .toList();
        }
    }

    /** Stops the TaskManager, then the JobManager; SIGKILL for one that ignores SIGTERM. */
    @Override
    public void close() {
        List<Process> stopping;
        synchronized (processes) {
            stopping = new ArrayList<>(processes);
        }
        for (int i = stopping.size() - 1; i >= 0; i--) {
            stop(stopping.get(i));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void writeConfiguration(int slots) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("tmp"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("jobmanager.rpc.address", LoopbackPorts.HOST);
        settings.put("jobmanager.rpc.port", String.valueOf(LoopbackPorts.freePort()));
        settings.put("jobmanager.bind-host", LoopbackPorts.HOST);
        settings.put("jobmanager.memory.process.size", "1024m");
        settings.put("taskmanager.host", LoopbackPorts.HOST);
        settings.put("taskmanager.bind-host", LoopbackPorts.HOST);
        settings.put("taskmanager.memory.process.size", "1280m");
        // The heap backend needs no managed memory; leave the heap to the tasks.
        settings.put("taskmanager.memory.managed.fraction", "0.05");
        settings.put("taskmanager.numberOfTaskSlots", String.valueOf(slots));
        settings.put("rest.address", LoopbackPorts.HOST);
        settings.put("rest.bind-address", LoopbackPorts.HOST);
        settings.put("rest.port", String.valueOf(rest.getPort()));
        settings.put("io.tmp.dirs", home.resolve("tmp").toString());
        settings.put("web.tmpdir", home.resolve("tmp").toString());
        settings.put("state.backend.type", "hashmap");
        settings.put("execution.checkpointing.dir", home.resolve("checkpoints").toUri().toString());
        StringBuilder yaml = new StringBuilder();
        settings.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(home.resolve("conf/config.yaml"), yaml);
        Files.writeString(
                home.resolve("conf/log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        ""));
    }

    /**
     * Starts one of the cluster's processes as {@code bin/jobmanager.sh} and {@code
     * bin/taskmanager.sh} do: BashJavaUtils turns config.yaml into JVM memory options and explicit
     * memory settings, which the entry point gets as dynamic properties.
     */
    private void launch(String name, String resourceCommand, String mainClass)
            throws IOException, InterruptedException {
        List<String> resources = bashJavaUtils(resourceCommand);
        List<String> command = new ArrayList<>(java());
        command.addAll(split(resources.get(0)));
        command.addAll(jvmOptions);
        command.add("-Dlog.file=" + home.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + home.resolve("conf/log4j.properties").toUri());
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.add("--configDir");
        command.add(home.resolve("conf").toString());
        command.addAll(split(resources.get(1)));
        Process process =
                processBuilder(command)
                        .redirectOutput(home.resolve(name + ".out").toFile())
                        .start();
        synchronized (processes) {
            processes.add(process);
        }
    }

    private List<String> bashJavaUtils(String command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(java());
        line.addAll(
                List.of(
                        "-cp",
                        classpath(),
                        BASH_JAVA_UTILS,
                        command,
                        "--configDir",
                        home.resolve("conf").toString()));
        Process process = processBuilder(line).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("BashJavaUtils " + command + " failed:\n" + output);
        }
        List<String> results =
                output.lines()
                        .filter(l -> l.startsWith(RESULT_PREFIX))
                        .map(l -> l.substring(RESULT_PREFIX.length()))
                        .toList();
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + command + " said:\n" + output);
        }
        return results.subList(results.size() - 2, results.size());
    }

    private ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.redirectErrorStream(true);
        // The jobs read VIGIL_* settings from the environment; this cluster's come from arguments.
        builder.environment().keySet().removeIf(k -> k.startsWith("VIGIL_"));
        return builder;
    }

    private List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private String classpath() {
        return lib.toAbsolutePath() + "/*";
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private void awaitSlots(int slots, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process process : processesCopy()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "a cluster process exited with "
                                    + process.exitValue()
                                    + "\n"
                                    + logTails());
                }
            }
            try {
                JsonNode overview = send(HttpRequest.newBuilder(rest.resolve("/overview")).GET());
                last = overview.toString();
                if (overview.path("slots-total").asInt() >= slots) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "no TaskManager with "
                        + slots
                        + " slots within "
                        + patience
                        + " ("
                        + last
                        + ")\n"
                        + logTails());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response =
                http.send(
                        request.timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    request.build().method()
                            + " "
                            + request.build().uri()
                            + ": "
                            + response.statusCode()
                            + " "
                            + body);
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private List<Process> processesCopy() {
        synchronized (processes) {
            return List.copyOf(processes);
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private void kill() {
        for (Process process : processesCopy()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
