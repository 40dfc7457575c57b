package dev.vigil.events.video;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The vendor interface a camera's events reach Vigil through, which decides how ingest parses them
 * and how {@link VideoEvent#vendorType()} is to be read.
 */
public enum VideoVendor {
    /** Hikvision ISAPI {@code EventNotificationAlert}, XML or multipart. */
    HIKVISION_ISAPI("hikvision-isapi"),
    /** Frigate NVR event messages. */
    FRIGATE("frigate"),
    /** ONVIF WS-BaseNotification topics. */
    ONVIF("onvif"),
    /** Vigil's own JSON, for video analytics that speak it directly. */
    VIGIL("vigil");

    private final String label;

    VideoVendor(String label) {
        this.label = label;
    }

    /** The label written on the wire, e.g. {@code hikvision-isapi}. */
    @JsonValue
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
