package dev.vigil.console;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The console's settings: where it listens, how long a health check may take, where Kafka and
 * InfluxDB are, the agency directory and media folder, the first administrator's password and how
 * long sessions last.
 *
 * @param bindAddress address to listen on
 * @param port port to listen on; 0 picks a free one
 * @param healthDeadline how long {@code /api/health} waits for every component
 * @param kafkaBootstrapServers Kafka to read projections from and publish to; empty serves only the
 *     health check and the UI (no API)
 * @param influxUrl InfluxDB's HTTP base address for readings; empty when there is none
 * @param influxDatabase the database Vigil's readings are in
 * @param influxUsername nullable
 * @param influxPassword nullable
 * @param agenciesFile the alerting service's agency directory (JSON); nullable
 * @param mediaDir where ingest keeps evidence pictures; nullable
 * @param adminPassword the password of {@code admin} created on first start; nullable to generate
 *     one
 * @param sessionIdle a session ends after this long without a request
 * @param sessionMaximum a session ends this long after sign-in, whatever happens
 */
public record ConsoleConfig(
        String bindAddress,
        int port,
        Duration healthDeadline,
        String kafkaBootstrapServers,
        String influxUrl,
        String influxDatabase,
        String influxUsername,
        String influxPassword,
        Path agenciesFile,
        Path mediaDir,
        String adminPassword,
        Duration sessionIdle,
        Duration sessionMaximum) {

    /** The default idle timeout of a session. */
    public static final Duration SESSION_IDLE = Duration.ofMinutes(30);

    /** The default absolute lifetime of a session. */
    public static final Duration SESSION_MAXIMUM = Duration.ofHours(12);

    public ConsoleConfig {
        kafkaBootstrapServers = kafkaBootstrapServers == null ? "" : kafkaBootstrapServers;
        influxUrl = influxUrl == null ? "" : influxUrl;
        influxDatabase = influxDatabase == null ? "vigil" : influxDatabase;
        sessionIdle = sessionIdle == null ? SESSION_IDLE : sessionIdle;
        sessionMaximum = sessionMaximum == null ? SESSION_MAXIMUM : sessionMaximum;
    }

    /** A console that serves only the health check and the UI. */
    public ConsoleConfig(String bindAddress, int port, Duration healthDeadline) {
        this(
                bindAddress,
                port,
                healthDeadline,
                "",
                "",
                "vigil",
                null,
                null,
                null,
                null,
                null,
                SESSION_IDLE,
                SESSION_MAXIMUM);
    }

    /** Whether the API is served (Kafka is configured). */
    public boolean servesApi() {
        return !kafkaBootstrapServers.isBlank();
    }
}
