package dev.vigil.ingest.api;

import dev.vigil.events.Place;
import dev.vigil.events.source.Camera;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.ingest.auth.RateLimit;
import dev.vigil.ingest.complaint.ComplaintStatuses;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.HttpEndpoint;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.registry.CameraDirectory;
import dev.vigil.ingest.registry.IntegrationDirectory;
import dev.vigil.ingest.testkit.RecordingPublisher;
import dev.vigil.ingest.testkit.TestIntegrations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The HTTP API on in-memory registries and a recording publisher, for endpoint unit tests. */
final class TestApi implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-01-02T00:30:00Z");

    final RecordingPublisher publisher = new RecordingPublisher();
    final HttpApi api;

    TestApi(Path mediaDir) {
        this(mediaDir, HttpApiConfig.defaults().toBuilder());
    }

    TestApi(Path mediaDir, HttpApiConfig.Builder config) {
        api =
                HttpApi.of(
                        config.mediaDir(mediaDir).failedAuthRate(new RateLimit(100, 1000)).build(),
                        IntegrationDirectory.of(TestIntegrations.all()),
                        CameraDirectory.of(List.of(plant7())),
                        ComplaintStatuses.inMemory(),
                        publisher,
                        Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A source with two registered cameras. */
    static Source plant7() {
        return new Source(
                "SRC-PLANT7",
                "Huaxin Dyeing, plant 7",
                "Huaxin Dyeing Co.",
                Source.Kind.WATER,
                new Place("18 Binjiang Road", null, "Riverside", "Binjiang"),
                List.of(),
                List.of(),
                List.of(),
                List.of(
                        new Camera(
                                "44:19:b6:6d:24:85/1",
                                "outfall 2 east bank",
                                VideoVendor.HIKVISION_ISAPI),
                        new Camera("CAM-OUTFALL-2", "outfall 2 analytics", VideoVendor.VIGIL)),
                List.of(),
                List.of("EEB-RIVERSIDE"),
                false,
                1,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    HttpReply call(String route, HttpCall call) {
        HttpEndpoint endpoint = api.endpoints().get(route);
        return endpoint.handle(call).toCompletableFuture().join();
    }

    @Override
    public void close() {
        api.close();
    }
}
