package dev.vigil.alerting.channel;

import dev.vigil.events.delivery.Delivery;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts OASIS CAP 1.2 XML to an agency or to the city-level command system's feed (the upward feed
 * is just an agency whose endpoint is CAP); signed like webhooks when a secret is set.
 */
public final class CapChannel implements DeliveryChannel {
    private final HttpPost http;
    private final Clock clock;
    private final String sender;
    private final double radiusKm;

    public CapChannel(
            HttpClient client, Duration timeout, Clock clock, String sender, double radiusKm) {
        this.http = new HttpPost(client, timeout);
        this.clock = clock;
        this.sender = sender;
        this.radiusKm = radiusKm;
    }

    @Override
    public Delivery.Channel kind() {
        return Delivery.Channel.CAP;
    }

    @Override
    public SendResult send(Outgoing m) {
        byte[] body = CapDocument.write(m, sender, radiusKm);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSigner.ID_HEADER, m.deliveryId());
        if (m.endpoint().secret() != null) {
            long ts = clock.instant().getEpochSecond();
            headers.put(WebhookSigner.TIMESTAMP_HEADER, Long.toString(ts));
            headers.put(
                    WebhookSigner.SIGNATURE_HEADER,
                    WebhookSigner.sign(m.endpoint().secret(), m.deliveryId(), ts, body));
        }
        return http.post(m.endpoint().url(), "application/cap+xml", body, headers);
    }
}
