package dev.vigil.ingest.video;

import dev.vigil.events.StableId;
import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * ONVIF event notifications (WS-BaseNotification {@code Notify}, in a SOAP envelope or bare), one
 * event per {@code NotificationMessage}: its {@code Topic}, the producer's address, and the {@code
 * tt:Message} with {@code UtcTime}, {@code PropertyOperation} and {@code Source}/{@code Data}
 * simple items.
 *
 * <ul>
 *   <li>state: a boolean data item (IsMotion, IsTamper, State, ...) true is START and false END;
 *       {@code PropertyOperation="Initialized"} (the state replayed on subscription) is ONGOING
 *       when true and not published when false; {@code Deleted} is END; a pulse event without a
 *       boolean (a line crossing) is START;
 *   <li>camera ids tried: {@code <producer host>/<video source token>}, {@code
 *       <integration>/<token>}, then the host and the integration alone;
 *   <li>event id: topic, producer, source items, UtcTime, property operation and data items.
 * </ul>
 */
public final class OnvifFormat implements VideoFormat {

    @Override
    public VideoVendor vendor() {
        return VideoVendor.ONVIF;
    }

    @Override
    public List<VendorEvent> parse(HttpCall call, String integrationId) throws ProblemException {
        String mediaType = call.mediaType();
        if (!mediaType.isEmpty() && !mediaType.endsWith("/xml") && !mediaType.endsWith("+xml")) {
            throw new ProblemException(
                    Problem.unsupported(
                            "Content-Type",
                            "expected application/soap+xml or application/xml, was " + mediaType));
        }
        Element root = SafeXml.parse(call.body());
        List<Element> messages = SafeXml.descendants(root, "NotificationMessage");
        if (messages.isEmpty()) {
            throw new ProblemException(
                    Problem.malformed("NotificationMessage", "no NotificationMessage in the body"));
        }
        List<VendorEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            read(messages.get(i), "NotificationMessage[" + i + "]", integrationId)
                    .ifPresent(events::add);
        }
        return events;
    }

    private Optional<VendorEvent> read(Element notification, String where, String integrationId)
            throws ProblemException {
        String topic =
                SafeXml.text(notification, "Topic")
                        .orElseThrow(() -> invalid(where + ".Topic", "required"));
        String producer =
                SafeXml.child(notification, "ProducerReference")
                        .flatMap(ref -> SafeXml.text(ref, "Address"))
                        .map(OnvifFormat::host)
                        .orElse(null);
        Element message =
                SafeXml.descendants(notification, "Message").stream()
                        .filter(m -> m.hasAttribute("UtcTime"))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        invalid(
                                                where + ".Message",
                                                "a tt:Message with UtcTime is required"));
        Instant eventTime =
                VendorTime.iso(message.getAttribute("UtcTime"), ZoneOffset.UTC, where + ".UtcTime");
        String operation = message.getAttribute("PropertyOperation");
        Map<String, String> source = simpleItems(message, "Source");
        Map<String, String> data = simpleItems(message, "Data");
        Optional<Boolean> flag =
                data.values().stream()
                        .filter(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))
                        .map(Boolean::parseBoolean)
                        .findFirst();
        State state;
        if (operation.equals("Deleted")) {
            state = State.END;
        } else if (flag.isPresent()) {
            if (operation.equals("Initialized") && !flag.get()) {
                return Optional.empty(); // the subscription's initial "nothing is happening"
            }
            state =
                    flag.get()
                            ? (operation.equals("Initialized") ? State.ONGOING : State.START)
                            : State.END;
        } else {
            state = State.START;
        }
        String token =
                source.entrySet().stream()
                        .filter(
                                e ->
                                        e.getKey().contains("VideoSource")
                                                || e.getKey().equals("Source"))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
        Set<String> cameraIds = new LinkedHashSet<>();
        if (token != null) {
            if (producer != null) {
                cameraIds.add(producer + "/" + token);
            }
            cameraIds.add(integrationId + "/" + token);
        }
        if (producer != null) {
            cameraIds.add(producer);
        }
        cameraIds.add(integrationId);
        String eventId =
                StableId.of(
                        vendor().label(),
                        topic,
                        producer,
                        source.toString(),
                        message.getAttribute("UtcTime"),
                        operation,
                        data.toString());
        return Optional.of(
                new VendorEvent(
                        vendor(),
                        eventId,
                        List.copyOf(cameraIds),
                        VideoTypes.onvif(topic),
                        state,
                        null,
                        eventTime,
                        description(topic, source, data),
                        topic,
                        List.of()));
    }

    /** Name to value of the SimpleItems under the message's Source or Data, sorted by name. */
    private static Map<String, String> simpleItems(Element message, String container) {
        Map<String, String> items = new TreeMap<>();
        SafeXml.child(message, container)
                .ifPresent(
                        c -> {
                            for (Element item : SafeXml.children(c, "SimpleItem")) {
                                items.put(item.getAttribute("Name"), item.getAttribute("Value"));
                            }
                        });
        return items;
    }

    private static String description(
            String topic, Map<String, String> source, Map<String, String> data) {
        StringBuilder text = new StringBuilder(topic.substring(topic.lastIndexOf(':') + 1));
        String rule = source.get("Rule");
        if (rule != null) {
            text.append(" (rule ").append(rule).append(')');
        }
        if (!data.isEmpty()) {
            text.append(": ");
            data.forEach((k, v) -> text.append(k).append('=').append(v).append(' '));
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    /** The host of a producer address such as {@code http://192.168.1.70/onvif/device_service}. */
    private static String host(String address) {
        try {
            String host = new URI(address.trim()).getHost();
            return host != null ? host : address.trim();
        } catch (URISyntaxException e) {
            return address.trim();
        }
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.invalid(field, detail));
    }
}
