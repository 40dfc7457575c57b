package dev.vigil.jobs.detect.registry;

import dev.vigil.events.source.Device;
import dev.vigil.events.source.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive versions of one registry entry into per-device changes: which devices it
 * registers now, which it no longer has, and which moved outlet or changed interval.
 */
public final class DeviceDirectory {

    private DeviceDirectory() {}

    /** The devices a source registers; none for a deleted or retired source. */
    public static List<DeviceRegistration> registrations(Source source) {
        if (source == null || source.retired()) {
            return List.of();
        }
        List<DeviceRegistration> devices = new ArrayList<>(source.devices().size());
        for (Device device : source.devices()) {
            devices.add(DeviceRegistration.of(source, device));
        }
        return List.copyOf(devices);
    }

    /**
     * What changed between the devices a source registered before and the new version of it ({@code
     * null} when the source was deleted): removals first, then new or changed bindings; unchanged
     * devices give nothing, so replaying the registry is harmless.
     */
    public static List<DeviceRegistration> changes(
            List<DeviceRegistration> before, Source after, Instant at) {
        Map<String, DeviceRegistration> now = new LinkedHashMap<>();
        for (DeviceRegistration device : registrations(after)) {
            now.put(device.mn(), device);
        }
        List<DeviceRegistration> changes = new ArrayList<>();
        Map<String, DeviceRegistration> previous = new LinkedHashMap<>();
        for (DeviceRegistration device : before) {
            previous.put(device.mn(), device);
            if (!now.containsKey(device.mn())) {
                changes.add(device.removed(at));
            }
        }
        for (DeviceRegistration device : now.values()) {
            if (!device.sameBinding(previous.get(device.mn()))) {
                changes.add(device);
            }
        }
        return List.copyOf(changes);
    }
}
