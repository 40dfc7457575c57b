package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.source.Device;
import java.util.Objects;

/**
 * A data logger as the source registry knows it: the device entry (with its password hash), the
 * source it belongs to, and whether that source is retired (its frames are rejected).
 *
 * @param sourceId the registry entry the device belongs to
 * @param device the device, with its password hash
 * @param retired whether the source is no longer monitored
 */
public record RegisteredDevice(String sourceId, Device device, boolean retired) {

    public RegisteredDevice {
        Objects.requireNonNull(sourceId, "sourceId is required");
        Objects.requireNonNull(device, "device is required");
    }
}
