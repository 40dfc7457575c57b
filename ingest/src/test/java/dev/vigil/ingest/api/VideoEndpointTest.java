package dev.vigil.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.ingest.auth.HmacSignature;
import dev.vigil.ingest.auth.RateLimit;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.testkit.Eventually;
import dev.vigil.ingest.testkit.HttpFixtures;
import dev.vigil.ingest.testkit.TestIntegrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The video endpoints' decisions, end to end but without Netty or Kafka. */
class VideoEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> NVR = Map.of("X-Vigil-Key", TestIntegrations.NVR_KEY);

    @TempDir Path media;
    private TestApi api;

    @AfterEach
    void close() {
        api.close();
    }

    private HttpReply hikvision(String fixture, String contentType) {
        return api.call(
                "POST /api/video/hikvision",
                HttpFixtures.post(
                        "/api/video/hikvision",
                        contentType,
                        HttpFixtures.bytes("video/hikvision/" + fixture),
                        NVR));
    }

    private static JsonNode json(HttpReply reply) throws Exception {
        return JSON.readTree(reply.body());
    }

    @Test
    void aMultipartPushIsPublishedLinkedWithItsPictureStored() throws Exception {
        api = new TestApi(media);

        HttpReply reply =
                hikvision("fielddetection-multipart.bin", HttpFixtures.HIKVISION_MULTIPART);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply).get("published").asInt()).isEqualTo(1);
        VideoEvent event = api.publisher.values(Topics.VIDEO_EVENTS).get(0);
        assertThat(event.cameraId()).isEqualTo("44:19:b6:6d:24:85/1");
        assertThat(event.sourceId()).isEqualTo("SRC-PLANT7");
        assertThat(event.receivedAt()).isEqualTo(TestApi.NOW);
        assertThat(event.pictures()).hasSize(1);
        assertThat(Files.readAllBytes(media.resolve(event.pictures().get(0).path())))
                .isEqualTo(HttpFixtures.bytes("video/snapshot-region.jpg"));
        assertThat(json(reply).get("eventIds").get(0).asText()).isEqualTo(event.eventId());
    }

    @Test
    void theSameEventTwiceIsPublishedOnceAndBothAreAnswered200() throws Exception {
        api = new TestApi(media);

        HttpReply first = hikvision("fielddetection-ver20.xml", "application/xml");
        HttpReply second =
                hikvision("fielddetection-multipart.bin", HttpFixtures.HIKVISION_MULTIPART);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(json(second).get("duplicates").asInt()).isEqualTo(1);
        assertThat(api.publisher.values(Topics.VIDEO_EVENTS)).hasSize(1);
        assertThat(api.api.counters().get("http:video", "duplicate")).isEqualTo(1);
    }

    @Test
    void anUnregisteredCameraIsPublishedUnderItsMostSpecificIdWithoutSource() {
        api = new TestApi(media);

        hikvision("firedetection-isapi.xml", "application/xml");

        VideoEvent event = api.publisher.values(Topics.VIDEO_EVENTS).get(0);
        assertThat(event.cameraId()).isEqualTo("bc:ba:c2:01:7e:33/2");
        assertThat(event.sourceId()).isNull();
    }

    @Test
    void hikvisionVideoLossKeepAlivesAreAnsweredButNotPublished() throws Exception {
        api = new TestApi(media);

        HttpReply reply = hikvision("videoloss-psia.xml", "application/xml");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply).get("ignored").asInt()).isEqualTo(1);
        assertThat(api.publisher.values(Topics.VIDEO_EVENTS)).isEmpty();
    }

    @Test
    void theEndOfARealVideoLossIsPublished() {
        api = new TestApi(media);
        String end =
                new String(
                        HttpFixtures.bytes("video/hikvision/videoloss-psia.xml"),
                        StandardCharsets.UTF_8);
        String start =
                end.replace("<eventState>inactive", "<eventState>active")
                        .replace("<activePostCount>0", "<activePostCount>1")
                        .replace("09:00:10", "08:59:00");

        post("/api/video/hikvision", "application/xml", start, NVR);
        post("/api/video/hikvision", "application/xml", end, NVR);
        post("/api/video/hikvision", "application/xml", end.replace("09:00:10", "09:00:20"), NVR);

        assertThat(api.publisher.values(Topics.VIDEO_EVENTS))
                .extracting(VideoEvent::state)
                .containsExactly(VideoEvent.State.START, VideoEvent.State.END);
    }

    private HttpReply post(String path, String type, String body, Map<String, String> headers) {
        return api.call(
                "POST " + path,
                HttpFixtures.post(path, type, body.getBytes(StandardCharsets.UTF_8), headers));
    }

    @Test
    void aSignedVigilEventIsAccepted() throws Exception {
        api = new TestApi(media);
        byte[] body = HttpFixtures.bytes("video/vigil/discharge-start.json");
        long now = TestApi.NOW.getEpochSecond();

        HttpReply reply =
                api.call(
                        "POST /api/video/events",
                        HttpFixtures.post(
                                "/api/video/events",
                                "application/json",
                                body,
                                Map.of(
                                        "X-Vigil-Integration", "aibox-7",
                                        "X-Vigil-Timestamp", Long.toString(now),
                                        "X-Vigil-Signature",
                                                HmacSignature.sign(
                                                        TestIntegrations.ANALYTICS_SECRET,
                                                        now,
                                                        body))));

        assertThat(reply.status()).isEqualTo(200);
        VideoEvent event = api.publisher.values(Topics.VIDEO_EVENTS).get(0);
        assertThat(event.type()).isEqualTo(VideoEvent.Type.ILLEGAL_DISCHARGE);
        assertThat(event.sourceId()).isEqualTo("SRC-PLANT7");
        assertThat(event.pictures()).hasSize(1);
    }

    @Test
    void badCredentialsAre401CountedAndDeadLetteredWithSecretsMasked() throws Exception {
        api = new TestApi(media);
        byte[] soap = HttpFixtures.bytes("video/onvif/notify-motion-tamper.xml");

        HttpReply reply =
                api.call(
                        "POST /api/video/onvif",
                        HttpFixtures.post(
                                "/api/video/onvif",
                                "application/soap+xml",
                                soap,
                                Map.of("X-Vigil-Key", "stolen?")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers()).containsKey("WWW-Authenticate");
        JsonNode body = json(reply);
        assertThat(body.get("error").asText()).isEqualTo("unauthorized");
        assertThat(body.get("field").asText()).isEqualTo("X-Vigil-Key");
        assertThat(api.api.counters().get("http:video", "unauthorized")).isEqualTo(1);
        DeadLetter letter = deadLetter();
        assertThat(letter.origin()).isEqualTo("http:video");
        assertThat(letter.reason()).contains("unknown or revoked API key");
        assertThat(new String(letter.raw(), StandardCharsets.UTF_8))
                .contains("CellMotionDetector")
                .doesNotContain("tuOSpGlFlIXsozq4HFNeeGeFLEI=", "stolen?");
        assertThat(letter.detail().values()).doesNotContain("stolen?");
        assertThat(api.publisher.values(Topics.VIDEO_EVENTS)).isEmpty();
    }

    private DeadLetter deadLetter() {
        Eventually.await(
                Duration.ofSeconds(5),
                "a dead letter",
                () -> !api.publisher.values(Topics.DEAD_LETTER).isEmpty());
        return api.publisher.values(Topics.DEAD_LETTER).get(0);
    }

    @Test
    void malformedXmlIs400AndDeadLetteredWithTheReason() throws Exception {
        api = new TestApi(media);

        HttpReply reply =
                post("/api/video/hikvision", "application/xml", "<EventNotificationAlert>", NVR);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(json(reply).get("error").asText()).isEqualTo("malformed");
        assertThat(deadLetter().reason()).startsWith("body: malformed XML");
        assertThat(deadLetter().detail()).containsEntry("integration", "nvr-plant7");
    }

    @Test
    void aPictureThatIsNotJpegOrPngIs415AndNothingIsPublishedOrStored() throws Exception {
        api = new TestApi(media);
        String body =
                new String(
                                HttpFixtures.bytes("video/vigil/discharge-start.json"),
                                StandardCharsets.UTF_8)
                        .replaceFirst("\"data\": \"[^\"]+\"", "\"data\": \"R0lGODlhAQABAAAAACw=\"");

        HttpReply reply = post("/api/video/events", "application/json", body, NVR);

        assertThat(reply.status()).isEqualTo(415);
        assertThat(json(reply).get("field").asText()).isEqualTo("pictures[0].data");
        assertThat(api.publisher.values(Topics.VIDEO_EVENTS)).isEmpty();
        try (var files = Files.walk(media)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterAndNoDeadLetter() {
        api =
                new TestApi(
                        media,
                        HttpApiConfig.defaults().toBuilder().videoRate(new RateLimit(0.2, 2)));

        HttpReply first = hikvision("fielddetection-ver20.xml", "application/xml");
        HttpReply second = hikvision("anpr-plain.xml", "application/xml");
        HttpReply third = hikvision("firedetection-isapi.xml", "application/xml");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsEntry("Retry-After", "5");
        assertThat(api.api.counters().get("http:video", "rate-limited")).isEqualTo(1);
        assertThat(api.publisher.values(Topics.DEAD_LETTER)).isEmpty();
    }

    @Test
    void whenKafkaDoesNotAcknowledgeTheAnswerIs503AndTheRetryPublishes() {
        api = new TestApi(media);
        api.publisher.failing(true);

        HttpReply failed = hikvision("fielddetection-ver20.xml", "application/xml");
        api.publisher.failing(false);
        HttpReply retried = hikvision("fielddetection-ver20.xml", "application/xml");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.headers()).containsKey("Retry-After");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(api.publisher.values(Topics.VIDEO_EVENTS)).hasSize(1);
    }

    @Test
    void anIntegrationWithoutTheVideoScopeIs403() {
        api = new TestApi(media);

        HttpReply reply = hikvisionWith(Map.of("X-Vigil-Key", TestIntegrations.CONSOLE_KEY));

        assertThat(reply.status()).isEqualTo(403);
    }

    private HttpReply hikvisionWith(Map<String, String> headers) {
        HttpCall call =
                HttpFixtures.post(
                        "/api/video/hikvision",
                        "application/xml",
                        HttpFixtures.bytes("video/hikvision/anpr-plain.xml"),
                        headers);
        return api.call("POST /api/video/hikvision", call);
    }
}
