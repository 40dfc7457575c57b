package dev.vigil.alerting.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alerting.Fixtures;
import dev.vigil.alerting.route.Endpoint;
import dev.vigil.alerting.route.SourceInfo;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

class CapDocumentTest {
    private static final Endpoint CAP =
            new Endpoint(Delivery.Channel.CAP, "http://x", null, null, null);
    private static final SourceInfo SOURCE = Fixtures.CHEM;

    static void validate(byte[] xml) throws Exception {
        Schema schema =
                SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                        .newSchema(CapDocumentTest.class.getResource("/cap/CAP-v1.2.xsd"));
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    private static Outgoing message(MessageType type, IncidentEvent e, SourceInfo source) {
        return new Outgoing(
                "dlv-" + type,
                type,
                e,
                source,
                "city",
                CAP,
                e.at(),
                type == MessageType.ALERT ? null : "dlv-ALERT",
                type == MessageType.ALERT ? null : Instant.parse("2026-11-22T08:00:01Z"));
    }

    @Test
    void alertUpdateAndCancelValidateAgainstCap12() throws Exception {
        byte[] alert =
                CapDocument.write(
                        message(
                                MessageType.ALERT,
                                Fixtures.event(
                                        "inc",
                                        1,
                                        IncidentEvent.Type.OPENED,
                                        IncidentEvent.State.OPEN),
                                SOURCE),
                        "vigil@cc",
                        0.5);
        byte[] update =
                CapDocument.write(
                        message(
                                MessageType.UPDATE,
                                Fixtures.event(
                                        "inc",
                                        5,
                                        IncidentEvent.Type.ALERT_ATTACHED,
                                        IncidentEvent.State.OPEN),
                                SOURCE),
                        "vigil@cc",
                        0.5);
        byte[] cancel =
                CapDocument.write(
                        message(
                                MessageType.CANCEL,
                                Fixtures.event(
                                        "inc",
                                        9,
                                        IncidentEvent.Type.CLOSED,
                                        IncidentEvent.State.CLOSED),
                                SOURCE),
                        "vigil@cc",
                        0.5);
        validate(alert);
        validate(update);
        validate(cancel);
        String a = new String(alert, StandardCharsets.UTF_8);
        assertThat(a)
                .contains(
                        "urn:oasis:names:tc:emergency:cap:1.2",
                        "<msgType>Alert</msgType>",
                        "<sent>2026-11-22T08:00:01+00:00</sent>",
                        "<category>Env</category>",
                        "<event>Exceedance incident (AIR)</event>",
                        "<circle>31.23,121.47 0.5</circle>")
                .doesNotContain("<references>");
        assertThat(new String(update, StandardCharsets.UTF_8))
                .contains(
                        "<msgType>Update</msgType>",
                        "<references>vigil@cc,dlv-ALERT,2026-11-22T08:00:01+00:00</references>");
        assertThat(new String(cancel, StandardCharsets.UTF_8))
                .contains(
                        "<msgType>Cancel</msgType>",
                        "<references>vigil@cc,dlv-ALERT,",
                        "<urgency>Past</urgency>");
    }

    @Test
    void sourceWithoutLocationStillValidates() throws Exception {
        validate(
                CapDocument.write(
                        message(
                                MessageType.ALERT,
                                Fixtures.event(
                                        "inc",
                                        1,
                                        IncidentEvent.Type.OPENED,
                                        IncidentEvent.State.OPEN),
                                SourceInfo.unknown("s")),
                        "vigil@cc",
                        0.5));
    }

    @Test
    void theSchemaRejectsAnInvalidDocument() {
        byte[] bad =
                ("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier>"
                                + "<sender>s</sender><sent>2026-11-22T08:00:00Z</sent><status>Actual</status>"
                                + "<msgType>Alert</msgType><scope>Public</scope></alert>")
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> validate(bad)).hasMessageContaining("sent");
    }
}
