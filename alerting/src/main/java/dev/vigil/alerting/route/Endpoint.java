package dev.vigil.alerting.route;

import dev.vigil.events.delivery.Delivery;
import java.util.Objects;

/**
 * One way to reach an agency: the channel, where to send, and the credential to sign or
 * authenticate with.
 *
 * @param channel how it is reached
 * @param url the receiver's (or gateway's) URL
 * @param secret HMAC secret for {@link Delivery.Channel#WEBHOOK} and {@link Delivery.Channel#CAP};
 *     nullable for gateways
 * @param apiKey the gateway's API key for SMS and e-mail; nullable otherwise
 * @param to phone number or e-mail address for SMS and e-mail; nullable otherwise
 */
public record Endpoint(
        Delivery.Channel channel, String url, String secret, String apiKey, String to) {
    public Endpoint {
        Objects.requireNonNull(channel, "channel is required");
        Objects.requireNonNull(url, "url is required");
    }
}
