package dev.vigil.ingest.api;

import static dev.vigil.ingest.testkit.HttpClientForTests.signed;
import static dev.vigil.ingest.testkit.HttpClientForTests.signedAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Topics;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.complaint.ComplaintContact;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.integration.Integration;
import dev.vigil.events.integration.Integration.Kind;
import dev.vigil.events.integration.Integration.Scope;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.IngestService;
import dev.vigil.ingest.auth.RateLimit;
import dev.vigil.ingest.testkit.HttpClientForTests;
import dev.vigil.ingest.testkit.HttpFixtures;
import dev.vigil.ingest.testkit.TestIntegrations;
import dev.vigil.ingest.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Complaints over real HTTP into a real Kafka broker: the complaint and its contact on separate
 * topics, a status URL that answers, and every refusal answered and dead-lettered without the
 * citizen's contact details.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ComplaintHttpIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(IngestItSupport.topics());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PORTAL_SECRET = "web-portal-secret-cccccccccccccccccccc";
    private static final String[] CONTACT = {"Wang Fang", "138 0013 8000", "wang.fang@example.cn"};

    @TempDir static Path media;
    static IngestService ingest;
    static HttpClientForTests http;
    static TopicReader kafka;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        IngestItSupport.publish(
                bootstrap, Topics.INTEGRATIONS, "hotline-12345", TestIntegrations.hotline());
        Integration portal =
                TestIntegrations.integration(
                        "web-portal",
                        Kind.WEB_PORTAL,
                        List.of(Scope.COMPLAINTS),
                        null,
                        PORTAL_SECRET,
                        false);
        IngestItSupport.publish(bootstrap, Topics.INTEGRATIONS, "web-portal", portal);
        Integration flood =
                TestIntegrations.integration(
                        "flood-portal",
                        Kind.WEB_PORTAL,
                        List.of(Scope.COMPLAINTS),
                        null,
                        PORTAL_SECRET,
                        false);
        IngestItSupport.publish(bootstrap, Topics.INTEGRATIONS, "flood-portal", flood);
        ingest =
                new IngestService(new IngestConfig("127.0.0.1", 0, 0, bootstrap))
                        .withHttpApi(
                                HttpApiConfig.defaults().toBuilder()
                                        .mediaDir(media)
                                        .maxComplaintBodyBytes(64 * 1024)
                                        .complaintRate(new RateLimit(0.2, 5))
                                        .build())
                        .start();
        http = new HttpClientForTests(ingest.httpPort());
        kafka = new TopicReader(bootstrap);
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private static HttpResponse<byte[]> submit(byte[] body) {
        return http.post(
                "/api/complaints",
                "application/json",
                body,
                signed("hotline-12345", TestIntegrations.HOTLINE_SECRET, body));
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aHotlineComplaintIsPublishedWithItsContactApartAndItsStatusAnswers() throws Exception {
        HttpResponse<byte[]> created = submit(HttpFixtures.bytes("complaints/hotline-odor.json"));

        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("complaintId").asText();
        String statusUrl = json(created).get("statusUrl").asText();
        assertThat(created.headers().firstValue("Location")).contains(statusUrl);

        Complaint complaint = kafka.await(Topics.COMPLAINTS, c -> c.complaintId().equals(id), WAIT);
        assertThat(complaint.category()).isEqualTo(Complaint.Category.ODOR);
        assertThat(complaint.place().location().lat()).isEqualTo(31.2304);
        ComplaintContact contact =
                kafka.await(Topics.COMPLAINT_CONTACTS, c -> c.complaintId().equals(id), WAIT);
        assertThat(contact.phone()).isEqualTo("+86 138 0013 8000");
        assertThat(kafka.raw(Topics.COMPLAINTS.name(), WAIT))
                .allSatisfy(
                        r ->
                                assertThat(new String(r.value(), StandardCharsets.UTF_8))
                                        .doesNotContain(CONTACT));

        byte[] none = new byte[0];
        HttpResponse<byte[]> status =
                http.get(statusUrl, signed("hotline-12345", TestIntegrations.HOTLINE_SECRET, none));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json(status).get("status").asText()).isEqualTo("RECEIVED");
        assertThat(json(status).get("complaintId").asText()).isEqualTo(id);
        assertThat(new String(status.body(), StandardCharsets.UTF_8)).doesNotContain(CONTACT);
    }

    @Test
    void aResentTicketIsPublishedOnce() throws Exception {
        byte[] body =
                new String(
                                HttpFixtures.bytes("complaints/hotline-odor.json"),
                                StandardCharsets.UTF_8)
                        .replace("HL-20260102-00417", "HL-20260102-00999")
                        .getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> first = submit(body);
        HttpResponse<byte[]> again = submit(body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        String id = json(first).get("complaintId").asText();
        assertThat(json(again).get("complaintId").asText()).isEqualTo(id);
        assertThat(kafka.values(Topics.COMPLAINTS))
                .filteredOn(c -> c.complaintId().equals(id))
                .hasSize(1);
    }

    @Test
    void anInvalidComplaintIs422AndDeadLetteredWithoutContactDetails() throws Exception {
        byte[] body =
                new String(
                                HttpFixtures.bytes("complaints/hotline-odor.json"),
                                StandardCharsets.UTF_8)
                        .replace("\"lat\": 31.2304", "\"lat\": 131.2304")
                        .replace("HL-20260102-00417", "HL-INVALID-1")
                        .getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> response = submit(body);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("field").asText()).isEqualTo("place.location.lat");
        DeadLetter letter =
                kafka.await(
                        Topics.DEAD_LETTER,
                        d -> new String(d.raw(), StandardCharsets.UTF_8).contains("HL-INVALID-1"),
                        WAIT);
        assertThat(letter.origin()).isEqualTo("http:complaints");
        assertNoContact(letter);
    }

    private static void assertNoContact(DeadLetter letter) {
        assertThat(new String(letter.raw(), StandardCharsets.UTF_8)).doesNotContain(CONTACT);
        assertThat(letter.reason()).doesNotContain(CONTACT);
        assertThat(String.join(" ", letter.detail().values())).doesNotContain(CONTACT);
    }

    @Test
    void aStaleSignatureIs401AndDeadLetteredWithoutContactDetails() throws Exception {
        byte[] body =
                new String(
                                HttpFixtures.bytes("complaints/hotline-odor.json"),
                                StandardCharsets.UTF_8)
                        .replace("HL-20260102-00417", "HL-STALE-1")
                        .getBytes(StandardCharsets.UTF_8);
        long tenMinutesAgo = System.currentTimeMillis() / 1000 - 600;

        HttpResponse<byte[]> response =
                http.post(
                        "/api/complaints",
                        "application/json",
                        body,
                        signedAt(
                                "hotline-12345",
                                TestIntegrations.HOTLINE_SECRET,
                                body,
                                tenMinutesAgo));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("field").asText()).isEqualTo("X-Vigil-Timestamp");
        DeadLetter letter =
                kafka.await(
                        Topics.DEAD_LETTER,
                        d -> new String(d.raw(), StandardCharsets.UTF_8).contains("HL-STALE-1"),
                        WAIT);
        assertThat(letter.reason()).startsWith("X-Vigil-Timestamp: stale");
        assertThat(letter.detail()).containsEntry("integration", "hotline-12345");
        assertNoContact(letter);
        assertThat(kafka.values(Topics.COMPLAINTS)).noneMatch(c -> c.text().contains("HL-STALE"));
    }

    @Test
    void malformedJsonIs400AndItsBodyIsWithheldFromTheDeadLetter() throws Exception {
        byte[] body =
                "{\"channel\":\"web\",\"contact\":{\"phone\":\"138 0013 8000\",\"name\":\"Wang Fang\""
                        .getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> response =
                http.post(
                        "/api/complaints",
                        "application/json",
                        body,
                        signed("web-portal", PORTAL_SECRET, body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("malformed");
        DeadLetter letter =
                kafka.await(
                        Topics.DEAD_LETTER,
                        d -> Integer.toString(body.length).equals(d.detail().get("rawLength")),
                        WAIT);
        assertThat(letter.raw()).isEmpty();
        assertNoContact(letter);
    }

    @Test
    void anOversizedComplaintIs413() throws Exception {
        byte[] body = new byte[100 * 1024];
        Arrays.fill(body, (byte) ' ');

        HttpResponse<byte[]> response =
                http.post(
                        "/api/complaints",
                        "application/json",
                        body,
                        signed("web-portal", PORTAL_SECRET, body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("too-large");
    }

    @Test
    void aPortalOverItsRateGets429WithRetryAfter() {
        HttpResponse<byte[]> last = null;
        for (int i = 0; i < 7; i++) {
            byte[] body = HttpFixtures.bytes("complaints/web-anonymous-noise.json");
            last =
                    http.post(
                            "/api/complaints",
                            "application/json",
                            body,
                            signed("flood-portal", PORTAL_SECRET, body));
        }

        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anUnknownComplaintIs404() {
        byte[] none = new byte[0];

        HttpResponse<byte[]> response =
                http.get(
                        "/api/complaints/00000000-0000-4000-8000-000000000000",
                        signed("hotline-12345", TestIntegrations.HOTLINE_SECRET, none));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(
                        http.get("/api/complaints/00000000-0000-4000-8000-000000000000", Map.of())
                                .statusCode())
                .isEqualTo(401);
    }
}
