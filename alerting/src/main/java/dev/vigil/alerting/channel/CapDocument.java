package dev.vigil.alerting.channel;

import dev.vigil.events.incident.IncidentEvent;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes an OASIS CAP 1.2 alert for an incident message: Alert first, then Update and Cancel that
 * reference it ({@code sender,identifier,sent}), one info block with an area circle around the
 * source when its location is known.
 */
public final class CapDocument {
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

    /** CAP's dateTime: seconds precision and an explicit offset ("Z" is not allowed). */
    private static final DateTimeFormatter SENT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapDocument() {}

    public static String time(Instant at) {
        return SENT.format(at.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /** The CAP XML for a message, as UTF-8 bytes. */
    public static byte[] write(Outgoing m, String sender, double radiusKm) {
        try {
            Document doc =
                    DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
            Element alert = doc.createElementNS(NAMESPACE, "alert");
            doc.appendChild(alert);
            IncidentEvent i = m.incident();
            add(alert, "identifier", m.deliveryId());
            add(alert, "sender", sender);
            add(alert, "sent", time(m.sent()));
            add(alert, "status", "Actual");
            add(alert, "msgType", capMsgType(m.type()));
            add(alert, "scope", "Restricted");
            add(alert, "restriction", "Linked agencies of the command center");
            if (m.referencesId() != null && m.type() != MessageType.ALERT) {
                add(
                        alert,
                        "references",
                        sender + "," + m.referencesId() + "," + time(m.referencesSent()));
            }
            add(alert, "incidents", i.incidentId());
            Element info = add(alert, "info", null);
            add(info, "category", fire(i.category()) ? "Fire" : "Env");
            add(
                    info,
                    "event",
                    words(i.category())
                            + " incident"
                            + (m.source().kind() == null ? "" : " (" + m.source().kind() + ")"));
            add(info, "responseType", m.type() == MessageType.CANCEL ? "AllClear" : "Assess");
            add(info, "urgency", m.type() == MessageType.CANCEL ? "Past" : urgency(i));
            add(info, "severity", severity(i));
            add(info, "certainty", "Observed");
            add(info, "senderName", "Vigil");
            add(
                    info,
                    "headline",
                    (m.type() == MessageType.CANCEL ? "Ended: " : "")
                            + i.severity()
                            + " "
                            + words(i.category()).toLowerCase(Locale.ROOT)
                            + " incident at "
                            + i.sourceId());
            add(
                    info,
                    "description",
                    "Incident "
                            + i.incidentId()
                            + " is "
                            + i.state()
                            + " after "
                            + i.type()
                            + " with "
                            + i.alertIds().size()
                            + " alert(s), priority "
                            + i.priority()
                            + (i.detail() == null ? "" : ". " + i.detail()));
            Element area = add(info, "area", null);
            String desc =
                    m.source().street() != null
                            ? m.source().street()
                            : m.source().area() != null ? m.source().area() : i.sourceId();
            add(area, "areaDesc", desc);
            if (m.source().lat() != null && m.source().lon() != null) {
                add(area, "circle", m.source().lat() + "," + m.source().lon() + " " + radiusKm);
            }
            var out = new ByteArrayOutputStream();
            var transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write CAP document: " + e.getMessage(), e);
        }
    }

    private static boolean fire(IncidentEvent.Category category) {
        return category == IncidentEvent.Category.FIRE || category == IncidentEvent.Category.SMOKE;
    }

    /** The category in words, e.g. "Illegal discharge". */
    static String words(IncidentEvent.Category category) {
        String text = category.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String capMsgType(MessageType type) {
        return switch (type) {
            case ALERT -> "Alert";
            case UPDATE -> "Update";
            case CANCEL -> "Cancel";
        };
    }

    private static String urgency(IncidentEvent i) {
        return switch (i.severity()) {
            case ALARM, SEVERE -> "Immediate";
            default -> "Expected";
        };
    }

    private static String severity(IncidentEvent i) {
        return switch (i.severity()) {
            case INFO -> "Minor";
            case WARNING -> "Moderate";
            case ALARM -> "Severe";
            case SEVERE -> "Extreme";
        };
    }

    private static Element add(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }
}
