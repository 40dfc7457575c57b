package dev.vigil.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.complaint.ComplaintContact;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.ingest.auth.HmacSignature;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.testkit.Eventually;
import dev.vigil.ingest.testkit.HttpFixtures;
import dev.vigil.ingest.testkit.TestIntegrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complaint endpoints' decisions, without Netty or Kafka. */
class ComplaintEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path media;
    private TestApi api;

    @BeforeEach
    void start() {
        api = new TestApi(media);
    }

    @AfterEach
    void close() {
        api.close();
    }

    private static Map<String, String> signed(byte[] body) {
        long now = TestApi.NOW.getEpochSecond();
        return Map.of(
                "X-Vigil-Integration", "hotline-12345",
                "X-Vigil-Timestamp", Long.toString(now),
                "X-Vigil-Signature",
                        HmacSignature.sign(TestIntegrations.HOTLINE_SECRET, now, body));
    }

    private HttpReply submit(byte[] body) {
        return api.call(
                "POST /api/complaints",
                HttpFixtures.post("/api/complaints", "application/json", body, signed(body)));
    }

    private HttpReply status(String id) {
        HttpCall call =
                new HttpCall(
                        "GET",
                        "/api/complaints/" + id,
                        Map.of("id", id),
                        Map.of(),
                        signed(new byte[0]),
                        new byte[0],
                        "10.0.0.1:1");
        return api.call("GET /api/complaints/{id}", call);
    }

    @Test
    void aComplaintIsCreatedWithItsContactPublishedApart() throws Exception {
        HttpReply reply = submit(HttpFixtures.bytes("complaints/hotline-odor.json"));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode body = JSON.readTree(reply.body());
        String id = body.get("complaintId").asText();
        assertThat(body.get("statusUrl").asText()).isEqualTo("/api/complaints/" + id);
        assertThat(reply.headers()).containsEntry("Location", "/api/complaints/" + id);

        Complaint complaint = api.publisher.values(Topics.COMPLAINTS).get(0);
        assertThat(complaint.complaintId()).isEqualTo(id);
        assertThat(complaint.receivedAt()).isEqualTo(TestApi.NOW);
        assertThat(new String(Json.toBytes(complaint), StandardCharsets.UTF_8))
                .doesNotContain("Wang Fang", "138 0013 8000", "wang.fang@example.cn");
        ComplaintContact contact = api.publisher.values(Topics.COMPLAINT_CONTACTS).get(0);
        assertThat(contact.complaintId()).isEqualTo(id);
        assertThat(contact.name()).isEqualTo("Wang Fang");
        assertThat(contact.email()).isEqualTo("wang.fang@example.cn");
    }

    @Test
    void aResendWithTheSameTicketNumberIsPublishedOnceAndAnswered200() throws Exception {
        byte[] body = HttpFixtures.bytes("complaints/hotline-odor.json");

        HttpReply first = submit(body);
        HttpReply again = submit(body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("complaintId"))
                .isEqualTo(JSON.readTree(first.body()).get("complaintId"));
        assertThat(api.publisher.values(Topics.COMPLAINTS)).hasSize(1);
        assertThat(api.publisher.values(Topics.COMPLAINT_CONTACTS)).hasSize(1);
    }

    @Test
    void anAnonymousComplaintHasARandomIdAndNoContactRecord() throws Exception {
        byte[] body = HttpFixtures.bytes("complaints/web-anonymous-noise.json");

        HttpReply first = submit(body);
        HttpReply second = submit(body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(api.publisher.values(Topics.COMPLAINTS)).hasSize(2);
        assertThat(api.publisher.values(Topics.COMPLAINT_CONTACTS)).isEmpty();
    }

    @Test
    void theStatusUrlShowsWhatIngestKnows() throws Exception {
        String id =
                JSON.readTree(submit(HttpFixtures.bytes("complaints/hotline-odor.json")).body())
                        .get("complaintId")
                        .asText();

        HttpReply reply = status(id);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(body.get("receivedAt").asText()).isEqualTo("2026-01-02T00:30:00Z");
        assertThat(body.get("category").asText()).isEqualTo("ODOR");
        assertThat(body.has("text")).isFalse();
        assertThat(status("00000000-0000-4000-8000-000000000000").status()).isEqualTo(404);
        assertThat(status("not-an-id").status()).isEqualTo(400);
    }

    @Test
    void anInvalidComplaintIsDeadLetteredWithoutItsContactDetails() throws Exception {
        String body =
                new String(
                                HttpFixtures.bytes("complaints/hotline-odor.json"),
                                StandardCharsets.UTF_8)
                        .replace("\"lat\": 31.2304", "\"lat\": 131.2304");

        HttpReply reply = submit(body.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(422);
        JsonNode error = JSON.readTree(reply.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid");
        assertThat(error.get("field").asText()).isEqualTo("place.location.lat");
        Eventually.await(
                Duration.ofSeconds(5),
                "a dead letter",
                () -> !api.publisher.values(Topics.DEAD_LETTER).isEmpty());
        DeadLetter letter = api.publisher.values(Topics.DEAD_LETTER).get(0);
        assertThat(letter.origin()).isEqualTo("http:complaints");
        assertThat(letter.field()).isEqualTo("place.location.lat");
        assertThat(new String(letter.raw(), StandardCharsets.UTF_8))
                .contains("Strong chemical smell")
                .doesNotContain("Wang Fang", "138 0013 8000", "wang.fang@example.cn");
        assertThat(letter.toString()).doesNotContain("Wang Fang");
        assertThat(api.publisher.values(Topics.COMPLAINTS)).isEmpty();
        assertThat(api.publisher.values(Topics.COMPLAINT_CONTACTS)).isEmpty();
    }

    @Test
    void malformedJsonIsDeadLetteredWithTheBodyWithheld() throws Exception {
        byte[] body =
                "{\"channel\":\"web\",\"contact\":{\"phone\":\"13800138000\""
                        .getBytes(StandardCharsets.UTF_8);

        HttpReply reply = submit(body);

        assertThat(reply.status()).isEqualTo(400);
        Eventually.await(
                Duration.ofSeconds(5),
                "a dead letter",
                () -> !api.publisher.values(Topics.DEAD_LETTER).isEmpty());
        DeadLetter letter = api.publisher.values(Topics.DEAD_LETTER).get(0);
        assertThat(letter.raw()).isEmpty();
        assertThat(letter.detail()).containsKeys("rawWithheld", "rawLength", "rawSha256");
        assertThat(letter.reason()).doesNotContain("13800138000");
    }

    @Test
    void aVideoIntegrationMayNotSubmitComplaints() {
        byte[] body = HttpFixtures.bytes("complaints/web-anonymous-noise.json");

        HttpReply reply =
                api.call(
                        "POST /api/complaints",
                        HttpFixtures.post(
                                "/api/complaints",
                                "application/json",
                                body,
                                Map.of("X-Vigil-Key", TestIntegrations.NVR_KEY)));

        assertThat(reply.status()).isEqualTo(403);
    }
}
