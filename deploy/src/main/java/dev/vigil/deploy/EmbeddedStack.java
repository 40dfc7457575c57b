package dev.vigil.deploy;

import static dev.vigil.deploy.config.Settings.*;

import dev.vigil.alerting.Alerting;
import dev.vigil.alerting.AlertingConfig;
import dev.vigil.alerting.AlertingService;
import dev.vigil.alerting.delivery.DeliverySettings;
import dev.vigil.alerting.delivery.RetryPolicy;
import dev.vigil.alerting.route.FileAgencyDirectory;
import dev.vigil.console.ConsoleConfig;
import dev.vigil.console.ConsoleServer;
import dev.vigil.console.health.FlinkHealthCheck;
import dev.vigil.console.health.HealthCheck;
import dev.vigil.console.health.HealthProbe;
import dev.vigil.console.health.HttpHealthCheck;
import dev.vigil.console.health.KafkaHealthCheck;
import dev.vigil.deploy.config.ConfigException;
import dev.vigil.deploy.config.VigilConfig;
import dev.vigil.embedded.FlinkCluster;
import dev.vigil.embedded.InfluxServer;
import dev.vigil.embedded.KafkaBroker;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.events.Topics;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.IngestService;
import dev.vigil.ingest.api.HttpApiConfig;
import dev.vigil.ingest.hj212.gateway.Hj212GatewayConfig;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.detect.DetectionJob;
import dev.vigil.jobs.incident.IncidentJob;
import dev.vigil.jobs.influx.InfluxSinkConfig;
import dev.vigil.jobs.readings.ReadingsJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil on one machine: Kafka, InfluxDB and Flink embedded unless the settings point at external
 * ones, then Vigil's jobs, ingest, alerting and the console. Everything started is stopped in
 * reverse order by {@link #close()}.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

    /** The Flink jobs the embedded stack runs, by name. */
    public static final Set<String> JOBS =
            Set.of(ReadingsJob.NAME, DetectionJob.NAME, IncidentJob.NAME);

    private final VigilConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final List<JobID> jobs = new ArrayList<>();
    private String bootstrapServers;
    private String influxUrl;
    private String flinkRestUrl;
    private FlinkCluster flink;
    private ConsoleServer console;
    private IngestService ingest;
    private int alertingPort;

    public EmbeddedStack(VigilConfig config) {
        this.config = config;
    }

    /**
     * Starts everything; on failure, what was started is stopped again before the error is thrown.
     */
    public EmbeddedStack start() {
        try {
            Path data = Path.of(config.get(DATA_DIR)).toAbsolutePath().normalize();
            endpoints.put("data", data.toString());
            startInflux(data);
            startKafka(data);
            startFlink(data);
            startIngest(data);
            startAlerting();
            startConsole(data);
            return this;
        } catch (Exception e) {
            close();
            throw e instanceof RuntimeException re
                    ? re
                    : new IllegalStateException(e.getMessage(), e);
        }
    }

    private void startInflux(Path data) {
        influxUrl = config.get(INFLUXDB_URL);
        if (influxUrl.isEmpty()) {
            InfluxServer.Builder builder =
                    InfluxServer.builder(data.resolve("influxdb"))
                            .httpPort(config.get(INFLUXDB_EMBEDDED_PORT));
            if (!config.get(INFLUXDB_EMBEDDED_INFLUXD).isEmpty()) {
                builder.executable(Path.of(config.get(INFLUXDB_EMBEDDED_INFLUXD)));
            }
            InfluxServer influx = builder.build();
            started.push(influx);
            influx.start();
            influx.createDatabase(config.get(INFLUXDB_DATABASE));
            influxUrl = influx.url();
        }
        endpoints.put("InfluxDB", influxUrl + " (database " + config.get(INFLUXDB_DATABASE) + ")");
    }

    private void startKafka(Path data) {
        bootstrapServers = config.get(KAFKA_BOOTSTRAP_SERVERS);
        KafkaBroker broker = null;
        if (bootstrapServers.isEmpty()) {
            broker =
                    KafkaBroker.builder(data.resolve("kafka"))
                            .brokerPort(config.get(KAFKA_EMBEDDED_PORT))
                            .controllerPort(config.get(KAFKA_EMBEDDED_CONTROLLER_PORT))
                            .build();
            started.push(broker);
            broker.start();
            bootstrapServers = broker.bootstrapServers();
        }
        if (broker != null) {
            broker.createTopics(TopicSpec.allTopics(config.get(KAFKA_PARTITIONS)));
        }
        endpoints.put("Kafka", bootstrapServers);
    }

    private void startFlink(Path data) {
        flinkRestUrl = config.get(FLINK_REST_URL);
        if (!flinkRestUrl.isEmpty()) {
            // Jobs run on the external cluster; they are submitted there as the README says.
            endpoints.put("Flink", flinkRestUrl + " (external cluster)");
            return;
        }
        flink =
                FlinkCluster.builder()
                        .restPort(config.get(FLINK_REST_PORT))
                        .slotsPerTaskManager(config.get(FLINK_TASK_SLOTS))
                        .parallelism(config.get(FLINK_PARALLELISM))
                        .checkpointDir(data.resolve("flink").resolve("checkpoints"))
                        .checkpointInterval(config.get(FLINK_CHECKPOINT_INTERVAL))
                        .build();
        started.push(flink);
        flink.start();
        flinkRestUrl = flink.restUrl();
        JobsConfig jobsConfig = jobsConfig();
        Path checkpoints = data.resolve("flink").resolve("checkpoints");
        StreamExecutionEnvironment env =
                flink.environment(jobSettings(config, checkpoints.resolve(ReadingsJob.NAME)));
        ReadingsJob.wire(env, jobsConfig);
        jobs.add(flink.submit(env, ReadingsJob.NAME));
        StreamExecutionEnvironment detection =
                flink.environment(jobSettings(config, checkpoints.resolve(DetectionJob.NAME)));
        DetectionJob.wire(detection, jobsConfig);
        jobs.add(flink.submit(detection, DetectionJob.NAME));
        StreamExecutionEnvironment incidents =
                flink.environment(jobSettings(config, checkpoints.resolve(IncidentJob.NAME)));
        IncidentJob.wire(incidents, jobsConfig);
        jobs.add(flink.submit(incidents, IncidentJob.NAME));
        endpoints.put("Flink", flinkRestUrl + " (jobs: " + String.join(", ", JOBS) + ")");
    }

    /**
     * Per-job settings: its own checkpoint folder, the network buffer timeout, and resuming from
     * the newest checkpoint in it.
     */
    private static Configuration jobSettings(VigilConfig config, Path checkpointDir) {
        Configuration settings = new Configuration();
        settings.set(ExecutionOptions.BUFFER_TIMEOUT, config.get(FLINK_BUFFER_TIMEOUT));
        settings.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        RetainedCheckpoints.newest(checkpointDir)
                .ifPresent(
                        chk -> {
                            LOG.info("Resuming from checkpoint {}", chk);
                            settings.set(
                                    StateRecoveryOptions.SAVEPOINT_PATH, chk.toUri().toString());
                        });
        return settings;
    }

    private JobsConfig jobsConfig() {
        return new JobsConfig(
                bootstrapServers,
                new InfluxSinkConfig(
                        influxUrl,
                        config.get(INFLUXDB_DATABASE),
                        config.get(INFLUXDB_USERNAME),
                        config.get(INFLUXDB_PASSWORD),
                        5_000,
                        Duration.ofSeconds(1)),
                config.get(FLINK_CHECKPOINT_INTERVAL),
                config.get(FLINK_PARALLELISM));
    }

    private void startIngest(Path data) throws InterruptedException {
        Hj212GatewayConfig gateway =
                Hj212GatewayConfig.defaults().toBuilder()
                        .bindAddress(config.get(INGEST_BIND_ADDRESS))
                        .port(config.get(INGEST_HJ212_PORT))
                        .idleTimeout(config.get(INGEST_HJ212_IDLE_TIMEOUT))
                        .maxConnectionsPerAddress(
                                config.get(INGEST_HJ212_MAX_CONNECTIONS_PER_ADDRESS))
                        .maxInFlightTotal(config.get(INGEST_HJ212_MAX_IN_FLIGHT))
                        .futureTolerance(config.get(INGEST_HJ212_FUTURE_TOLERANCE))
                        .pastTolerance(config.get(INGEST_HJ212_PAST_TOLERANCE))
                        .duplicateWindow(config.get(INGEST_HJ212_DUPLICATE_WINDOW))
                        .build();
        ingest =
                new IngestService(
                        new IngestConfig(
                                config.get(INGEST_BIND_ADDRESS),
                                config.get(INGEST_HJ212_PORT),
                                config.get(INGEST_HTTP_PORT),
                                bootstrapServers),
                        gateway);
        String mediaDir = config.get(INGEST_HTTP_MEDIA_DIR);
        ingest.withHttpApi(
                HttpApiConfig.defaults().toBuilder()
                        .mediaDir(mediaDir.isEmpty() ? data.resolve("media") : Path.of(mediaDir))
                        .maxVideoBodyBytes(config.get(INGEST_HTTP_VIDEO_MAX_BODY))
                        .maxComplaintBodyBytes(config.get(INGEST_HTTP_COMPLAINTS_MAX_BODY))
                        .maxPictureBytes(config.get(INGEST_HTTP_MAX_PICTURE))
                        .signatureWindow(config.get(INGEST_HTTP_SIGNATURE_WINDOW))
                        .build());
        started.push(ingest);
        ingest.start();
        endpoints.put("HJ 212 (TCP)", config.get(INGEST_BIND_ADDRESS) + ":" + ingest.hj212Port());
        endpoints.put("Ingest HTTP", "http://localhost:" + ingest.httpPort());
    }

    private void startAlerting() throws InterruptedException {
        AlertingConfig alertingConfig =
                new AlertingConfig(
                        bootstrapServers,
                        "vigil-alerting",
                        config.get(ALERTING_BIND_ADDRESS),
                        config.get(ALERTING_HEALTH_PORT));
        String agenciesFile = config.get(ALERTING_AGENCIES_FILE);
        if (agenciesFile.isEmpty()) {
            LOG.info(
                    "No alerting.agencies-file: incidents are shown in the console, nothing is dispatched to agencies");
            AlertingService service =
                    new AlertingService(
                            alertingConfig,
                            Topics.INCIDENTS.name(),
                            record ->
                                    LOG.debug(
                                            "incident event {} (no agencies configured)",
                                            record.key()));
            started.push(service);
            service.start();
            alertingPort = service.healthPort();
            endpoints.put(
                    "Alerting",
                    "http://127.0.0.1:" + alertingPort + "/health (no agencies configured)");
            return;
        }
        Path file = Path.of(agenciesFile);
        Alerting alerting =
                new Alerting(
                        alertingConfig,
                        deliverySettings(config, file),
                        FileAgencyDirectory.load(file));
        started.push(alerting);
        alerting.start();
        alertingPort = alerting.httpPort();
        endpoints.put(
                "Alerting", "http://127.0.0.1:" + alertingPort + " (agencies from " + file + ")");
        endpoints.put(
                "Agencies' API",
                "http://localhost:" + alerting.inboundPort() + config.get(ALERTING_INBOUND_PATH));
    }

    /**
     * The dispatch settings from the {@code alerting.*} keys; what no single key can check (the
     * backoff ceiling below its base) stops start-up naming both keys.
     */
    static DeliverySettings deliverySettings(VigilConfig config, Path agenciesFile) {
        Duration base = config.get(ALERTING_RETRY_BACKOFF_BASE);
        Duration max = config.get(ALERTING_RETRY_BACKOFF_MAX);
        if (max.compareTo(base) < 0) {
            throw new ConfigException(
                    ALERTING_RETRY_BACKOFF_MAX.key()
                            + " ("
                            + max
                            + ") must be at least "
                            + ALERTING_RETRY_BACKOFF_BASE.key()
                            + " ("
                            + base
                            + ")");
        }
        return new DeliverySettings(
                agenciesFile,
                new RetryPolicy(
                        config.get(ALERTING_RETRY_MAX_ATTEMPTS),
                        base,
                        max,
                        config.get(ALERTING_RETRY_JITTER),
                        config.get(ALERTING_RETRY_BUDGET)),
                config.get(ALERTING_COALESCE_WINDOW),
                config.get(ALERTING_HTTP_TIMEOUT),
                config.get(ALERTING_CAP_SENDER),
                config.get(ALERTING_CAP_RADIUS_KM),
                config.get(ALERTING_TIME_ZONE),
                config.get(ALERTING_SENDERS),
                config.get(ALERTING_INBOUND_PATH),
                config.get(ALERTING_INBOUND_PORT).orElse(null));
    }

    private void startConsole(Path data) {
        String agenciesFile = config.get(ALERTING_AGENCIES_FILE);
        String mediaDir = config.get(INGEST_HTTP_MEDIA_DIR);
        String adminPassword = config.get(CONSOLE_ADMIN_PASSWORD);
        String ingestHealth = config.get(CONSOLE_INGEST_HEALTH_URL);
        String alertingHealth = config.get(CONSOLE_ALERTING_HEALTH_URL);
        KafkaHealthCheck kafkaCheck = new KafkaHealthCheck(bootstrapServers, HEALTH_TIMEOUT);
        started.push(kafkaCheck);
        List<HealthCheck> checks =
                List.of(
                        kafkaCheck,
                        new FlinkHealthCheck(flinkRestUrl, JOBS, HEALTH_TIMEOUT),
                        new HttpHealthCheck("influxdb", influxUrl + "/ping", HEALTH_TIMEOUT),
                        new HttpHealthCheck(
                                "ingest",
                                ingestHealth.isEmpty()
                                        ? "http://127.0.0.1:" + ingest.httpPort() + "/health"
                                        : ingestHealth,
                                HEALTH_TIMEOUT),
                        new HttpHealthCheck(
                                "alerting",
                                alertingHealth.isEmpty()
                                        ? "http://127.0.0.1:" + alertingPort + "/health"
                                        : alertingHealth,
                                HEALTH_TIMEOUT));
        console =
                new ConsoleServer(
                        new ConsoleConfig(
                                config.get(CONSOLE_BIND_ADDRESS),
                                config.get(CONSOLE_PORT),
                                HEALTH_TIMEOUT,
                                bootstrapServers,
                                influxUrl,
                                config.get(INFLUXDB_DATABASE),
                                emptyToNull(config.get(INFLUXDB_USERNAME)),
                                emptyToNull(config.get(INFLUXDB_PASSWORD)),
                                agenciesFile.isEmpty() ? null : Path.of(agenciesFile),
                                mediaDir.isEmpty() ? data.resolve("media") : Path.of(mediaDir),
                                adminPassword.isEmpty()
                                        ? System.getenv("VIGIL_ADMIN_PASSWORD")
                                        : adminPassword,
                                config.get(CONSOLE_SESSION_IDLE_TIMEOUT),
                                config.get(CONSOLE_SESSION_MAX_LIFETIME)),
                        new HealthProbe(checks, HEALTH_TIMEOUT.plusSeconds(1), Clock.systemUTC()));
        started.push(console);
        console.start();
        endpoints.put("Console", "http://localhost:" + console.port());
    }

    /** Where each part listens, one per line, for the person who started Vigil. */
    public String banner() {
        StringBuilder b = new StringBuilder("\nVigil is up.\n");
        endpoints.forEach((name, where) -> b.append(String.format("  %-16s %s%n", name, where)));
        b.append("  Health: http://localhost:").append(console.port()).append("/api/health\n");
        b.append("Press Ctrl-C to stop.\n");
        return b.toString();
    }

    /** The console's bound port. */
    public int consolePort() {
        return console.port();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String influxUrl() {
        return influxUrl;
    }

    public int hj212Port() {
        return ingest.hj212Port();
    }

    public int ingestHttpPort() {
        return ingest.httpPort();
    }

    /** Stops everything that was started, newest first; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (flink != null) {
            // Cancel first: checkpoints are retained on cancellation, so the next start resumes.
            for (JobID job : jobs) {
                try {
                    flink.cancel(job);
                } catch (RuntimeException e) {
                    LOG.warn("Could not cancel job {}: {}", job, e.getMessage());
                }
            }
            jobs.clear();
        }
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
