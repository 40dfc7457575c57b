package dev.vigil.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Topics;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.testkit.HttpFixtures;
import dev.vigil.ingest.testkit.TestIntegrations;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaEndpointTest {

    @TempDir Path media;
    private TestApi api;

    @AfterEach
    void close() {
        api.close();
    }

    private HttpReply get(String hash, String key) {
        return api.call(
                "GET /api/media/{sha256}",
                new HttpCall(
                        "GET",
                        "/api/media/" + hash,
                        Map.of("sha256", hash),
                        Map.of(),
                        Map.of("X-Vigil-Key", key),
                        new byte[0],
                        "10.0.0.2:3"));
    }

    @Test
    void theConsoleFetchesAStoredPictureByItsHash() {
        api = new TestApi(media);
        api.call(
                "POST /api/video/hikvision",
                HttpFixtures.post(
                        "/api/video/hikvision",
                        HttpFixtures.HIKVISION_MULTIPART,
                        HttpFixtures.bytes("video/hikvision/fielddetection-multipart.bin"),
                        Map.of("X-Vigil-Key", TestIntegrations.NVR_KEY)));
        String hash =
                api.publisher.values(Topics.VIDEO_EVENTS).stream()
                        .map(VideoEvent::pictures)
                        .findFirst()
                        .orElseThrow()
                        .get(0)
                        .contentHash();

        HttpReply reply = get(hash, TestIntegrations.CONSOLE_KEY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("image/jpeg");
        assertThat(reply.body()).isEqualTo(HttpFixtures.bytes("video/snapshot-region.jpg"));
        assertThat(reply.headers()).containsEntry("ETag", "\"" + hash + "\"");
    }

    @Test
    void malformedHashesAre400AndUnknownOnes404() {
        api = new TestApi(media);

        assertThat(get("..%2F..%2Fetc%2Fpasswd", TestIntegrations.CONSOLE_KEY).status())
                .isEqualTo(400);
        assertThat(get("ABC", TestIntegrations.CONSOLE_KEY).status()).isEqualTo(400);
        assertThat(get("a".repeat(64), TestIntegrations.CONSOLE_KEY).status()).isEqualTo(404);
    }

    @Test
    void readingMediaNeedsTheMediaScope() {
        api = new TestApi(media);

        assertThat(get("a".repeat(64), TestIntegrations.NVR_KEY).status()).isEqualTo(403);
        assertThat(get("a".repeat(64), "nope").status()).isEqualTo(401);
    }
}
