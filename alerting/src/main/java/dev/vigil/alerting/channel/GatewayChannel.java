package dev.vigil.alerting.channel;

import dev.vigil.events.Json;
import dev.vigil.events.delivery.Delivery;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a short text through an SMS or e-mail gateway: POST {@code {to, text}} as JSON with the
 * gateway's API key in {@code X-Api-Key} and the delivery id in {@code Idempotency-Key}.
 */
public final class GatewayChannel implements DeliveryChannel {
    private final Delivery.Channel kind;
    private final HttpPost http;

    public GatewayChannel(Delivery.Channel kind, HttpClient client, Duration timeout) {
        if (kind != Delivery.Channel.SMS && kind != Delivery.Channel.EMAIL) {
            throw new IllegalArgumentException("kind: SMS or EMAIL, was " + kind);
        }
        this.kind = kind;
        this.http = new HttpPost(client, timeout);
    }

    @Override
    public Delivery.Channel kind() {
        return kind;
    }

    /** The text an agency's phone or mailbox gets. */
    public static String text(Outgoing m) {
        var i = m.incident();
        String what =
                switch (m.type()) {
                    case ALERT -> "New incident";
                    case UPDATE -> "Incident update";
                    case CANCEL -> "Incident ended";
                };
        return what
                + " "
                + i.incidentId()
                + ": "
                + i.severity()
                + " at source "
                + i.sourceId()
                + (m.source().street() == null ? "" : " (" + m.source().street() + ")")
                + ", state "
                + i.state()
                + ", "
                + i.alertIds().size()
                + " alert(s). Ref "
                + m.deliveryId();
    }

    @Override
    public SendResult send(Outgoing m) {
        byte[] body =
                Json.toBytes(Map.of("to", String.valueOf(m.endpoint().to()), "text", text(m)));
        return http.post(
                m.endpoint().url(),
                "application/json",
                body,
                Map.of(
                        "X-Api-Key",
                        String.valueOf(m.endpoint().apiKey()),
                        "Idempotency-Key",
                        m.deliveryId()));
    }
}
