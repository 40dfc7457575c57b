package dev.vigil.ingest.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoEvent.Type;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.testkit.HttpFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class VigilJsonFormatTest {

    private final VigilJsonFormat format = new VigilJsonFormat(ZoneId.of("Asia/Shanghai"), 2);

    private List<VendorEvent> parse(byte[] body) throws ProblemException {
        return format.parse(
                HttpFixtures.post("/api/video/events", "application/json", body), "aibox-7");
    }

    @Test
    void readsTheDocumentedExample() throws Exception {
        VendorEvent event = parse(HttpFixtures.bytes("video/vigil/discharge-start.json")).get(0);

        assertThat(event.type()).isEqualTo(Type.ILLEGAL_DISCHARGE);
        assertThat(event.state()).isEqualTo(State.START);
        assertThat(event.confidence()).isEqualTo(0.87);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:15:30Z"));
        assertThat(event.cameraIds()).containsExactly("CAM-OUTFALL-2");
        assertThat(event.vendorType()).isEqualTo("water.discharge.dark");
        assertThat(event.description()).isEqualTo("dark plume entering the river at outfall 2");
        assertThat(event.pictures()).hasSize(1);
        assertThat(event.pictures().get(0).content())
                .isEqualTo(HttpFixtures.bytes("video/snapshot-smoke.jpg"));
        assertThat(event.pictures().get(0).field()).isEqualTo("pictures[0].data");
    }

    @Test
    void theSendersEventIdDecidesTheEventId() throws Exception {
        String a =
                "{\"eventId\":\"x-1\",\"cameraId\":\"c\",\"type\":\"smoke\",\"eventTime\":\"2026-01-02T08:00:00+08:00\"}";
        String b = a.replace("08:00:00", "08:00:05");
        String c = a.replace("x-1", "x-2");

        assertThat(id(a)).isEqualTo(id(b)).isNotEqualTo(id(c));
    }

    private String id(String json) throws ProblemException {
        return parse(json.getBytes(StandardCharsets.UTF_8)).get(0).eventId();
    }

    @Test
    void problemsNameTheField() {
        assertField("{\"type\":\"smoke\",\"eventTime\":\"2026-01-02T08:00:00Z\"}", "cameraId");
        assertField(
                "{\"cameraId\":\"c\",\"type\":\"aliens\",\"eventTime\":\"2026-01-02T08:00:00Z\"}",
                "type");
        assertField(
                "{\"cameraId\":\"c\",\"type\":\"fire\",\"state\":\"later\",\"eventTime\":\"2026-01-02T08:00:00Z\"}",
                "state");
        assertField(
                "{\"cameraId\":\"c\",\"type\":\"fire\",\"confidence\":1.5,\"eventTime\":\"2026-01-02T08:00:00Z\"}",
                "confidence");
        assertField("{\"cameraId\":\"c\",\"type\":\"fire\",\"eventTime\":\"now\"}", "eventTime");
        assertField(
                "{\"cameraId\":\"c\",\"type\":\"fire\",\"eventTime\":\"2026-01-02T08:00:00Z\",\"pictures\":[{\"data\":\"%%%\"}]}",
                "pictures[0].data");
        assertField(
                "{\"cameraId\":7,\"type\":\"fire\",\"eventTime\":\"2026-01-02T08:00:00Z\"}",
                "cameraId");
    }

    @Test
    void tooManyPicturesAreTooLarge() {
        String three = "[{\"data\":\"\"},{\"data\":\"\"},{\"data\":\"\"}]";
        assertThatThrownBy(
                        () ->
                                parse(
                                        ("{\"cameraId\":\"c\",\"type\":\"fire\",\"eventTime\":\"2026-01-02T08:00:00Z\",\"pictures\":"
                                                        + three
                                                        + "}")
                                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().kind()).isEqualTo(Problem.Kind.TOO_LARGE));
    }

    private void assertField(String json, String field) {
        assertThatThrownBy(() -> parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().kind()).isEqualTo(Problem.Kind.INVALID);
                            assertThat(e.problem().field()).isEqualTo(field);
                        });
    }
}
