package dev.vigil.ingest.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoEvent.Type;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.testkit.HttpFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HikvisionFormatTest {

    private final HikvisionFormat format =
            new HikvisionFormat(ZoneId.of("Asia/Shanghai"), 1 << 20, 10);

    private VendorEvent parse(String fixture, String contentType) throws ProblemException {
        List<VendorEvent> events =
                format.parse(
                        HttpFixtures.post(
                                "/api/video/hikvision",
                                contentType,
                                HttpFixtures.bytes("video/hikvision/" + fixture)),
                        "nvr-plant7");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private VendorEvent parseXml(String fixture) throws ProblemException {
        return parse(fixture, "application/xml; charset=\"UTF-8\"");
    }

    @Test
    void ver20FieldDetectionIsTheStartOfAnIntrusion() throws Exception {
        VendorEvent event = parseXml("fielddetection-ver20.xml");

        assertThat(event.vendor()).isEqualTo(VideoVendor.HIKVISION_ISAPI);
        assertThat(event.type()).isEqualTo(Type.INTRUSION);
        assertThat(event.state()).isEqualTo(State.START);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:15:30Z"));
        assertThat(event.cameraIds())
                .containsExactly("44:19:b6:6d:24:85/1", "10.20.7.64/1", "nvr-plant7/1");
        assertThat(event.vendorType()).isEqualTo("fielddetection");
        assertThat(event.confidence()).isNull();
        assertThat(event.description())
                .isEqualTo("fielddetection alarm at Outfall 2 east bank; target: human");
        assertThat(event.pictures()).isEmpty();
        assertThat(event.eventId()).hasSize(32);
    }

    @Test
    void isapiOrgThermalFireRepeatIsAnOngoingFireWithItsTemperature() throws Exception {
        VendorEvent event = parseXml("firedetection-isapi.xml");

        assertThat(event.type()).isEqualTo(Type.FIRE);
        assertThat(event.state()).isEqualTo(State.ONGOING);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:16:04.512Z"));
        assertThat(event.cameraIds().get(0)).isEqualTo("bc:ba:c2:01:7e:33/2");
        assertThat(event.description())
                .contains("Boiler house stack (thermal)", "max temperature 612.3 °C")
                .endsWith("[retransmitted]");
    }

    @Test
    void prefixedVer10ShelterAlarmInactiveEndsATamperReadInChinaTime() throws Exception {
        VendorEvent event = parseXml("tamper-prefixed-ver10.xml");

        assertThat(event.type()).isEqualTo(Type.TAMPER);
        assertThat(event.state()).isEqualTo(State.END);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-01-02T01:00:00Z"));
    }

    @Test
    void psiaVideoLossAndPlainAnprMapToTheirTypes() throws Exception {
        VendorEvent loss = parseXml("videoloss-psia.xml");
        VendorEvent anpr = parseXml("anpr-plain.xml");

        assertThat(loss.type()).isEqualTo(Type.VIDEO_LOSS);
        assertThat(loss.state()).isEqualTo(State.END);
        assertThat(anpr.type()).isEqualTo(Type.VEHICLE);
        assertThat(anpr.confidence()).isEqualTo(0.92);
    }

    @Test
    void multipartCarriesTheSameEventWithItsJpeg() throws Exception {
        VendorEvent multipart =
                parse("fielddetection-multipart.bin", HttpFixtures.HIKVISION_MULTIPART);
        VendorEvent xml = parseXml("fielddetection-ver20.xml");

        assertThat(multipart.eventId()).isEqualTo(xml.eventId());
        assertThat(multipart.pictures()).hasSize(1);
        assertThat(multipart.pictures().get(0).field())
                .isEqualTo("part[1] \"fielddetectionPicture\"");
        assertThat(multipart.pictures().get(0).content())
                .isEqualTo(HttpFixtures.bytes("video/snapshot-region.jpg"));
    }

    @Test
    void aRetransmissionHasTheIdOfTheOriginalPostAndTheNextPostAnother() throws Exception {
        String original =
                new String(
                        HttpFixtures.bytes("video/hikvision/fielddetection-ver20.xml"),
                        StandardCharsets.UTF_8);
        String resent =
                original.replace("<isDataRetransmission>false", "<isDataRetransmission>true");
        String next = original.replace("<activePostCount>1", "<activePostCount>2");

        VendorEvent first = parseText(original);
        VendorEvent again = parseText(resent);
        VendorEvent second = parseText(next);

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(again.description()).endsWith("[retransmitted]");
        assertThat(second.eventId()).isNotEqualTo(first.eventId());
        assertThat(second.state()).isEqualTo(State.ONGOING);
    }

    private VendorEvent parseText(String xml) throws ProblemException {
        return format.parse(
                        HttpFixtures.post(
                                "/api/video/hikvision",
                                "text/xml",
                                xml.getBytes(StandardCharsets.UTF_8)),
                        "nvr-plant7")
                .get(0);
    }

    @Test
    void problemsNameTheFieldAndTheKind() {
        assertThatThrownBy(
                        () ->
                                parseText(
                                        "<EventNotificationAlert><dateTime>2026-01-02T08:00:00+08:00</dateTime><macAddress>a</macAddress></EventNotificationAlert>"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().kind()).isEqualTo(Problem.Kind.INVALID);
                            assertThat(e.problem().field()).isEqualTo("eventType");
                        });
        assertThatThrownBy(
                        () ->
                                parseText(
                                        "<EventNotificationAlert><eventType>VMD</eventType><dateTime>yesterday</dateTime><macAddress>a</macAddress></EventNotificationAlert>"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().field()).isEqualTo("dateTime"));
        assertThatThrownBy(() -> parseText("<ResponseStatus/>"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().kind()).isEqualTo(Problem.Kind.MALFORMED));
        assertThatThrownBy(
                        () ->
                                format.parse(
                                        HttpFixtures.post(
                                                "/api/video/hikvision",
                                                "application/json",
                                                new byte[] {'{', '}'}),
                                        "nvr-plant7"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e ->
                                assertThat(e.problem().kind())
                                        .isEqualTo(Problem.Kind.UNSUPPORTED_MEDIA_TYPE));
    }
}
