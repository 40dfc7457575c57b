package dev.vigil.alerting.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The one HTTP POST the channels share, with a request timeout and failures as results. */
final class HttpPost {
    private final HttpClient client;
    private final Duration timeout;

    HttpPost(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    SendResult post(String url, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(timeout)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return SendResult.ofStatus(response.statusCode(), response.body());
        } catch (IOException e) {
            return SendResult.unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.unreachable("interrupted");
        }
    }
}
