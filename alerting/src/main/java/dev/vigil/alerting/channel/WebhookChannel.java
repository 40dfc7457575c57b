package dev.vigil.alerting.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.Json;
import dev.vigil.events.delivery.Delivery;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts the incident as signed JSON ({@code {deliveryId, messageType, references, incident}}) with
 * the delivery id, a Unix-seconds timestamp and the HMAC signature as headers.
 */
public final class WebhookChannel implements DeliveryChannel {
    private static final ObjectMapper JSON = Json.mapper();
    private final HttpPost http;
    private final Clock clock;

    public WebhookChannel(HttpClient client, Duration timeout, Clock clock) {
        this.http = new HttpPost(client, timeout);
        this.clock = clock;
    }

    @Override
    public Delivery.Channel kind() {
        return Delivery.Channel.WEBHOOK;
    }

    /** The JSON body sent for a message. */
    public static byte[] body(Outgoing m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", m.deliveryId());
        body.put("messageType", m.type());
        body.put("agencyId", m.agencyId());
        body.put("references", m.referencesId());
        body.put("incident", m.incident());
        return Json.toBytes(body);
    }

    @Override
    public SendResult send(Outgoing m) {
        byte[] body = body(m);
        long ts = clock.instant().getEpochSecond();
        String secret = m.endpoint().secret() == null ? "" : m.endpoint().secret();
        return http.post(
                m.endpoint().url(),
                "application/json",
                body,
                Map.of(
                        WebhookSigner.ID_HEADER, m.deliveryId(),
                        WebhookSigner.TIMESTAMP_HEADER, Long.toString(ts),
                        WebhookSigner.SIGNATURE_HEADER,
                                WebhookSigner.sign(secret, m.deliveryId(), ts, body)));
    }
}
