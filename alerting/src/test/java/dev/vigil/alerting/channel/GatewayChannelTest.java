package dev.vigil.alerting.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.Fixtures;
import dev.vigil.alerting.route.Endpoint;
import dev.vigil.events.Json;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GatewayChannelTest {
    @Test
    void postsToAndTextWithTheApiKeyAndClassifiesStatuses() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        int[] status = {200};
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext(
                "/send",
                ex -> {
                    JsonNode body = Json.mapper().readTree(ex.getRequestBody());
                    seen.add(
                            ex.getRequestHeaders().getFirst("X-Api-Key")
                                    + "|"
                                    + body.get("to").asText()
                                    + "|"
                                    + body.get("text").asText());
                    ex.sendResponseHeaders(status[0], -1);
                    ex.close();
                });
        gateway.start();
        try {
            Endpoint sms =
                    new Endpoint(
                            Delivery.Channel.SMS,
                            "http://127.0.0.1:" + gateway.getAddress().getPort() + "/send",
                            null,
                            "gw-key",
                            "+8613800000000");
            IncidentEvent e =
                    Fixtures.event("inc-9", 1, IncidentEvent.Type.OPENED, IncidentEvent.State.OPEN);
            Outgoing m =
                    new Outgoing(
                            "dlv-9",
                            MessageType.ALERT,
                            e,
                            Fixtures.sources().source(e.sourceId()),
                            "env",
                            sms,
                            e.at(),
                            null,
                            null);
            GatewayChannel channel =
                    new GatewayChannel(
                            Delivery.Channel.SMS,
                            HttpClient.newHttpClient(),
                            Duration.ofSeconds(2));
            assertThat(channel.send(m).delivered()).isTrue();
            assertThat(seen.get(0))
                    .startsWith("gw-key|+8613800000000|New incident inc-9: ALARM")
                    .contains("Harbour Road", "dlv-9");
            status[0] = 429;
            assertThat(channel.send(m).retryable()).isTrue();
            status[0] = 403;
            SendResult refused = channel.send(m);
            assertThat(refused.delivered()).isFalse();
            assertThat(refused.retryable()).isFalse();
            assertThat(refused.httpStatus()).isEqualTo(403);
        } finally {
            gateway.stop(0);
        }
    }
}
