package dev.vigil.events.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Json;
import dev.vigil.events.Samples;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VideoEventTest {

    @Test
    void confidenceIsAProbability() {
        VideoEvent e = Samples.fullVideoEvent();

        assertThatThrownBy(
                        () ->
                                new VideoEvent(
                                        e.eventId(),
                                        e.cameraId(),
                                        e.sourceId(),
                                        e.vendor(),
                                        e.type(),
                                        e.state(),
                                        93.0,
                                        e.eventTime(),
                                        e.receivedAt(),
                                        e.description(),
                                        e.pictures(),
                                        e.clip(),
                                        e.vendorType()))
                .hasMessage("confidence: must be within 0..1, was 93.0");
    }

    @Test
    void vendorIsWrittenWithItsWireLabel() {
        String json = new String(Json.toBytes(Samples.fullVideoEvent()), StandardCharsets.UTF_8);

        assertThat(json).contains("\"vendor\":\"hikvision-isapi\"");
    }
}
