package dev.vigil.deploy.config;

import static dev.vigil.deploy.config.Parsers.DURATION;
import static dev.vigil.deploy.config.Parsers.FRACTION;
import static dev.vigil.deploy.config.Parsers.OPTIONAL_PORT;
import static dev.vigil.deploy.config.Parsers.OPTIONAL_URL;
import static dev.vigil.deploy.config.Parsers.PATH;
import static dev.vigil.deploy.config.Parsers.PORT;
import static dev.vigil.deploy.config.Parsers.POSITIVE;
import static dev.vigil.deploy.config.Parsers.POSITIVE_DECIMAL;
import static dev.vigil.deploy.config.Parsers.SIZE;
import static dev.vigil.deploy.config.Parsers.TEXT;
import static dev.vigil.deploy.config.Parsers.ZONE;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Every key {@code vigil.yaml} accepts, with its default and description, in one place. */
public final class Settings {
    private Settings() {}

    public static final Setting<String> DATA_DIR =
            new Setting<>(
                    "data-dir",
                    "./data",
                    "Folder where the embedded Kafka, Flink checkpoints and InfluxDB keep their data.",
                    TEXT);

    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS =
            new Setting<>(
                    "kafka.bootstrap-servers",
                    "",
                    "Kafka cluster to use (host:port,...); empty starts the embedded broker.",
                    TEXT);
    public static final Setting<Integer> KAFKA_EMBEDDED_PORT =
            new Setting<>(
                    "kafka.embedded.port",
                    "9092",
                    "Client port of the embedded Kafka broker.",
                    PORT);
    public static final Setting<Integer> KAFKA_EMBEDDED_CONTROLLER_PORT =
            new Setting<>(
                    "kafka.embedded.controller-port",
                    "9093",
                    "KRaft controller port of the embedded Kafka broker.",
                    PORT);
    public static final Setting<Integer> KAFKA_PARTITIONS =
            new Setting<>(
                    "kafka.partitions",
                    "4",
                    "Partitions of each Vigil topic when Vigil creates it.",
                    POSITIVE);

    public static final Setting<String> FLINK_REST_URL =
            new Setting<>(
                    "flink.rest-url",
                    "",
                    "REST address of an external Flink cluster running Vigil's jobs; empty starts the embedded MiniCluster.",
                    OPTIONAL_URL);
    public static final Setting<Integer> FLINK_REST_PORT =
            new Setting<>(
                    "flink.embedded.rest-port",
                    "8081",
                    "REST port of the embedded Flink MiniCluster (job status for health checks).",
                    PORT);
    public static final Setting<Integer> FLINK_PARALLELISM =
            new Setting<>("flink.parallelism", "2", "Parallelism of Vigil's Flink jobs.", POSITIVE);
    public static final Setting<Integer> FLINK_TASK_SLOTS =
            new Setting<>(
                    "flink.embedded.task-slots",
                    "8",
                    "Task slots of the embedded MiniCluster's task manager.",
                    POSITIVE);
    public static final Setting<Duration> FLINK_BUFFER_TIMEOUT =
            new Setting<>(
                    "flink.buffer-timeout",
                    "10ms",
                    "Longest wait of a record in a partly filled network buffer between operators"
                            + " (Flink's execution.buffer-timeout.interval, 100ms by default):"
                            + " lower for alert latency, higher for throughput.",
                    DURATION);

    public static final Setting<Duration> FLINK_CHECKPOINT_INTERVAL =
            new Setting<>(
                    "flink.checkpoint-interval",
                    "10s",
                    "How often Flink checkpoints job state (and flushes the InfluxDB sink).",
                    DURATION);

    public static final Setting<String> INFLUXDB_URL =
            new Setting<>(
                    "influxdb.url",
                    "",
                    "InfluxDB server (1.x /write API, also served by 1.8+, 2.x, 3.x); empty starts the embedded influxd.",
                    OPTIONAL_URL);
    public static final Setting<String> INFLUXDB_DATABASE =
            new Setting<>(
                    "influxdb.database", "vigil", "Database that holds readings and alerts.", TEXT);
    public static final Setting<String> INFLUXDB_USERNAME =
            new Setting<>(
                    "influxdb.username",
                    "",
                    "InfluxDB user for an external server; empty for none.",
                    TEXT);
    public static final Setting<String> INFLUXDB_PASSWORD =
            new Setting<>(
                    "influxdb.password",
                    "",
                    "InfluxDB password for an external server (prefer VIGIL_INFLUXDB_PASSWORD).",
                    TEXT);
    public static final Setting<Integer> INFLUXDB_EMBEDDED_PORT =
            new Setting<>(
                    "influxdb.embedded.port",
                    "8086",
                    "HTTP port of the embedded influxd (loopback only).",
                    PORT);
    public static final Setting<String> INFLUXDB_EMBEDDED_INFLUXD =
            new Setting<>(
                    "influxdb.embedded.influxd",
                    "",
                    "Path of the influxd binary; empty looks on PATH and in /usr/bin.",
                    TEXT);

    public static final Setting<String> INGEST_BIND_ADDRESS =
            new Setting<>(
                    "ingest.bind-address",
                    "0.0.0.0",
                    "Address the ingest servers listen on (devices and cameras connect here).",
                    TEXT);
    public static final Setting<Integer> INGEST_HJ212_PORT =
            new Setting<>("ingest.hj212.port", "9212", "TCP port for HJ 212 data loggers.", PORT);
    public static final Setting<Duration> INGEST_HJ212_IDLE_TIMEOUT =
            new Setting<>(
                    "ingest.hj212.idle-timeout",
                    "5m",
                    "Close a data logger's connection after it sent nothing for this long.",
                    DURATION);
    public static final Setting<Integer> INGEST_HJ212_MAX_CONNECTIONS_PER_ADDRESS =
            new Setting<>(
                    "ingest.hj212.max-connections-per-address",
                    "256",
                    "Open connections allowed from one remote address (4G loggers often share one behind NAT).",
                    POSITIVE);
    public static final Setting<Integer> INGEST_HJ212_MAX_IN_FLIGHT =
            new Setting<>(
                    "ingest.hj212.max-in-flight",
                    "8192",
                    "Frames awaiting Kafka's acknowledgement before the gateway stops reading from devices.",
                    POSITIVE);
    public static final Setting<Duration> INGEST_HJ212_FUTURE_TOLERANCE =
            new Setting<>(
                    "ingest.hj212.future-tolerance",
                    "10m",
                    "A DataTime further ahead of the receive time is accepted but flagged datatime-in-future.",
                    DURATION);
    public static final Setting<Duration> INGEST_HJ212_PAST_TOLERANCE =
            new Setting<>(
                    "ingest.hj212.past-tolerance",
                    "30d",
                    "A DataTime further behind the receive time is accepted but flagged datatime-far-past.",
                    DURATION);
    public static final Setting<Integer> INGEST_HJ212_DUPLICATE_WINDOW =
            new Setting<>(
                    "ingest.hj212.duplicate-window",
                    "100000",
                    "Recent frames remembered so that a device's resend is published once.",
                    POSITIVE);
    public static final Setting<Integer> INGEST_HTTP_PORT =
            new Setting<>(
                    "ingest.http.port",
                    "9280",
                    "HTTP port for video events, complaints and the ingest health check.",
                    PORT);

    public static final Setting<String> INGEST_HTTP_MEDIA_DIR =
            new Setting<>(
                    "ingest.http.media-dir",
                    "",
                    "Folder for evidence pictures from cameras and complaints; empty means <data-dir>/media.",
                    TEXT);
    public static final Setting<Long> INGEST_HTTP_VIDEO_MAX_BODY =
            new Setting<>(
                    "ingest.http.video.max-body",
                    "16MiB",
                    "Largest video event request, pictures included (larger gets 413).",
                    SIZE);
    public static final Setting<Long> INGEST_HTTP_COMPLAINTS_MAX_BODY =
            new Setting<>(
                    "ingest.http.complaints.max-body",
                    "8MiB",
                    "Largest complaint request, attached photos included (larger gets 413).",
                    SIZE);
    public static final Setting<Long> INGEST_HTTP_MAX_PICTURE =
            new Setting<>(
                    "ingest.http.max-picture",
                    "4MiB",
                    "Largest single picture stored as evidence.",
                    SIZE);
    public static final Setting<Duration> INGEST_HTTP_SIGNATURE_WINDOW =
            new Setting<>(
                    "ingest.http.signature-window",
                    "5m",
                    "How far X-Vigil-Timestamp of a signed request may be from the server clock.",
                    DURATION);

    public static final Setting<String> ALERTING_BIND_ADDRESS =
            new Setting<>(
                    "alerting.bind-address",
                    "0.0.0.0",
                    "Address the alerting service listens on (agencies send their answers here).",
                    TEXT);
    public static final Setting<Integer> ALERTING_HEALTH_PORT =
            new Setting<>(
                    "alerting.health-port",
                    "9290",
                    "HTTP port of the alerting service's health check (and of the agencies' answer API unless alerting.inbound.port is set).",
                    PORT);

    public static final Setting<String> ALERTING_AGENCIES_FILE =
            new Setting<>(
                    "alerting.agencies-file",
                    "",
                    "JSON file of linked agencies, their channels and routing rules (source facts come from the registry); empty disables dispatch to agencies.",
                    TEXT);

    public static final Setting<Optional<Integer>> ALERTING_INBOUND_PORT =
            new Setting<>(
                    "alerting.inbound.port",
                    "",
                    "Port of the agencies' answer API when it should listen apart from the health check; empty serves it on alerting.health-port.",
                    OPTIONAL_PORT);
    public static final Setting<String> ALERTING_INBOUND_PATH =
            new Setting<>(
                    "alerting.inbound.path",
                    "/agency/v1",
                    "Path prefix of the agencies' answer API.",
                    PATH);
    public static final Setting<Duration> ALERTING_RETRY_BUDGET =
            new Setting<>(
                    "alerting.retry.budget",
                    "6h",
                    "How long a failing delivery is retried before it is dead-lettered and operators see DELIVERY_FAILED.",
                    DURATION);
    public static final Setting<Integer> ALERTING_RETRY_MAX_ATTEMPTS =
            new Setting<>(
                    "alerting.retry.max-attempts",
                    "1000",
                    "Most attempts of one delivery within the retry budget.",
                    POSITIVE);
    public static final Setting<Duration> ALERTING_RETRY_BACKOFF_BASE =
            new Setting<>(
                    "alerting.retry.backoff-base",
                    "5s",
                    "Wait after the first failed attempt; it doubles with every further failure.",
                    DURATION);
    public static final Setting<Duration> ALERTING_RETRY_BACKOFF_MAX =
            new Setting<>(
                    "alerting.retry.backoff-max",
                    "15m",
                    "Longest wait between two attempts (at least alerting.retry.backoff-base).",
                    DURATION);
    public static final Setting<Double> ALERTING_RETRY_JITTER =
            new Setting<>(
                    "alerting.retry.jitter",
                    "1.0",
                    "Share of each wait that is random, 0 to 1 (1 is full jitter), so a receiver coming back is not hit by every retry at once.",
                    FRACTION);
    public static final Setting<Duration> ALERTING_HTTP_TIMEOUT =
            new Setting<>(
                    "alerting.http-timeout",
                    "10s",
                    "Connect and response timeout of one delivery attempt.",
                    DURATION);
    public static final Setting<Duration> ALERTING_COALESCE_WINDOW =
            new Setting<>(
                    "alerting.coalesce-window",
                    "5s",
                    "How long changes to an incident are gathered into one update per agency.",
                    DURATION);
    public static final Setting<Integer> ALERTING_SENDERS =
            new Setting<>(
                    "alerting.senders", "4", "Deliveries attempted at the same time.", POSITIVE);
    public static final Setting<ZoneId> ALERTING_TIME_ZONE =
            new Setting<>(
                    "alerting.time-zone",
                    "",
                    "Time zone of time-of-day routing rules, e.g. Asia/Shanghai; empty uses the machine's.",
                    ZONE);
    public static final Setting<String> ALERTING_CAP_SENDER =
            new Setting<>(
                    "alerting.cap.sender",
                    "vigil@command-center",
                    "The sender of CAP 1.2 messages, as agencies and the city-level system see it.",
                    TEXT);
    public static final Setting<Double> ALERTING_CAP_RADIUS_KM =
            new Setting<>(
                    "alerting.cap.radius-km",
                    "0.5",
                    "Radius in km of the CAP area circle drawn around the source.",
                    POSITIVE_DECIMAL);

    public static final Setting<String> CONSOLE_BIND_ADDRESS =
            new Setting<>(
                    "console.bind-address",
                    "0.0.0.0",
                    "Address the console and API listen on.",
                    TEXT);
    public static final Setting<Integer> CONSOLE_PORT =
            new Setting<>("console.port", "8080", "Port of the console and its API.", PORT);
    public static final Setting<String> CONSOLE_INGEST_HEALTH_URL =
            new Setting<>(
                    "console.health.ingest-url",
                    "",
                    "Ingest health endpoint the console checks; empty means this host's ingest.http.port.",
                    OPTIONAL_URL);
    public static final Setting<String> CONSOLE_ALERTING_HEALTH_URL =
            new Setting<>(
                    "console.health.alerting-url",
                    "",
                    "Alerting health endpoint the console checks; empty means this host's alerting.health-port.",
                    OPTIONAL_URL);

    public static final Setting<String> CONSOLE_ADMIN_PASSWORD =
            new Setting<>(
                    "console.admin-password",
                    "",
                    "Password of 'admin', created when the console starts with no account at all; empty uses VIGIL_ADMIN_PASSWORD, else generates one and logs it once.",
                    TEXT);
    public static final Setting<Duration> CONSOLE_SESSION_IDLE_TIMEOUT =
            new Setting<>(
                    "console.session.idle-timeout",
                    "30m",
                    "A console session ends after this long without a request.",
                    DURATION);
    public static final Setting<Duration> CONSOLE_SESSION_MAX_LIFETIME =
            new Setting<>(
                    "console.session.max-lifetime",
                    "12h",
                    "A console session ends this long after sign-in, however busy.",
                    DURATION);

    /** Every key, in the order {@code vigil.yaml} documents them. */
    public static List<Setting<?>> all() {
        return List.of(
                DATA_DIR,
                KAFKA_BOOTSTRAP_SERVERS,
                KAFKA_PARTITIONS,
                KAFKA_EMBEDDED_PORT,
                KAFKA_EMBEDDED_CONTROLLER_PORT,
                FLINK_REST_URL,
                FLINK_PARALLELISM,
                FLINK_CHECKPOINT_INTERVAL,
                FLINK_BUFFER_TIMEOUT,
                FLINK_REST_PORT,
                FLINK_TASK_SLOTS,
                INFLUXDB_URL,
                INFLUXDB_DATABASE,
                INFLUXDB_USERNAME,
                INFLUXDB_PASSWORD,
                INFLUXDB_EMBEDDED_PORT,
                INFLUXDB_EMBEDDED_INFLUXD,
                INGEST_BIND_ADDRESS,
                INGEST_HJ212_PORT,
                INGEST_HJ212_IDLE_TIMEOUT,
                INGEST_HJ212_MAX_CONNECTIONS_PER_ADDRESS,
                INGEST_HJ212_MAX_IN_FLIGHT,
                INGEST_HJ212_FUTURE_TOLERANCE,
                INGEST_HJ212_PAST_TOLERANCE,
                INGEST_HJ212_DUPLICATE_WINDOW,
                INGEST_HTTP_PORT,
                INGEST_HTTP_MEDIA_DIR,
                INGEST_HTTP_VIDEO_MAX_BODY,
                INGEST_HTTP_COMPLAINTS_MAX_BODY,
                INGEST_HTTP_MAX_PICTURE,
                INGEST_HTTP_SIGNATURE_WINDOW,
                ALERTING_BIND_ADDRESS,
                ALERTING_HEALTH_PORT,
                ALERTING_AGENCIES_FILE,
                ALERTING_INBOUND_PORT,
                ALERTING_INBOUND_PATH,
                ALERTING_RETRY_BUDGET,
                ALERTING_RETRY_MAX_ATTEMPTS,
                ALERTING_RETRY_BACKOFF_BASE,
                ALERTING_RETRY_BACKOFF_MAX,
                ALERTING_RETRY_JITTER,
                ALERTING_HTTP_TIMEOUT,
                ALERTING_COALESCE_WINDOW,
                ALERTING_SENDERS,
                ALERTING_TIME_ZONE,
                ALERTING_CAP_SENDER,
                ALERTING_CAP_RADIUS_KM,
                CONSOLE_BIND_ADDRESS,
                CONSOLE_PORT,
                CONSOLE_INGEST_HEALTH_URL,
                CONSOLE_ALERTING_HEALTH_URL,
                CONSOLE_ADMIN_PASSWORD,
                CONSOLE_SESSION_IDLE_TIMEOUT,
                CONSOLE_SESSION_MAX_LIFETIME);
    }
}
