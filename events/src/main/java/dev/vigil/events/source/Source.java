package dev.vigil.events.source;

import dev.vigil.events.DataKind;
import dev.vigil.events.Place;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One pollution source in the registry (an enterprise's site with its outlets, data loggers,
 * cameras and permit limits), published to the compacted {@code vigil.sources} topic under its id;
 * a tombstone deletes it.
 *
 * <p>The constructor checks only that required parts are present; {@link #validate()} checks the
 * rest, so the console can show every problem at once.
 *
 * @param sourceId the source's id, the Kafka key
 * @param name in operators' words
 * @param enterprise the operating enterprise; nullable
 * @param kind what the source is monitored for
 * @param place where it is; decides the nearest source for a complaint
 * @param groups named groups it belongs to (e.g. "key water sources"), which group rules target
 * @param outlets its discharge points
 * @param devices its HJ 212 data loggers
 * @param cameras cameras watching it
 * @param permitLimits limits from its discharge permit
 * @param agencyIds agencies responsible for it, to dispatch incidents to
 * @param retired whether it is no longer monitored (kept for history)
 * @param version increases with every edit, so consumers can ignore stale entries
 * @param updatedAt when it was last edited
 */
public record Source(
        String sourceId,
        String name,
        String enterprise,
        Kind kind,
        Place place,
        List<String> groups,
        List<Outlet> outlets,
        List<Device> devices,
        List<Camera> cameras,
        List<PermitLimit> permitLimits,
        List<String> agencyIds,
        boolean retired,
        long version,
        Instant updatedAt) {

    /** What a source is monitored for. */
    public enum Kind {
        AIR,
        WATER,
        NOISE,
        DUST,
        OTHER
    }

    public Source {
        Objects.requireNonNull(sourceId, "sourceId is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(place, "place is required");
        groups = groups == null ? List.of() : List.copyOf(groups);
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
        devices = devices == null ? List.of() : List.copyOf(devices);
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
        permitLimits = permitLimits == null ? List.of() : List.copyOf(permitLimits);
        agencyIds = agencyIds == null ? List.of() : List.copyOf(agencyIds);
        Objects.requireNonNull(updatedAt, "updatedAt is required");
    }

    /** The registered device with this MN, if any. */
    public Optional<Device> device(String mn) {
        return devices.stream().filter(d -> d.mn().equals(mn)).findFirst();
    }

    /** The outlet with this id, if any. */
    public Optional<Outlet> outlet(String outletId) {
        return outlets.stream().filter(o -> o.outletId().equals(outletId)).findFirst();
    }

    /** The permit limit for this outlet, pollutant and kind of value, if the permit sets one. */
    public Optional<PermitLimit> permitLimit(
            String outletId, String pollutantCode, DataKind dataKind) {
        return permitLimits.stream()
                .filter(
                        l ->
                                l.outletId().equals(outletId)
                                        && l.pollutantCode().equals(pollutantCode)
                                        && l.dataKind() == dataKind)
                .findFirst();
    }

    /**
     * Everything wrong with this entry, one human-readable problem per line, each naming the field
     * (e.g. {@code devices[1].outletId: no outlet "WS-02"}); empty when it is valid.
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (sourceId.isBlank()) {
            problems.add("sourceId: must not be blank");
        }
        if (name.isBlank()) {
            problems.add("name: must not be blank");
        }
        if (version < 0) {
            problems.add("version: must be >= 0");
        }
        Set<String> outletIds = new HashSet<>();
        for (int i = 0; i < outlets.size(); i++) {
            String outletId = outlets.get(i).outletId();
            if (!outletIds.add(outletId)) {
                problems.add("outlets[" + i + "].outletId: duplicate \"" + outletId + "\"");
            }
        }
        Set<String> mns = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            Device device = devices.get(i);
            String field = "devices[" + i + "]";
            if (!mns.add(device.mn())) {
                problems.add(field + ".mn: duplicate \"" + device.mn() + "\"");
            }
            if (device.outletId() != null && !outletIds.contains(device.outletId())) {
                problems.add(field + ".outletId: no outlet \"" + device.outletId() + "\"");
            }
            if (!device.passwordHashWellFormed()) {
                problems.add(field + ".passwordHash: not a hash from Device.hashPassword");
            }
            if (device.realtimeInterval().isNegative() || device.realtimeInterval().isZero()) {
                problems.add(field + ".realtimeInterval: must be positive");
            }
            if (device.minuteInterval().isNegative() || device.minuteInterval().isZero()) {
                problems.add(field + ".minuteInterval: must be positive");
            }
        }
        Set<String> cameraIds = new HashSet<>();
        for (int i = 0; i < cameras.size(); i++) {
            String cameraId = cameras.get(i).cameraId();
            if (!cameraIds.add(cameraId)) {
                problems.add("cameras[" + i + "].cameraId: duplicate \"" + cameraId + "\"");
            }
        }
        Set<List<Object>> limitKeys = new HashSet<>();
        for (int i = 0; i < permitLimits.size(); i++) {
            PermitLimit limit = permitLimits.get(i);
            String field = "permitLimits[" + i + "]";
            if (!outletIds.contains(limit.outletId())) {
                problems.add(field + ".outletId: no outlet \"" + limit.outletId() + "\"");
            }
            if (!(limit.limit() > 0) || Double.isInfinite(limit.limit())) {
                problems.add(field + ".limit: must be a positive number, was " + limit.limit());
            }
            if (!limitKeys.add(
                    List.of(limit.outletId(), limit.pollutantCode(), limit.dataKind()))) {
                problems.add(
                        field
                                + ": duplicate limit for "
                                + limit.outletId()
                                + "/"
                                + limit.pollutantCode()
                                + "/"
                                + limit.dataKind());
            }
        }
        return List.copyOf(problems);
    }
}
