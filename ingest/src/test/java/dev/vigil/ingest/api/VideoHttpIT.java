package dev.vigil.ingest.api;

import static dev.vigil.ingest.testkit.HttpClientForTests.key;
import static dev.vigil.ingest.testkit.HttpClientForTests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Place;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.integration.Integration;
import dev.vigil.events.integration.Integration.Kind;
import dev.vigil.events.integration.Integration.Scope;
import dev.vigil.events.source.Camera;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoEvent.Type;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.IngestService;
import dev.vigil.ingest.auth.RateLimit;
import dev.vigil.ingest.testkit.HttpClientForTests;
import dev.vigil.ingest.testkit.HttpFixtures;
import dev.vigil.ingest.testkit.TestIntegrations;
import dev.vigil.ingest.testkit.TopicReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video events over real HTTP into a real Kafka broker: every vendor format arrives normalized on
 * {@code vigil.video-events}, and every way to fail is answered, counted and dead-lettered.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VideoHttpIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(IngestItSupport.topics());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FRIGATE_KEY = "frigate-box-key-93c1d0";
    private static final String FLOOD_KEY = "flood-cams-key-11aa";
    private static final String DOOMED_KEY = "doomed-cams-key-7f00";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir static Path media;
    static IngestService ingest;
    static HttpClientForTests http;
    static TopicReader kafka;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        for (Integration i : TestIntegrations.all()) {
            IngestItSupport.publish(bootstrap, Topics.INTEGRATIONS, i.integrationId(), i);
        }
        for (Integration i :
                List.of(
                        TestIntegrations.integration(
                                "frigate-1",
                                Kind.NVR,
                                List.of(Scope.VIDEO),
                                FRIGATE_KEY,
                                null,
                                false),
                        TestIntegrations.integration(
                                "doomed-cams",
                                Kind.CAMERA_GROUP,
                                List.of(Scope.VIDEO),
                                DOOMED_KEY,
                                null,
                                false),
                        TestIntegrations.integration(
                                "flood-cams",
                                Kind.CAMERA_GROUP,
                                List.of(Scope.VIDEO),
                                FLOOD_KEY,
                                null,
                                false))) {
            IngestItSupport.publish(bootstrap, Topics.INTEGRATIONS, i.integrationId(), i);
        }
        IngestItSupport.publish(bootstrap, Topics.SOURCES, "SRC-PLANT7", TestApi.plant7());
        ingest =
                new IngestService(new IngestConfig("127.0.0.1", 0, 0, bootstrap))
                        .withHttpApi(
                                HttpApiConfig.defaults().toBuilder()
                                        .mediaDir(media.resolve("media"))
                                        .maxVideoBodyBytes(256 * 1024)
                                        .videoRate(new RateLimit(0.5, 12))
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

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static HttpResponse<byte[]> hikvision(String contentType, byte[] body) {
        return http.post("/api/video/hikvision", contentType, body, key(TestIntegrations.NVR_KEY));
    }

    @Test
    void hikvisionMultipartIsPublishedLinkedAndItsPictureServedToTheConsole() throws Exception {
        HttpResponse<byte[]> response =
                hikvision(
                        HttpFixtures.HIKVISION_MULTIPART,
                        HttpFixtures.bytes("video/hikvision/fielddetection-multipart.bin"));

        assertThat(response.statusCode()).isEqualTo(200);
        String eventId = json(response).get("eventIds").get(0).asText();
        VideoEvent event = kafka.await(Topics.VIDEO_EVENTS, e -> e.eventId().equals(eventId), WAIT);
        assertThat(event.cameraId()).isEqualTo("44:19:b6:6d:24:85/1");
        assertThat(event.sourceId()).isEqualTo("SRC-PLANT7");
        assertThat(event.type()).isEqualTo(Type.INTRUSION);
        assertThat(event.state()).isEqualTo(State.START);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:15:30Z"));
        assertThat(event.pictures()).hasSize(1);

        String hash = event.pictures().get(0).contentHash();
        HttpResponse<byte[]> picture =
                http.get("/api/media/" + hash, key(TestIntegrations.CONSOLE_KEY));
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(picture.body()).isEqualTo(HttpFixtures.bytes("video/snapshot-region.jpg"));
        assertThat(http.get("/api/media/" + hash, key(TestIntegrations.NVR_KEY)).statusCode())
                .isEqualTo(403);
        assertThat(
                        http.get(
                                        "/api/media/..%2F..%2Fetc%2Fpasswd",
                                        key(TestIntegrations.CONSOLE_KEY))
                                .statusCode())
                .isIn(400, 404);
    }

    @Test
    void everyFormatArrivesAsOneKindOfVideoEvent() throws Exception {
        byte[] vigil = HttpFixtures.bytes("video/vigil/discharge-start.json");
        List<HttpResponse<byte[]>> responses =
                List.of(
                        hikvision(
                                "application/xml",
                                HttpFixtures.bytes("video/hikvision/firedetection-isapi.xml")),
                        http.post(
                                "/api/video/frigate",
                                "application/json",
                                HttpFixtures.bytes("video/frigate/new.json"),
                                key(FRIGATE_KEY)),
                        http.post(
                                "/api/video/onvif",
                                "application/soap+xml; charset=utf-8",
                                HttpFixtures.bytes("video/onvif/notify-motion-tamper.xml"),
                                key(TestIntegrations.NVR_KEY)),
                        http.post(
                                "/api/video/events",
                                "application/json",
                                vigil,
                                signed("aibox-7", TestIntegrations.ANALYTICS_SECRET, vigil)));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        VideoEvent fire = byVendorType("fireDetection");
        assertThat(fire.vendor()).isEqualTo(VideoVendor.HIKVISION_ISAPI);
        assertThat(fire.type()).isEqualTo(Type.FIRE);
        assertThat(fire.state()).isEqualTo(State.ONGOING);
        VideoEvent person = byVendorType("person");
        assertThat(person.vendor()).isEqualTo(VideoVendor.FRIGATE);
        assertThat(person.cameraId()).isEqualTo("frigate-1/outfall_east");
        assertThat(person.confidence()).isEqualTo(0.958984375);
        VideoEvent tamper = byVendorType("tns1:RuleEngine/TamperDetector/Tamper");
        assertThat(tamper.vendor()).isEqualTo(VideoVendor.ONVIF);
        assertThat(tamper.state()).isEqualTo(State.END);
        assertThat(tamper.cameraId()).isEqualTo("10.20.11.70/VideoSource_1");
        VideoEvent discharge = byVendorType("water.discharge.dark");
        assertThat(discharge.type()).isEqualTo(Type.ILLEGAL_DISCHARGE);
        assertThat(discharge.sourceId()).isEqualTo("SRC-PLANT7");
        assertThat(discharge.pictures()).hasSize(1);
        assertThat(Files.exists(media.resolve("media").resolve(discharge.pictures().get(0).path())))
                .isTrue();
    }

    private static VideoEvent byVendorType(String vendorType) {
        return kafka.await(Topics.VIDEO_EVENTS, e -> vendorType.equals(e.vendorType()), WAIT);
    }

    @Test
    void theSameVendorEventDeliveredTwiceIsPublishedOnce() throws Exception {
        byte[] anpr = HttpFixtures.bytes("video/hikvision/anpr-plain.xml");

        HttpResponse<byte[]> first = hikvision("application/xml", anpr);
        HttpResponse<byte[]> second = hikvision("application/xml", anpr);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("duplicates").asInt()).isEqualTo(1);
        String eventId = json(first).get("eventIds").get(0).asText();
        // both answers came after the ack, so the topic holds all there will ever be
        assertThat(kafka.values(Topics.VIDEO_EVENTS))
                .filteredOn(e -> e.eventId().equals(eventId))
                .hasSize(1);
    }

    @Test
    void badCredentialsAre401CountedAndDeadLettered() throws Exception {
        byte[] body = HttpFixtures.bytes("video/onvif/line-crossed-bare.xml");

        HttpResponse<byte[]> response =
                http.post("/api/video/onvif", "application/xml", body, key("not-a-key"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("unauthorized");
        assertThat(json(response).get("field").asText()).isEqualTo("X-Vigil-Key");
        DeadLetter letter =
                kafka.await(Topics.DEAD_LETTER, d -> Arrays.equals(d.raw(), body), WAIT);
        assertThat(letter.origin()).isEqualTo("http:video");
        assertThat(letter.reason()).contains("unknown or revoked API key");
        assertThat(counter("unauthorized")).isGreaterThanOrEqualTo(1);
    }

    private static long counter(String outcome) throws Exception {
        return json(http.get("/api/counters", Map.of())).path("http:video").path(outcome).asLong();
    }

    @Test
    void anOversizedBodyIs413BeforeItIsRead() throws Exception {
        byte[] big = new byte[300 * 1024];
        Arrays.fill(big, (byte) ' ');

        HttpResponse<byte[]> response =
                http.post(
                        "/api/video/hikvision",
                        "application/xml",
                        big,
                        key(TestIntegrations.NVR_KEY));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("too-large");
        DeadLetter letter =
                kafka.await(
                        Topics.DEAD_LETTER,
                        d -> Integer.toString(big.length).equals(d.detail().get("contentLength")),
                        WAIT);
        assertThat(letter.reason()).isEqualTo("body: the body is larger than 262144 bytes");
        assertThat(letter.raw()).isEmpty();
    }

    @Test
    void aClientWaitingFor100ContinueGetsThe413WithoutSendingItsBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", ingest.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(
                            ("POST /api/video/hikvision HTTP/1.1\r\n"
                                            + "Host: ingest\r\n"
                                            + "Content-Type: multipart/form-data; boundary=MIME_boundary\r\n"
                                            + "Content-Length: 50000000\r\n"
                                            + "Expect: 100-continue\r\n"
                                            + "X-Vigil-Key: "
                                            + TestIntegrations.NVR_KEY
                                            + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));

            String answer =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer)
                    .startsWith("HTTP/1.1 413 ")
                    .contains("\"error\":\"too-large\"")
                    .doesNotContain("100 Continue");
        }
    }

    @Test
    void malformedXmlIs400AndNeverReachesTheVideoTopic() throws Exception {
        byte[] broken =
                "<EventNotificationAlert><eventType>VMD</eventType><dateTime>2026-01-02T09:09:09+08:00"
                        .getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> response = hikvision("application/xml", broken);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("malformed");
        DeadLetter letter =
                kafka.await(Topics.DEAD_LETTER, d -> Arrays.equals(d.raw(), broken), WAIT);
        assertThat(letter.reason()).startsWith("body: malformed XML");
        assertThat(kafka.values(Topics.VIDEO_EVENTS))
                .noneMatch(e -> e.eventTime().equals(Instant.parse("2026-01-02T01:09:09Z")));
    }

    @Test
    void anXxeAttemptIs400ReadsNoFileFetchesNothingAndPublishesNothing() throws Exception {
        Path secret = Files.writeString(media.resolve("secret.txt"), "TOP-SECRET-PLANT-KEY");
        AtomicInteger fetched = new AtomicInteger();
        HttpServer trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trap.createContext(
                "/",
                exchange -> {
                    fetched.incrementAndGet();
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        trap.start();
        try {
            String template =
                    new String(HttpFixtures.bytes("video/xxe-file.xml"), StandardCharsets.UTF_8);
            byte[] fileEntity =
                    template.replace("SECRET_PATH", secret.toString())
                            .getBytes(StandardCharsets.UTF_8);
            byte[] httpEntity =
                    template.replace(
                                    "file://SECRET_PATH",
                                    "http://127.0.0.1:" + trap.getAddress().getPort() + "/x")
                            .getBytes(StandardCharsets.UTF_8);

            HttpResponse<byte[]> viaFile = hikvision("application/xml", fileEntity);
            HttpResponse<byte[]> viaHttp = hikvision("application/xml", httpEntity);

            assertThat(viaFile.statusCode()).isEqualTo(400);
            assertThat(viaHttp.statusCode()).isEqualTo(400);
            assertThat(json(viaFile).get("detail").asText()).contains("DOCTYPE is not allowed");
            assertThat(new String(viaFile.body(), StandardCharsets.UTF_8))
                    .doesNotContain("TOP-SECRET");
            assertThat(fetched).hasValue(0);
            kafka.await(Topics.DEAD_LETTER, d -> Arrays.equals(d.raw(), fileEntity), WAIT);
            assertThat(kafka.raw(Topics.VIDEO_EVENTS.name(), WAIT))
                    .noneMatch(
                            r ->
                                    new String(r.value(), StandardCharsets.UTF_8)
                                            .contains("TOP-SECRET"));
            assertThat(kafka.values(Topics.DEAD_LETTER))
                    .noneMatch(d -> d.toString().contains("TOP-SECRET"))
                    .noneMatch(
                            d ->
                                    new String(d.raw(), StandardCharsets.UTF_8)
                                            .contains("TOP-SECRET"));
        } finally {
            trap.stop(0);
        }
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() {
        byte[] body =
                "{\"cameraId\":\"flood-1\",\"type\":\"other\",\"eventTime\":\"2026-01-02T08:00:00+08:00\"}"
                        .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> last = null;
        int accepted = 0;
        for (int i = 0; i < 15; i++) {
            last = http.post("/api/video/events", "application/json", body, key(FLOOD_KEY));
            if (last.statusCode() == 200) {
                accepted++;
            }
        }

        assertThat(accepted).isBetween(12, 13);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After").map(Integer::parseInt))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1, 2));
    }

    @Test
    void registryEditsAreFollowedWhileRunning() throws Exception {
        Source site =
                new Source(
                        "SRC-NEW",
                        "New site",
                        null,
                        Source.Kind.AIR,
                        new Place("Lot 9", null, null, null),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new Camera("CAM-NEW", "gate", VideoVendor.VIGIL)),
                        List.of(),
                        List.of(),
                        false,
                        1,
                        Instant.now());
        IngestItSupport.publish(KAFKA.bootstrapServers(), Topics.SOURCES, "SRC-NEW", site);

        VideoEvent linked = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; linked == null && System.nanoTime() < deadline; i++) {
            byte[] body =
                    ("{\"eventId\":\"n-"
                                    + i
                                    + "\",\"cameraId\":\"CAM-NEW\",\"type\":\"smoke\","
                                    + "\"eventTime\":\"2026-01-02T08:00:00+08:00\"}")
                            .getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> r =
                    http.post(
                            "/api/video/events",
                            "application/json",
                            body,
                            signed("aibox-7", TestIntegrations.ANALYTICS_SECRET, body));
            String id = json(r).get("eventIds").get(0).asText();
            VideoEvent e = kafka.await(Topics.VIDEO_EVENTS, v -> v.eventId().equals(id), WAIT);
            linked = "SRC-NEW".equals(e.sourceId()) ? e : null;
            Thread.sleep(200);
        }
        assertThat(linked).isNotNull();

        IngestItSupport.publish(
                KAFKA.bootstrapServers(), Topics.INTEGRATIONS, "doomed-cams", (Integration) null);
        int status = 0;
        deadline = System.nanoTime() + WAIT.toNanos();
        while (status != 401 && System.nanoTime() < deadline) {
            status =
                    http.post(
                                    "/api/video/frigate",
                                    "application/json",
                                    HttpFixtures.bytes("video/frigate/end.json"),
                                    key(DOOMED_KEY))
                            .statusCode();
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo(401);
    }
}
