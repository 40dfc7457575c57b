package dev.vigil.alerting.channel;

import dev.vigil.events.delivery.Delivery;

/** Sends one message to one kind of destination; implementations never throw for a failed send. */
public interface DeliveryChannel {
    Delivery.Channel kind();

    SendResult send(Outgoing message);
}
