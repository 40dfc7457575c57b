package dev.vigil.jobs.detect.registry;

import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.Source;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a device belongs according to the registry (or that it no longer belongs anywhere), sent to
 * the operators keyed by MN so each device's readings and silence can be judged.
 *
 * @param mn the device
 * @param sourceId the source it is registered at
 * @param outletId its outlet; nullable for a device serving the whole source
 * @param realtimeIntervalMillis how often it sends real-time data
 * @param minuteIntervalMillis how often it sends minute data
 * @param registeredAt the {@code updatedAt} of the registry entry that registered it: a stable
 *     instant, so an offline alert of a device never heard from has the same id after a restart
 * @param active false when the device was removed from its source (or the source deleted)
 * @param water whether the device measures water (see {@link #measuresWater}): its interval values
 *     follow HJ 212's water rule, abnormal if any input was
 */
public record DeviceRegistration(
        String mn,
        String sourceId,
        String outletId,
        long realtimeIntervalMillis,
        long minuteIntervalMillis,
        Instant registeredAt,
        boolean active,
        boolean water) {

    public DeviceRegistration {
        Objects.requireNonNull(mn, "mn is required");
        Objects.requireNonNull(sourceId, "sourceId is required");
        Objects.requireNonNull(registeredAt, "registeredAt is required");
    }

    /** The registration of one device of a source. */
    public static DeviceRegistration of(Source source, Device device) {
        return new DeviceRegistration(
                device.mn(),
                source.sourceId(),
                device.outletId(),
                device.realtimeInterval().toMillis(),
                device.minuteInterval().toMillis(),
                source.updatedAt(),
                true,
                measuresWater(source, device));
    }

    /**
     * Whether a device measures water: its outlet is a wastewater or rainwater outlet, or, for a
     * device of no outlet the registry knows, its source is a water source.
     */
    public static boolean measuresWater(Source source, Device device) {
        return source.outlet(device.outletId())
                .map(o -> o.kind() == Outlet.Kind.WASTEWATER || o.kind() == Outlet.Kind.RAINWATER)
                .orElse(source.kind() == Source.Kind.WATER);
    }

    /** The device is no longer registered at this source. */
    public DeviceRegistration removed(Instant at) {
        return new DeviceRegistration(
                mn,
                sourceId,
                outletId,
                realtimeIntervalMillis,
                minuteIntervalMillis,
                at,
                false,
                water);
    }

    /** Whether both put the device at the same place with the same intervals and medium. */
    public boolean sameBinding(DeviceRegistration other) {
        return other != null
                && active == other.active
                && mn.equals(other.mn)
                && sourceId.equals(other.sourceId)
                && Objects.equals(outletId, other.outletId)
                && realtimeIntervalMillis == other.realtimeIntervalMillis
                && minuteIntervalMillis == other.minuteIntervalMillis
                && water == other.water;
    }
}
