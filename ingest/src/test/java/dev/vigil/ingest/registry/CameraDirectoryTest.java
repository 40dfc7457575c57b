package dev.vigil.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Place;
import dev.vigil.events.source.Camera;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoVendor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraDirectoryTest {

    static Source source(String id, boolean retired, String... cameraIds) {
        return new Source(
                id,
                id,
                null,
                Source.Kind.AIR,
                new Place("somewhere", null, null, null),
                List.of(),
                List.of(),
                List.of(),
                java.util.Arrays.stream(cameraIds)
                        .map(c -> new Camera(c, c, VideoVendor.HIKVISION_ISAPI))
                        .toList(),
                List.of(),
                List.of(),
                retired,
                1,
                Instant.EPOCH);
    }

    @Test
    void resolvesTheFirstRegisteredCandidate() {
        CameraDirectory directory = CameraDirectory.of(List.of(source("S1", false, "10.0.0.5/1")));

        assertThat(directory.resolve(List.of("aa:bb/1", "10.0.0.5/1", "nvr/1")))
                .isEqualTo(new CameraDirectory.Resolution("10.0.0.5/1", "S1"));
        assertThat(directory.resolve(List.of("aa:bb/2", "10.0.0.5/2")))
                .isEqualTo(new CameraDirectory.Resolution("aa:bb/2", null));
    }

    @Test
    void retiredSourcesLinkNoCameras() {
        CameraDirectory directory = CameraDirectory.of(List.of(source("S1", true, "c1")));

        assertThat(directory.find("c1")).isEmpty();
    }

    @Test
    void followsUpdatesOfASource() {
        Source before = source("S1", false, "c1", "c2");
        Source after = source("S1", false, "c2", "c3");
        CameraDirectory directory = CameraDirectory.of(List.of(before));

        directory.changed("S1", before, after);

        assertThat(directory.find("c1")).isEmpty();
        assertThat(directory.find("c3")).isPresent();
        directory.changed("S1", after, null);
        assertThat(directory.find("c2")).isEmpty();
    }

    @Test
    void aCameraMovedToAnotherSourceStaysWithItWhenTheOldSourceIsDeleted() {
        Source old = source("S1", false, "c1");
        Source moved = source("S2", false, "c1");
        CameraDirectory directory = CameraDirectory.of(List.of(old, moved));

        directory.changed("S1", old, null);

        assertThat(directory.find("c1"))
                .hasValueSatisfying(link -> assertThat(link.sourceId()).isEqualTo("S2"));
    }
}
