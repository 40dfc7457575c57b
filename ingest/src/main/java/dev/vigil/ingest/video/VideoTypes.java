package dev.vigil.ingest.video;

import dev.vigil.events.video.VideoEvent.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where vendors' event names become Vigil's video event types (documented in {@code
 * ingest/README-http.md}).
 *
 * <p>Names are matched case-insensitively against an ordered keyword table, first match wins:
 * illegal discharge before fire before smoke (a "smokeAndFire" or "blackSmokeDischarge" rule names
 * the graver thing first), then video loss, tamper, vehicle, intrusion; no match is {@link
 * Type#OTHER} (motion detection, people counting, region exiting). Frigate's object labels are
 * looked up exactly first, since labels such as {@code car} are too short to match inside names.
 */
public final class VideoTypes {

    private static final Map<Type, List<String>> KEYWORDS = new LinkedHashMap<>();

    static {
        KEYWORDS.put(
                Type.ILLEGAL_DISCHARGE,
                List.of(
                        "discharge",
                        "effluent",
                        "sewage",
                        "wastewater",
                        "outfall",
                        "dumping",
                        "oilspill",
                        "oil_spill",
                        "blackwater",
                        "watercolor",
                        "foam"));
        KEYWORDS.put(Type.FIRE, List.of("fire", "flame"));
        KEYWORDS.put(Type.SMOKE, List.of("smoke"));
        KEYWORDS.put(Type.VIDEO_LOSS, List.of("videoloss", "video_loss", "signalloss"));
        KEYWORDS.put(
                Type.TAMPER,
                List.of(
                        "tamper",
                        "shelter",
                        "scenechange",
                        "imagetooblurry",
                        "imagetoodark",
                        "imagetoobright",
                        "defocus"));
        KEYWORDS.put(Type.VEHICLE, List.of("anpr", "licenseplate", "license_plate", "vehicle"));
        KEYWORDS.put(
                Type.INTRUSION,
                List.of(
                        "linedetect",
                        "fielddetect",
                        "regionentrance",
                        "intrusion",
                        "trespass",
                        "loitering"));
    }

    private static final Map<String, Type> FRIGATE_LABELS =
            Map.ofEntries(
                    Map.entry("smoke", Type.SMOKE),
                    Map.entry("fire", Type.FIRE),
                    Map.entry("flame", Type.FIRE),
                    Map.entry("person", Type.INTRUSION),
                    Map.entry("car", Type.VEHICLE),
                    Map.entry("truck", Type.VEHICLE),
                    Map.entry("bus", Type.VEHICLE),
                    Map.entry("motorcycle", Type.VEHICLE),
                    Map.entry("bicycle", Type.VEHICLE),
                    Map.entry("boat", Type.VEHICLE),
                    Map.entry("license_plate", Type.VEHICLE));

    private VideoTypes() {}

    /** Hikvision ISAPI {@code eventType}, e.g. {@code fielddetection} is INTRUSION. */
    public static Type hikvision(String eventType) {
        return byKeyword(eventType);
    }

    /** Frigate object {@code label}, e.g. {@code person} is INTRUSION. */
    public static Type frigate(String label) {
        Type exact = FRIGATE_LABELS.get(label.toLowerCase(Locale.ROOT));
        return exact != null ? exact : byKeyword(label);
    }

    /** ONVIF topic, e.g. {@code tns1:RuleEngine/TamperDetector/Tamper} is TAMPER. */
    public static Type onvif(String topic) {
        return byKeyword(topic);
    }

    /**
     * Vigil's own names: the type's name in any case, with '-' or '_' ({@code illegal-discharge}).
     */
    public static Optional<Type> vigil(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Type type : Type.values()) {
            if (type.name().equals(normalized)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The first keyword rule the name matches, else OTHER. */
    static Type byKeyword(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<Type, List<String>> rule : KEYWORDS.entrySet()) {
            for (String keyword : rule.getValue()) {
                if (lower.contains(keyword)) {
                    return rule.getKey();
                }
            }
        }
        return Type.OTHER;
    }
}
