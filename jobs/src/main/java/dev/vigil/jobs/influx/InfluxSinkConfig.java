package dev.vigil.jobs.influx;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the InfluxDB sink writes: the server's 1.x HTTP API (also served by InfluxDB 1.8+,
 * 2.x and 3.x), the database, optional credentials, and when a batch is sent.
 *
 * @param url base address, for example {@code http://127.0.0.1:8086}; a trailing slash is dropped
 * @param database database (1.x) or database/retention-policy mapping (2.x, 3.x) to write to
 * @param username user for basic authentication; {@code null} or empty for none
 * @param password password (or 2.x/3.x token) for basic authentication; never logged
 * @param batchSize lines per request; a batch is sent as soon as it is this big
 * @param flushInterval the longest a line waits in a partial batch before it is sent
 */
public record InfluxSinkConfig(
        String url,
        String database,
        String username,
        String password,
        int batchSize,
        Duration flushInterval)
        implements Serializable {

    /** Lines per request unless configured otherwise: well under InfluxDB's advised 5,000. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    /** How long a partial batch waits unless configured otherwise. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    public InfluxSinkConfig {
        Objects.requireNonNull(url, "url is required");
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "url: expected an http:// or https:// URL, was " + url);
        }
        if (uri.getUserInfo() != null) {
            // Credentials in the URL would end up in logs and error messages.
            throw new IllegalArgumentException(
                    "url: give credentials as username and password, not inside the URL");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        Objects.requireNonNull(database, "database is required");
        if (database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        username = username == null || username.isEmpty() ? null : username;
        password = password == null ? "" : password;
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        Objects.requireNonNull(flushInterval, "flushInterval is required");
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException(
                    "flushInterval must be positive, was " + flushInterval);
        }
    }

    /** A configuration without credentials and with the default batching. */
    public static InfluxSinkConfig of(String url, String database) {
        return new InfluxSinkConfig(
                url, database, null, null, DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL);
    }

    /** Whether requests carry basic authentication. */
    public boolean hasCredentials() {
        return username != null;
    }

    /** Everything but the password, so the configuration can be logged. */
    @Override
    public String toString() {
        return "InfluxSinkConfig[url="
                + url
                + ", database="
                + database
                + ", username="
                + username
                + ", password="
                + (password.isEmpty() ? "" : "***")
                + ", batchSize="
                + batchSize
                + ", flushInterval="
                + flushInterval
                + "]";
    }
}
