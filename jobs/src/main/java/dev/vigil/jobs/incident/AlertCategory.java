package dev.vigil.jobs.incident;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.incident.IncidentEvent.Category;
import dev.vigil.events.video.VideoEvent;

/**
 * The incident category an alert is evidence of: by the alert's type, and for a VIDEO alert by what
 * the camera saw (fire, smoke, discharge, tamper, ...).
 *
 * <p>A VIDEO alert does not carry the video event's type as a field of its own; detection writes it
 * as the first word of each video evidence's {@code detail} (e.g. {@code "SMOKE START by cam-7"}).
 * That word is read here; a VIDEO alert without it counts as {@link Category#SITE_ACTIVITY}.
 */
public final class AlertCategory {

    private AlertCategory() {}

    /** The category {@code alert} is evidence of. */
    public static Category of(Alert alert) {
        return switch (alert.type()) {
            case THRESHOLD, HOURLY_EXCEEDANCE -> Category.EXCEEDANCE;
            case FLATLINE, IMPOSSIBLE_VALUE, DATA_MISMATCH -> Category.SUSPECT_DATA;
            case DEVICE_FAULT, COMMUNICATION_FAULT -> Category.DEVICE_FAULT;
            case OFFLINE -> Category.OFFLINE;
            case COMPLAINT -> Category.COMPLAINT;
            case MAINTENANCE -> Category.MAINTENANCE;
            case VIDEO -> ofVideo(alert);
        };
    }

    /** The category of what a camera saw. */
    public static Category of(VideoEvent.Type type) {
        return switch (type) {
            case FIRE -> Category.FIRE;
            case SMOKE -> Category.SMOKE;
            case ILLEGAL_DISCHARGE -> Category.ILLEGAL_DISCHARGE;
            case TAMPER, VIDEO_LOSS -> Category.CAMERA_TAMPER;
            case INTRUSION, VEHICLE, OTHER -> Category.SITE_ACTIVITY;
        };
    }

    private static Category ofVideo(Alert alert) {
        Category best = null;
        for (Evidence evidence : alert.evidence()) {
            if (evidence.kind() != Evidence.Kind.VIDEO_EVENT || evidence.detail() == null) {
                continue;
            }
            String word = evidence.detail().strip().split("\\s+", 2)[0];
            for (VideoEvent.Type type : VideoEvent.Type.values()) {
                if (type.name().equals(word) && of(type).outranks(best)) {
                    best = of(type);
                }
            }
        }
        return best == null ? Category.SITE_ACTIVITY : best;
    }
}
