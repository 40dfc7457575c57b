package dev.vigil.ingest.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoEvent.Type;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.testkit.HttpFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnvifFormatTest {

    private final OnvifFormat format = new OnvifFormat();

    private List<VendorEvent> parse(String fixture) throws ProblemException {
        return format.parse(
                HttpFixtures.post(
                        "/api/video/onvif",
                        "application/soap+xml; charset=utf-8",
                        HttpFixtures.bytes("video/onvif/" + fixture)),
                "onvif-relay");
    }

    @Test
    void eachNotificationMessageIsAnEventExceptTheInitialQuietState() throws Exception {
        List<VendorEvent> events = parse("notify-motion-tamper.xml");

        assertThat(events).hasSize(2);
        VendorEvent motion = events.get(0);
        assertThat(motion.type()).isEqualTo(Type.OTHER);
        assertThat(motion.state()).isEqualTo(State.START);
        assertThat(motion.vendorType()).isEqualTo("tns1:RuleEngine/CellMotionDetector/Motion");
        assertThat(motion.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:20:01.120Z"));
        assertThat(motion.cameraIds())
                .containsExactly(
                        "10.20.11.70/VideoSource_1",
                        "onvif-relay/VideoSource_1",
                        "10.20.11.70",
                        "onvif-relay");
        assertThat(motion.description())
                .isEqualTo(
                        "RuleEngine/CellMotionDetector/Motion (rule MyMotionDetectorRule): IsMotion=true");
        VendorEvent tamper = events.get(1);
        assertThat(tamper.type()).isEqualTo(Type.TAMPER);
        assertThat(tamper.state()).isEqualTo(State.END);
        assertThat(tamper.eventId()).isNotEqualTo(motion.eventId());
    }

    @Test
    void aLineCrossingPulseWithoutEnvelopeOrProducerStartsAnIntrusion() throws Exception {
        List<VendorEvent> events = parse("line-crossed-bare.xml");

        assertThat(events).hasSize(1);
        assertThat(events.get(0).type()).isEqualTo(Type.INTRUSION);
        assertThat(events.get(0).state()).isEqualTo(State.START);
        assertThat(events.get(0).cameraIds())
                .containsExactly("onvif-relay/VSC_gate", "onvif-relay");
    }

    @Test
    void theSameNotificationTwiceHasTheSameIds() throws Exception {
        assertThat(parse("notify-motion-tamper.xml"))
                .extracting(VendorEvent::eventId)
                .isEqualTo(
                        parse("notify-motion-tamper.xml").stream()
                                .map(VendorEvent::eventId)
                                .toList());
    }

    @Test
    void aBodyWithoutNotificationsOrTimesIsRefused() {
        assertThatThrownBy(() -> parseText("<Envelope><Body/></Envelope>"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().field()).isEqualTo("NotificationMessage"));
        assertThatThrownBy(
                        () ->
                                parseText(
                                        "<Notify><NotificationMessage><Topic>tns1:X</Topic><Message><Message/></Message></NotificationMessage></Notify>"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e ->
                                assertThat(e.problem().field())
                                        .isEqualTo("NotificationMessage[0].Message"));
    }

    private List<VendorEvent> parseText(String xml) throws ProblemException {
        return format.parse(
                HttpFixtures.post(
                        "/api/video/onvif",
                        "application/xml",
                        xml.getBytes(StandardCharsets.UTF_8)),
                "onvif-relay");
    }
}
