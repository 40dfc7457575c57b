package dev.vigil.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink MiniCluster sized for a laptop, with a REST endpoint for health checks and file-based
 * checkpoints, that runs Vigil's jobs in the launcher's JVM and in integration tests.
 *
 * <p>Jobs get the right checkpointing and state backend when built on {@link #environment()}; the
 * JVM needs Flink's {@code --add-opens} list on JDK 17 ({@code vigil.jvm.opens} in the root pom).
 */
public final class FlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);

    private final int requestedRestPort;
    private final int taskManagers;
    private final int slotsPerTaskManager;
    private final int parallelism;
    private final Path checkpointDir;
    private final Duration checkpointInterval;
    private final Configuration overrides;

    private MiniCluster miniCluster;
    private Configuration clusterConfig;
    private String restUrl;

    private FlinkCluster(Builder builder) {
        this.requestedRestPort = builder.restPort;
        this.taskManagers = builder.taskManagers;
        this.slotsPerTaskManager = builder.slotsPerTaskManager;
        this.parallelism =
                builder.parallelism > 0
                        ? builder.parallelism
                        : builder.taskManagers * builder.slotsPerTaskManager;
        this.checkpointDir =
                builder.checkpointDir == null
                        ? null
                        : builder.checkpointDir.toAbsolutePath().normalize();
        this.checkpointInterval = builder.checkpointInterval;
        this.overrides = new Configuration(builder.overrides);
        if (parallelism > taskManagers * slotsPerTaskManager) {
            throw new IllegalArgumentException(
                    "parallelism "
                            + parallelism
                            + " exceeds the "
                            + taskManagers * slotsPerTaskManager
                            + " slots of "
                            + taskManagers
                            + " task manager(s): jobs would wait for slots forever");
        }
    }

    /** Starts a builder with the defaults: one task manager with 4 slots, a free REST port. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the MiniCluster (job manager, task managers, REST endpoint).
     *
     * @throws PortInUseException if a fixed REST port is taken
     */
    public synchronized FlinkCluster start() {
        if (miniCluster != null) {
            throw new IllegalStateException("Flink MiniCluster already started at " + restUrl);
        }
        long startNanos = System.nanoTime();
        if (requestedRestPort != 0) {
            LoopbackPorts.requireFree(requestedRestPort, "Flink REST");
        }
        if (checkpointDir != null) {
            createDirectories(checkpointDir);
        }
        Configuration config = clusterConfiguration();
        MiniCluster starting =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(config)
                                .setNumTaskManagers(taskManagers)
                                .setNumSlotsPerTaskManager(slotsPerTaskManager)
                                .build());
        try {
            starting.start();
            restUrl = stripTrailingSlash(await(starting.getRestAddress()).toString());
        } catch (Exception e) {
            closeQuietly(starting);
            throw new IllegalStateException(
                    "Flink MiniCluster failed to start: " + e.getMessage(), e);
        }
        miniCluster = starting;
        clusterConfig = config;
        LOG.info(
                "Flink MiniCluster started in {} ms: REST {}, {} task manager(s) x {} slots,"
                        + " parallelism {}, checkpoints {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                restUrl,
                taskManagers,
                slotsPerTaskManager,
                parallelism,
                checkpointDir == null ? "in memory" : checkpointDir);
        return this;
    }

    /** The REST base address, for example {@code http://127.0.0.1:8081}. */
    public synchronized String restUrl() {
        requireStarted();
        return restUrl;
    }

    /** The default parallelism of jobs on this cluster. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * A new environment whose jobs run on this cluster with its checkpointing, checkpoint
     * directory, state backend and parallelism; {@code execute}, {@code executeAsync} and {@code
     * executeAndCollect} all work on it.
     */
    public StreamExecutionEnvironment environment() {
        return environment(new Configuration());
    }

    /**
     * Like {@link #environment()} with job settings added or replaced, for example {@code
     * execution.savepoint.path} to resume from a retained checkpoint.
     */
    public synchronized StreamExecutionEnvironment environment(Configuration jobSettings) {
        requireStarted();
        Configuration config = new Configuration(clusterConfig);
        if (!checkpointInterval.isZero()) {
            config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
            // Keep the last checkpoint when a job is cancelled so a restart can resume from it.
            config.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        config.set(DeploymentOptions.TARGET, MiniClusterExecutorLoader.NAME);
        config.set(DeploymentOptions.ATTACHED, true);
        config.addAll(jobSettings);
        return new StreamExecutionEnvironment(
                new MiniClusterExecutorLoader(miniCluster), config, userClassLoader());
    }

    /**
     * Submits the pipeline defined on {@code env} under {@code jobName} and returns at once.
     *
     * <p>The environment's transformations are consumed, as by {@code env.execute()}. An
     * environment not made by {@link #environment()} keeps its own checkpointing settings.
     */
    public JobID submit(StreamExecutionEnvironment env, String jobName) {
        Objects.requireNonNull(jobName, "jobName");
        MiniCluster cluster = running();
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(jobName);
        JobID jobId = await(cluster.submitJob(graph)).getJobID();
        LOG.info("Submitted Flink job '{}' as {}", jobName, jobId);
        return jobId;
    }

    /** The status of every job this cluster knows, by job name; the newest job wins a tie. */
    public Map<String, JobStatus> jobStatuses() {
        Map<String, JobStatus> statuses = new LinkedHashMap<>();
        await(running().listJobs()).stream()
                .sorted(Comparator.comparingLong(JobStatusMessage::getStartTime))
                .forEach(job -> statuses.put(job.getJobName(), job.getJobState()));
        return statuses;
    }

    /** The status of one job. */
    public JobStatus jobStatus(JobID jobId) {
        return await(running().getJobStatus(jobId));
    }

    /** Cancels a job and returns once the cancellation has been accepted. */
    public void cancel(JobID jobId) {
        await(running().cancelJob(jobId));
        LOG.info("Cancelled Flink job {}", jobId);
    }

    /** Stops the cluster and every job on it; does nothing if not running. */
    @Override
    public synchronized void close() {
        if (miniCluster == null) {
            return;
        }
        long startNanos = System.nanoTime();
        MiniCluster stopping = miniCluster;
        miniCluster = null;
        try {
            stopping.close();
        } catch (Exception e) {
            throw new IllegalStateException("Flink MiniCluster did not stop cleanly", e);
        }
        LOG.info(
                "Flink MiniCluster at {} stopped in {} ms",
                restUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private Configuration clusterConfiguration() {
        Configuration config = new Configuration();
        config.set(RestOptions.ADDRESS, LoopbackPorts.HOST);
        config.set(RestOptions.BIND_ADDRESS, LoopbackPorts.HOST);
        config.set(RestOptions.BIND_PORT, String.valueOf(requestedRestPort));
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, slotsPerTaskManager);
        // Laptop-sized per task manager; task heap comes from the JVM's own -Xmx.
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(128));
        config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(64));
        config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(64));
        config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        if (checkpointDir != null) {
            config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            config.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        }
        config.addAll(overrides);
        return config;
    }

    private static ClassLoader userClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : FlinkCluster.class.getClassLoader();
    }

    private synchronized MiniCluster running() {
        requireStarted();
        return miniCluster;
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Flink MiniCluster call failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Flink MiniCluster did not answer within " + RPC_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the Flink MiniCluster", e);
        }
    }

    private static void closeQuietly(MiniCluster cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Flink MiniCluster did not stop cleanly after a failed start", e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private void requireStarted() {
        if (miniCluster == null) {
            throw new IllegalStateException("Flink MiniCluster is not running");
        }
    }

    /** Configures a {@link FlinkCluster}. */
    public static final class Builder {
        private int restPort;
        private int taskManagers = 1;
        private int slotsPerTaskManager = 4;
        private int parallelism;
        private Path checkpointDir;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private final Configuration overrides = new Configuration();

        private Builder() {}

        /** The REST port (Flink's default is 8081); 0, the default, picks a free port. */
        public Builder restPort(int port) {
            this.restPort = port;
            return this;
        }

        /** Number of task managers; 1 by default. */
        public Builder taskManagers(int count) {
            this.taskManagers = requirePositive(count, "taskManagers");
            return this;
        }

        /** Slots per task manager; 4 by default. */
        public Builder slotsPerTaskManager(int slots) {
            this.slotsPerTaskManager = requirePositive(slots, "slotsPerTaskManager");
            return this;
        }

        /** Default job parallelism; all slots by default. */
        public Builder parallelism(int parallelism) {
            this.parallelism = requirePositive(parallelism, "parallelism");
            return this;
        }

        /** Where checkpoints are written (as a file:// URI); in memory when not set. */
        public Builder checkpointDir(Path dir) {
            this.checkpointDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Checkpoint interval of jobs built on {@link FlinkCluster#environment()}; 0 disables. */
        public Builder checkpointInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("checkpointInterval must not be negative");
            }
            this.checkpointInterval = interval;
            return this;
        }

        /** Adds or replaces one Flink setting, for example {@code state.backend.type}. */
        public Builder config(String key, String value) {
            overrides.setString(key, value);
            return this;
        }

        /** Builds the cluster; call {@link FlinkCluster#start()} to run it. */
        public FlinkCluster build() {
            return new FlinkCluster(this);
        }

        private static int requirePositive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
