package dev.vigil.jobs.influx;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts batches of line-protocol lines to InfluxDB's 1.x {@code /write} endpoint with millisecond
 * precision, which InfluxDB 1.8+, 2.x and 3.x also serve, retrying 5xx, 408, 429 and I/O errors
 * with backoff and failing at once, with InfluxDB's error text, on any other rejection (except
 * points older than the database's retention policy, which InfluxDB drops by design).
 *
 * <p>Credentials go in a basic-authentication header (never in the URL, where proxies and access
 * logs would keep them), which InfluxDB 1.x accepts for users and 2.x/3.x for tokens.
 */
public final class InfluxHttpWriter implements LineWriter {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxHttpWriter.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_TEXT = 2_000;
    private static final String BEYOND_RETENTION =
            "partial write: points beyond retention policy dropped=";

    private final String url;
    private final String database;
    private final URI writeUri;
    private final String authorization;
    private final RetryPolicy retry;
    private final HttpClient http;

    public InfluxHttpWriter(InfluxSinkConfig config, RetryPolicy retry) {
        Objects.requireNonNull(config, "config");
        this.url = config.url();
        this.database = config.database();
        this.writeUri =
                URI.create(
                        config.url()
                                + "/write?db="
                                + URLEncoder.encode(config.database(), StandardCharsets.UTF_8)
                                + "&precision=ms");
        this.authorization =
                config.hasCredentials()
                        ? "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (config.username() + ":" + config.password())
                                                        .getBytes(StandardCharsets.UTF_8))
                        : null;
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .build();
    }

    @Override
    public void write(List<String> lines) throws IOException, InterruptedException {
        if (lines.isEmpty()) {
            return;
        }
        HttpRequest request = request(body(lines));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = null;
            IOException cause = null;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                cause = e;
            }
            int status = response == null ? 0 : response.statusCode();
            if (status / 100 == 2) {
                return;
            }
            String failure =
                    response == null
                            ? "(" + cause.getClass().getSimpleName() + "): " + describe(cause)
                            : "(" + status + "): " + errorText(response);
            if (status == 400 && failure.contains(BEYOND_RETENTION)) {
                // The other points are stored; these are older than the database keeps data.
                // Failing would restart the job onto the same points forever.
                LOG.warn(
                        "InfluxDB at {} dropped points of a batch of {} lines as older than its"
                                + " retention policy {}",
                        url,
                        lines.size(),
                        failure);
                return;
            }
            if (response != null && !isTransient(status)) {
                throw new InfluxWriteException(
                        "InfluxDB at "
                                + url
                                + " rejected a batch of "
                                + lines.size()
                                + " lines for database "
                                + database
                                + " "
                                + failure,
                        status,
                        null);
            }
            if (attempt >= retry.attempts()) {
                throw new InfluxWriteException(
                        "InfluxDB at "
                                + url
                                + " did not take a batch of "
                                + lines.size()
                                + " lines for database "
                                + database
                                + " in "
                                + attempt
                                + " attempts; last failure "
                                + failure,
                        status,
                        cause);
            }
            Duration backoff = retry.backoffAfter(attempt);
            LOG.warn(
                    "Write of {} lines to InfluxDB at {} failed {}; attempt {} of {} in {} ms",
                    lines.size(),
                    url,
                    failure,
                    attempt + 1,
                    retry.attempts(),
                    backoff.toMillis());
            Thread.sleep(backoff.toMillis());
        }
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(writeUri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static byte[] body(List<String> lines) {
        StringBuilder body = new StringBuilder(lines.size() * 128);
        for (String line : lines) {
            body.append(line).append('\n');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Server trouble and throttling pass; anything else means the request itself is wrong. */
    private static boolean isTransient(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** java.net.http leaves the message of some failures empty; their cause has one. */
    private static String describe(IOException e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? "no details" : t.getMessage();
    }

    private static String errorText(HttpResponse<String> response) {
        String text = response.body() == null ? "" : response.body().strip();
        if (text.isEmpty()) {
            text = response.headers().firstValue("X-Influxdb-Error").orElse("(no error text)");
        }
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "..." : text;
    }
}
