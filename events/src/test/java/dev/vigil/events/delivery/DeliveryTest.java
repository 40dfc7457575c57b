package dev.vigil.events.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void deliveryIdIsTheSameOnEveryRetryAndDiffersPerAgencyAndChannel() {
        String id = Delivery.idFor("evt-1", "agency-1", Delivery.Channel.WEBHOOK);

        assertThat(Delivery.idFor("evt-1", "agency-1", Delivery.Channel.WEBHOOK)).isEqualTo(id);
        assertThat(Delivery.idFor("evt-1", "agency-2", Delivery.Channel.WEBHOOK)).isNotEqualTo(id);
        assertThat(Delivery.idFor("evt-1", "agency-1", Delivery.Channel.CAP)).isNotEqualTo(id);
    }
}
