package dev.vigil.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.ConsoleConfig;
import dev.vigil.console.ConsoleServer;
import dev.vigil.console.auth.PasswordHasher;
import dev.vigil.console.health.HealthProbe;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Actor.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console keeps nothing Kafka cannot rebuild: after a restart, accounts, rules and the push
 * cursor of a client are as before.
 */
class ConsoleRestartIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(Records.topics());

    private static ConsoleServer start(String adminPassword) {
        return new ConsoleServer(
                        new ConsoleConfig(
                                "127.0.0.1",
                                0,
                                Duration.ofSeconds(2),
                                KAFKA.bootstrapServers(),
                                "",
                                "vigil",
                                null,
                                null,
                                null,
                                null,
                                adminPassword,
                                null,
                                null),
                        new HealthProbe(List.of(), Duration.ofSeconds(1), Clock.systemUTC()),
                        new PasswordHasher(1024, 1, 1),
                        Clock.systemUTC())
                .start();
    }

    @Test
    void accountsRulesAndCursorsSurviveARestart() throws Exception {
        Instant t = Instant.now();
        String cursor;
        List<String> seen = new ArrayList<>();
        try (Records records = new Records(KAFKA.bootstrapServers())) {
            try (ConsoleServer first = start("first-admin-password")) {
                ApiClient admin =
                        new ApiClient(first.port()).signIn("admin", "first-admin-password");
                assertThat(
                                admin.post(
                                                "/api/users",
                                                "{\"username\":\"staff\",\"role\":\""
                                                        + Role.ENV_STAFF
                                                        + "\",\"password\":\"a-long-password\"}")
                                        .status())
                        .isEqualTo(201);
                ApiClient staff = new ApiClient(first.port()).signIn("staff", "a-long-password");
                assertThat(
                                staff.post(
                                                "/api/rules",
                                                "{\"ruleId\":\"r\",\"name\":\"COD\",\"scope\":{\"group\":\"g\",\"pollutantCode\":\"w01018\"},"
                                                        + "\"dataKind\":\"HOURLY\",\"comparator\":\"ABOVE\","
                                                        + "\"levels\":[{\"severity\":\"ALARM\",\"threshold\":100,\"mode\":\"PERCENT_OF_LIMIT\"}],"
                                                        + "\"persistence\":{\"consecutiveReadings\":1},\"clearRatio\":0.9}")
                                        .status())
                        .isEqualTo(201);
                ApiClient.Stream stream = staff.stream(null);
                stream.hello();
                for (int i = 0; i < 4; i++) {
                    records.publish(
                            Topics.ALERTS,
                            Records.alert(
                                    "r-" + i,
                                    "S" + i,
                                    Alert.Type.THRESHOLD,
                                    Alert.State.FIRING,
                                    t));
                }
                JsonNode last = null;
                while (seen.size() < 4) {
                    JsonNode m = stream.next();
                    if (m.path("kind").asText().equals("alert")) {
                        seen.add(m.path("data").path("alertId").asText());
                        last = m;
                    }
                }
                cursor = last.path("cursor").asText();
                stream.close();
            }
            for (int i = 4; i < 7; i++) {
                records.publish(
                        Topics.ALERTS,
                        Records.alert(
                                "r-" + i, "S" + i, Alert.Type.THRESHOLD, Alert.State.FIRING, t));
            }

            // WHEN the console starts again (another admin password is ignored: accounts exist)
            try (ConsoleServer second = start("ignored-password")) {
                ApiClient staff = new ApiClient(second.port()).signIn("staff", "a-long-password");
                new ApiClient(second.port()).signIn("admin", "first-admin-password");
                assertThat(staff.get("/api/rules/r").json().path("history").size()).isEqualTo(1);

                // THEN the old cursor resumes with exactly what came after it
                ApiClient.Stream resumed = staff.stream(cursor);
                records.publish(
                        Topics.ALERTS,
                        Records.alert("r-end", "S0", Alert.Type.THRESHOLD, Alert.State.FIRING, t));
                List<String> after = new ArrayList<>();
                while (!after.contains("r-end")) {
                    JsonNode m = resumed.next();
                    assertThat(m.path("kind").asText()).isNotEqualTo("reset");
                    if (m.path("kind").asText().equals("alert")) {
                        after.add(m.path("data").path("alertId").asText());
                    }
                }
                assertThat(after).containsExactlyInAnyOrder("r-4", "r-5", "r-6", "r-end");
                assertThat(seen).containsExactlyInAnyOrder("r-0", "r-1", "r-2", "r-3");
                resumed.close();
            }
        }
    }
}
