package dev.vigil.ingest.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.StableId;
import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.JsonBody;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Frigate NVR event messages ({@code type} new/update/end with {@code before}/{@code after}
 * objects, as Frigate publishes them on {@code frigate/events} and relays forward them over HTTP).
 *
 * <ul>
 *   <li>read from {@code after} (from {@code before} when there is no {@code after});
 *   <li>state: new is START, update is ONGOING, end is END; {@code false_positive: true} events are
 *       not published;
 *   <li>time: new uses {@code start_time}, update {@code frame_time}, end {@code end_time}, each
 *       falling back to the others; confidence is {@code top_score}, else {@code score};
 *   <li>camera ids tried: {@code <integration>/<camera>}, then {@code <camera>};
 *   <li>event id: Frigate's {@code id} and {@code type}, plus {@code frame_time} for updates
 *       (Frigate sends many updates per event; each is kept, a redelivery of one is not).
 * </ul>
 *
 * Frigate keeps snapshots and clips itself; events carry no pictures here.
 */
public final class FrigateFormat implements VideoFormat {

    @Override
    public VideoVendor vendor() {
        return VideoVendor.FRIGATE;
    }

    @Override
    public List<VendorEvent> parse(HttpCall call, String integrationId) throws ProblemException {
        JsonBody.requireJson(call);
        ObjectNode root = JsonBody.object(call.body());
        String type = JsonBody.requiredText(root, "", "type", 16).toLowerCase(Locale.ROOT);
        State state =
                switch (type) {
                    case "new" -> State.START;
                    case "update" -> State.ONGOING;
                    case "end" -> State.END;
                    default -> throw invalid("type", "must be new, update or end");
                };
        String side = root.hasNonNull("after") ? "after" : "before";
        JsonNode event =
                JsonBody.optionalObject(root, "", side)
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                Problem.malformed(
                                                        "after",
                                                        "an after (or before) object is required")));
        if (event.path("false_positive").asBoolean(false)) {
            return List.of();
        }
        String id = JsonBody.requiredText(event, side, "id", 128);
        String camera = JsonBody.requiredText(event, side, "camera", 128);
        String label = JsonBody.requiredText(event, side, "label", 64);
        Optional<Double> frameTime = JsonBody.optionalNumber(event, side, "frame_time");
        Instant eventTime = eventTime(event, side, state, frameTime);
        String eventId =
                StableId.of(
                        vendor().label(),
                        id,
                        type,
                        state == State.ONGOING
                                ? frameTime.map(String::valueOf).orElse(null)
                                : null);
        return List.of(
                new VendorEvent(
                        vendor(),
                        eventId,
                        List.of(integrationId + "/" + camera, camera),
                        VideoTypes.frigate(label),
                        state,
                        confidence(event, side),
                        eventTime,
                        description(event, label),
                        label,
                        List.of()));
    }

    private static Instant eventTime(
            JsonNode event, String side, State state, Optional<Double> frameTime)
            throws ProblemException {
        Optional<Double> start = JsonBody.optionalNumber(event, side, "start_time");
        Optional<Double> end = JsonBody.optionalNumber(event, side, "end_time");
        List<Optional<Double>> order =
                switch (state) {
                    case START -> List.of(start, frameTime);
                    case ONGOING -> List.of(frameTime, start);
                    case END -> List.of(end, frameTime, start);
                };
        for (Optional<Double> candidate : order) {
            if (candidate.isPresent()) {
                return VendorTime.epochSeconds(candidate.get(), side + ".start_time");
            }
        }
        throw invalid(side + ".start_time", "required (epoch seconds)");
    }

    private static Double confidence(JsonNode event, String side) throws ProblemException {
        Optional<Double> score =
                JsonBody.optionalNumber(event, side, "top_score")
                        .or(
                                () ->
                                        event.path("score").isNumber()
                                                ? Optional.of(event.path("score").doubleValue())
                                                : Optional.empty());
        if (score.isPresent() && !(score.get() >= 0 && score.get() <= 1)) {
            throw invalid(side + ".top_score", "must be within 0..1");
        }
        return score.orElse(null);
    }

    private static String description(JsonNode event, String label) {
        StringBuilder text = new StringBuilder(label);
        JsonNode sub = event.path("sub_label");
        if (sub.isTextual() && !sub.textValue().isBlank()) {
            text.append(" (").append(sub.textValue()).append(')');
        } else if (sub.isArray() && sub.size() > 0 && sub.get(0).isTextual()) {
            text.append(" (").append(sub.get(0).textValue()).append(')'); // [name, score]
        }
        List<String> zones = new ArrayList<>();
        JsonNode current = event.path("current_zones");
        (current.isArray() && current.size() > 0 ? current : event.path("entered_zones"))
                .forEach(z -> zones.add(z.asText()));
        if (!zones.isEmpty()) {
            text.append(" in ").append(String.join(", ", zones));
        }
        if (event.path("stationary").asBoolean(false)) {
            text.append(", stationary");
        }
        return text.toString();
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.invalid(field, detail));
    }
}
