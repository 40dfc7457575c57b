package dev.vigil.ingest.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.StableId;
import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoEvent.Type;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.JsonBody;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Vigil's own video event JSON, for analytics that can speak it directly (schema and example in
 * {@code ingest/README-http.md}): {@code cameraId}, {@code type}, {@code eventTime} required;
 * {@code eventId}, {@code state}, {@code confidence}, {@code description}, {@code vendorType} and
 * Base64 {@code pictures} optional. The event id is derived from the sender's {@code eventId} when
 * given, else from camera, type, state and time.
 */
public final class VigilJsonFormat implements VideoFormat {

    private final ZoneId deviceZone;
    private final int maxPictures;

    public VigilJsonFormat(ZoneId deviceZone, int maxPictures) {
        this.deviceZone = deviceZone;
        this.maxPictures = maxPictures;
    }

    @Override
    public VideoVendor vendor() {
        return VideoVendor.VIGIL;
    }

    @Override
    public List<VendorEvent> parse(HttpCall call, String integrationId) throws ProblemException {
        JsonBody.requireJson(call);
        ObjectNode root = JsonBody.object(call.body());
        String cameraId = JsonBody.requiredText(root, "", "cameraId", 128);
        String typeName = JsonBody.requiredText(root, "", "type", 64);
        Type type =
                VideoTypes.vigil(typeName)
                        .orElseThrow(
                                () ->
                                        invalid(
                                                "type",
                                                "must be one of smoke, fire, illegal_discharge,"
                                                        + " intrusion, vehicle, video_loss, tamper,"
                                                        + " other"));
        String stateName = JsonBody.optionalText(root, "", "state", 16).orElse("start");
        State state;
        try {
            state = State.valueOf(stateName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("state", "must be start, ongoing or end");
        }
        Optional<Double> confidence = JsonBody.optionalNumber(root, "", "confidence");
        if (confidence.isPresent() && !(confidence.get() >= 0 && confidence.get() <= 1)) {
            throw invalid("confidence", "must be within 0..1");
        }
        Instant eventTime =
                VendorTime.iso(
                        JsonBody.requiredText(root, "", "eventTime", 64), deviceZone, "eventTime");
        Optional<String> senderId = JsonBody.optionalText(root, "", "eventId", 128);
        String eventId =
                senderId.map(id -> StableId.of(vendor().label(), integrationId, id))
                        .orElseGet(
                                () ->
                                        StableId.of(
                                                vendor().label(),
                                                cameraId,
                                                type.name(),
                                                state.name(),
                                                eventTime.toString()));
        return List.of(
                new VendorEvent(
                        vendor(),
                        eventId,
                        List.of(cameraId),
                        type,
                        state,
                        confidence.orElse(null),
                        eventTime,
                        JsonBody.optionalText(root, "", "description", 2000).orElse(null),
                        JsonBody.optionalText(root, "", "vendorType", 200).orElse(typeName),
                        pictures(root)));
    }

    private List<VendorEvent.Picture> pictures(ObjectNode root) throws ProblemException {
        JsonNode list = root.get("pictures");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw invalid("pictures", "must be an array");
        }
        if (list.size() > maxPictures) {
            throw new ProblemException(
                    Problem.tooLarge("pictures", "more than " + maxPictures + " pictures"));
        }
        List<VendorEvent.Picture> pictures = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "pictures[" + i + "].data";
            JsonNode data = list.get(i).path("data");
            if (!data.isTextual()) {
                throw invalid(field, "required: the picture as Base64");
            }
            try {
                pictures.add(
                        new VendorEvent.Picture(
                                field,
                                Base64.getDecoder()
                                        .decode(data.textValue().replaceAll("\\s", ""))));
            } catch (IllegalArgumentException e) {
                throw invalid(field, "not valid Base64");
            }
        }
        return pictures;
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.invalid(field, detail));
    }
}
