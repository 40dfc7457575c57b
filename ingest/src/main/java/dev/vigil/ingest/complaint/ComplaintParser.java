package dev.vigil.ingest.complaint;

import static dev.vigil.ingest.http.JsonBody.optionalNumber;
import static dev.vigil.ingest.http.JsonBody.optionalObject;
import static dev.vigil.ingest.http.JsonBody.optionalText;
import static dev.vigil.ingest.http.JsonBody.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.complaint.Complaint.Category;
import dev.vigil.events.complaint.Complaint.Channel;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.JsonBody;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and validates a complaint submission (JSON, schema in {@code ingest/README-http.md}):
 * channel hotline/web/app, category noise/odor/smoke/water/waste/other, text up to {@value
 * #MAX_TEXT} characters, a place with an address or coordinates within WGS 84 ranges, a report time
 * not more than {@code futureTolerance} ahead of the server's clock, and an optional contact.
 * Problems name the field; they never quote contact details.
 */
public final class ComplaintParser {

    /** Longest complaint text, in characters. */
    public static final int MAX_TEXT = 4000;

    private static final Pattern PHONE = Pattern.compile("[+0-9][0-9 ()\\-]{2,31}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final ZoneId localZone;
    private final Duration futureTolerance;
    private final int maxAttachments;

    public ComplaintParser(ZoneId localZone, Duration futureTolerance, int maxAttachments) {
        this.localZone = localZone;
        this.futureTolerance = futureTolerance;
        this.maxAttachments = maxAttachments;
    }

    /**
     * The validated submission.
     *
     * @param now the server's time, to refuse report times in the future
     * @throws ProblemException MALFORMED, INVALID, TOO_LARGE or UNSUPPORTED_MEDIA_TYPE
     */
    public ComplaintDraft parse(HttpCall call, Instant now) throws ProblemException {
        JsonBody.requireJson(call);
        ObjectNode root = JsonBody.object(call.body());
        Optional<String> externalId = optionalText(root, "", "externalId", 128);
        Channel channel = oneOf(Channel.class, requiredText(root, "", "channel", 16), "channel");
        Category category =
                oneOf(Category.class, requiredText(root, "", "category", 16), "category");
        String text = requiredText(root, "", "text", MAX_TEXT);
        Place place = place(root);
        Instant reportedAt = reportedAt(root, now);
        return new ComplaintDraft(
                externalId.orElse(null),
                channel,
                category,
                text,
                place,
                reportedAt,
                contact(root),
                attachments(root));
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field)
            throws ProblemException {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw invalid(field, "must be one of " + String.join(", ", names));
        }
    }

    private static Place place(ObjectNode root) throws ProblemException {
        JsonNode place =
                optionalObject(root, "", "place").orElseThrow(() -> invalid("place", "required"));
        Optional<String> address = optionalText(place, "place", "address", 500);
        GeoPoint location = null;
        Optional<JsonNode> point = optionalObject(place, "place", "location");
        if (point.isPresent()) {
            double lat =
                    optionalNumber(point.get(), "place.location", "lat")
                            .orElseThrow(() -> invalid("place.location.lat", "required"));
            double lon =
                    optionalNumber(point.get(), "place.location", "lon")
                            .orElseThrow(() -> invalid("place.location.lon", "required"));
            if (lat < -90 || lat > 90) {
                throw invalid("place.location.lat", "must be within -90..90 (WGS 84 degrees)");
            }
            if (lon < -180 || lon > 180) {
                throw invalid("place.location.lon", "must be within -180..180 (WGS 84 degrees)");
            }
            location = new GeoPoint(lat, lon);
        }
        if (address.isEmpty() && location == null) {
            throw invalid("place", "an address or a location {lat, lon} is required");
        }
        return new Place(
                address.orElse(null),
                location,
                optionalText(place, "place", "area", 100).orElse(null),
                optionalText(place, "place", "street", 100).orElse(null));
    }

    private Instant reportedAt(ObjectNode root, Instant now) throws ProblemException {
        Optional<String> text = optionalText(root, "", "reportedAt", 64);
        if (text.isEmpty()) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text.get()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                at = LocalDateTime.parse(text.get()).atZone(localZone).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(
                        "reportedAt",
                        "not an ISO-8601 date-time such as 2026-01-02T07:40:00+08:00");
            }
        }
        if (at.isAfter(now.plus(futureTolerance))) {
            throw invalid(
                    "reportedAt",
                    "in the future (more than "
                            + futureTolerance.toMinutes()
                            + " minutes ahead of the server's clock)");
        }
        return at;
    }

    private static ComplaintDraft.Contact contact(ObjectNode root) throws ProblemException {
        Optional<JsonNode> contact = optionalObject(root, "", "contact");
        if (contact.isEmpty()) {
            return null;
        }
        Optional<String> name = optionalText(contact.get(), "contact", "name", 100);
        Optional<String> phone = optionalText(contact.get(), "contact", "phone", 32);
        Optional<String> email = optionalText(contact.get(), "contact", "email", 254);
        if (phone.isPresent() && !PHONE.matcher(phone.get()).matches()) {
            throw invalid("contact.phone", "not a phone number (digits, spaces, + ( ) -)");
        }
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw invalid("contact.email", "not an e-mail address");
        }
        if (name.isEmpty() && phone.isEmpty() && email.isEmpty()) {
            return null;
        }
        return new ComplaintDraft.Contact(
                name.orElse(null), phone.orElse(null), email.orElse(null));
    }

    private List<ComplaintDraft.Attachment> attachments(ObjectNode root) throws ProblemException {
        JsonNode list = root.get("attachments");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw invalid("attachments", "must be an array");
        }
        if (list.size() > maxAttachments) {
            throw new ProblemException(
                    Problem.tooLarge(
                            "attachments", "more than " + maxAttachments + " attachments"));
        }
        List<ComplaintDraft.Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "attachments[" + i + "].data";
            JsonNode data = list.get(i).path("data");
            if (!data.isTextual()) {
                throw invalid(field, "required: the photo as Base64");
            }
            try {
                attachments.add(
                        new ComplaintDraft.Attachment(
                                field,
                                Base64.getDecoder()
                                        .decode(data.textValue().replaceAll("\\s", ""))));
            } catch (IllegalArgumentException e) {
                throw invalid(field, "not valid Base64");
            }
        }
        return attachments;
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.invalid(field, detail));
    }
}
