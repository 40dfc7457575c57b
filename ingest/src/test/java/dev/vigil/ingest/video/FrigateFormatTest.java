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
import java.util.List;
import org.junit.jupiter.api.Test;

class FrigateFormatTest {

    private final FrigateFormat format = new FrigateFormat();

    private List<VendorEvent> parse(byte[] body) throws ProblemException {
        return format.parse(
                HttpFixtures.post("/api/video/frigate", "application/json", body), "frigate-1");
    }

    private VendorEvent parse(String fixture) throws ProblemException {
        List<VendorEvent> events = parse(HttpFixtures.bytes("video/frigate/" + fixture));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void newEventStartsAtItsStartTimeWithTheTopScore() throws Exception {
        VendorEvent event = parse("new.json");

        assertThat(event.type()).isEqualTo(Type.INTRUSION);
        assertThat(event.state()).isEqualTo(State.START);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:15:30.475377Z"));
        assertThat(event.confidence()).isEqualTo(0.958984375);
        assertThat(event.cameraIds()).containsExactly("frigate-1/outfall_east", "outfall_east");
        assertThat(event.vendorType()).isEqualTo("person");
        assertThat(event.description()).isEqualTo("person in discharge_channel");
    }

    @Test
    void updateIsOngoingAtItsFrameTimeAndEndEndsAtTheEndTime() throws Exception {
        VendorEvent update = parse("update.json");
        VendorEvent end = parse("end.json");

        assertThat(update.state()).isEqualTo(State.ONGOING);
        assertThat(update.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:15:36.112018Z"));
        assertThat(update.description()).isEqualTo("person in discharge_channel, stationary");
        assertThat(end.state()).isEqualTo(State.END);
        assertThat(end.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:16:01.204311Z"));
        assertThat(end.description())
                .isEqualTo("person in fence_line, discharge_channel, stationary");
    }

    @Test
    void eachMessageHasItsOwnIdAndARedeliveryTheSameOne() throws Exception {
        List<String> ids =
                List.of(
                        parse("new.json").eventId(),
                        parse("update.json").eventId(),
                        parse("end.json").eventId());

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(parse("update.json").eventId()).isEqualTo(ids.get(1));
    }

    @Test
    void falsePositivesAreNotEvents() throws Exception {
        assertThat(parse(HttpFixtures.bytes("video/frigate/false-positive.json"))).isEmpty();
    }

    @Test
    void smokeLabelIsSmoke() throws Exception {
        VendorEvent event = parse("smoke-new.json");

        assertThat(event.type()).isEqualTo(Type.SMOKE);
        assertThat(event.cameraIds()).contains("boiler_stack");
    }

    @Test
    void problemsNameTheField() {
        assertThatThrownBy(() -> parse(bytes("{\"type\":\"begin\",\"after\":{}}")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().field()).isEqualTo("type"));
        assertThatThrownBy(
                        () ->
                                parse(
                                        bytes(
                                                "{\"type\":\"new\",\"after\":{\"id\":\"x\",\"camera\":\"c\",\"label\":\"car\"}}")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().field()).isEqualTo("after.start_time"));
        assertThatThrownBy(() -> parse(bytes("{\"type\":\"new\"}")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().field()).isEqualTo("after"));
        assertThatThrownBy(() -> parse(bytes("{\"type\":\"new\",")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().kind()).isEqualTo(Problem.Kind.MALFORMED);
                            assertThat(e.problem().detail()).startsWith("malformed JSON at line 1");
                        });
        assertThatThrownBy(() -> parse(bytes("{\"type\":\"new\",\"type\":\"end\"}")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().detail()).contains("appears twice"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
