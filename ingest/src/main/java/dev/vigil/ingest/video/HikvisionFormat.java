package dev.vigil.ingest.video;

import static dev.vigil.ingest.video.SafeXml.text;

import dev.vigil.events.StableId;
import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoEvent.Type;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.MultipartBody;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Hikvision ISAPI {@code EventNotificationAlert}, pushed by cameras and NVRs as {@code
 * application/xml} or as {@code multipart/form-data} with the XML part and JPEG picture parts.
 * Elements are matched by local name, so the ver10/ver20, PSIA, isapi.org and namespace-less
 * firmware variants all read alike.
 *
 * <ul>
 *   <li>camera ids tried, most specific first: {@code <macAddress>/<channelID>}, {@code
 *       <ipAddress>/<channelID>}, {@code <integration>/<channelID>} (MAC lower-case);
 *   <li>state: {@code eventState} inactive is END; active is START for the first post ({@code
 *       activePostCount} 1) and ONGOING for the repeats;
 *   <li>event id: MAC (or IP), channel, eventType, dateTime, activePostCount and eventState, so a
 *       retransmission ({@code isDataRetransmission=true}) has the id of the original post and is
 *       published once; it is marked "[retransmitted]" in the description.
 * </ul>
 */
public final class HikvisionFormat implements VideoFormat {

    private final ZoneId deviceZone;
    private final long maxPartBytes;
    private final int maxParts;

    public HikvisionFormat(ZoneId deviceZone, long maxPartBytes, int maxParts) {
        this.deviceZone = deviceZone;
        this.maxPartBytes = maxPartBytes;
        this.maxParts = maxParts;
    }

    @Override
    public VideoVendor vendor() {
        return VideoVendor.HIKVISION_ISAPI;
    }

    @Override
    public List<VendorEvent> parse(HttpCall call, String integrationId) throws ProblemException {
        String mediaType = call.mediaType();
        byte[] xml;
        List<VendorEvent.Picture> pictures = new ArrayList<>();
        if (MultipartBody.isMultipart(mediaType)) {
            List<MultipartBody.Part> parts =
                    MultipartBody.parse(
                            call.header("Content-Type"), call.body(), maxPartBytes, maxParts);
            MultipartBody.Part xmlPart =
                    parts.stream()
                            .filter(HikvisionFormat::isXml)
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new ProblemException(
                                                    Problem.malformed(
                                                            "body",
                                                            "no EventNotificationAlert XML part in"
                                                                    + " the multipart body")));
            xml = xmlPart.content();
            for (MultipartBody.Part part : parts) {
                if (part != xmlPart && isPicture(part)) {
                    pictures.add(new VendorEvent.Picture(part.describe(), part.content()));
                }
            }
        } else if (mediaType.isEmpty()
                || mediaType.endsWith("/xml")
                || mediaType.endsWith("+xml")) {
            xml = call.body();
        } else {
            throw new ProblemException(
                    Problem.unsupported(
                            "Content-Type",
                            "expected application/xml or multipart/form-data, was " + mediaType));
        }
        return List.of(read(SafeXml.parse(xml), integrationId, pictures));
    }

    private VendorEvent read(
            Element alert, String integrationId, List<VendorEvent.Picture> pictures)
            throws ProblemException {
        if (!"EventNotificationAlert".equals(SafeXml.localName(alert))) {
            throw new ProblemException(
                    Problem.malformed(
                            SafeXml.localName(alert),
                            "expected an EventNotificationAlert document"));
        }
        String eventType =
                text(alert, "eventType").orElseThrow(() -> invalid("eventType", "required"));
        String dateTime =
                text(alert, "dateTime").orElseThrow(() -> invalid("dateTime", "required"));
        Instant eventTime = VendorTime.iso(dateTime, deviceZone, "dateTime");
        Optional<String> mac = text(alert, "macAddress").map(m -> m.toLowerCase(Locale.ROOT));
        Optional<String> ip = text(alert, "ipAddress");
        Optional<String> channel = text(alert, "channelID").or(() -> text(alert, "dynChannelID"));
        if (mac.isEmpty() && ip.isEmpty()) {
            throw invalid(
                    "macAddress", "the alert names no device: macAddress or ipAddress needed");
        }
        String suffix = channel.map(c -> "/" + c).orElse("");
        Set<String> cameraIds = new LinkedHashSet<>();
        mac.ifPresent(m -> cameraIds.add(m + suffix));
        ip.ifPresent(i -> cameraIds.add(i + suffix));
        channel.ifPresent(c -> cameraIds.add(integrationId + suffix));

        String eventState = text(alert, "eventState").orElse("active");
        String postCount = text(alert, "activePostCount").orElse("1");
        State state = state(eventState, postCount);
        boolean retransmitted =
                text(alert, "isDataRetransmission")
                        .map(v -> v.equalsIgnoreCase("true"))
                        .orElse(false);
        String eventId =
                StableId.of(
                        vendor().label(),
                        mac.orElse(ip.orElse(null)),
                        channel.orElse(null),
                        eventType,
                        dateTime,
                        postCount,
                        eventState.toLowerCase(Locale.ROOT));
        Type type = VideoTypes.hikvision(eventType);
        return new VendorEvent(
                vendor(),
                eventId,
                List.copyOf(cameraIds),
                type,
                state,
                confidence(alert),
                eventTime,
                description(alert, eventType, retransmitted),
                eventType,
                pictures);
    }

    private static State state(String eventState, String postCount) throws ProblemException {
        if (eventState.equalsIgnoreCase("inactive")) {
            return State.END;
        }
        if (!eventState.equalsIgnoreCase("active")) {
            throw invalid("eventState", "must be active or inactive");
        }
        try {
            return Integer.parseInt(postCount.trim()) > 1 ? State.ONGOING : State.START;
        } catch (NumberFormatException e) {
            throw invalid("activePostCount", "must be a whole number");
        }
    }

    /**
     * {@code confidence} or {@code confidenceLevel} (0..1 or percent), where analytics send one.
     */
    private static Double confidence(Element alert) {
        for (String name : List.of("confidence", "confidenceLevel")) {
            List<Element> found = SafeXml.descendants(alert, name);
            if (!found.isEmpty()) {
                try {
                    double value = Double.parseDouble(found.get(0).getTextContent().trim());
                    if (value >= 0 && value <= 1) {
                        return value;
                    }
                    if (value > 1 && value <= 100) {
                        return value / 100;
                    }
                } catch (NumberFormatException ignored) {
                    // a confidence that is not a number is left out
                }
            }
        }
        return null;
    }

    private static String description(Element alert, String eventType, boolean retransmitted) {
        StringBuilder text =
                new StringBuilder(text(alert, "eventDescription").orElse(eventType + " alarm"));
        text(alert, "channelName").ifPresent(name -> text.append(" at ").append(name));
        Set<String> targets = new LinkedHashSet<>();
        for (Element target : SafeXml.descendants(alert, "detectionTarget")) {
            String t = target.getTextContent().trim();
            if (!t.isEmpty()) {
                targets.add(t);
            }
        }
        if (!targets.isEmpty()) {
            text.append("; target: ").append(String.join(", ", targets));
        }
        List<Element> temperature = SafeXml.descendants(alert, "fireMaxTemperature");
        if (!temperature.isEmpty()) {
            text.append("; max temperature ")
                    .append(temperature.get(0).getTextContent().trim())
                    .append(" °C");
        }
        if (retransmitted) {
            text.append(" [retransmitted]");
        }
        return text.toString();
    }

    private static boolean isXml(MultipartBody.Part part) {
        String type = part.contentType();
        if (type.endsWith("/xml") || type.endsWith("+xml")) {
            return true;
        }
        byte[] c = part.content();
        int i = 0;
        if (c.length >= 3
                && (c[0] & 0xFF) == 0xEF
                && (c[1] & 0xFF) == 0xBB
                && (c[2] & 0xFF) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        while (i < c.length && Character.isWhitespace(c[i])) {
            i++;
        }
        return type.isEmpty() && i < c.length && c[i] == '<';
    }

    /**
     * Parts declared as images or named like one are pictures (and must be JPEG or PNG); other
     * parts, such as thermal cameras' raw data, are ignored.
     */
    private static boolean isPicture(MultipartBody.Part part) {
        return part.contentType().startsWith("image/")
                || part.filename().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)");
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.invalid(field, detail));
    }
}
