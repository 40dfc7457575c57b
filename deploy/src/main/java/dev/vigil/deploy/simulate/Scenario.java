package dev.vigil.deploy.simulate;

import dev.vigil.events.Place;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to simulate: the sources with their data loggers and the scripted events, as read from a
 * scenario file by {@link ScenarioReader}.
 *
 * @param name the scenario's name
 * @param seed makes generated identities, positions and values the same on every run
 * @param sources the sources, each with its loggers
 * @param events scripted events, in the order of the file
 */
public record Scenario(
        String name, long seed, List<ScenarioSource> sources, List<ScenarioEvent> events) {

    /** Spread of copies around the source they were made from, in metres. */
    private static final double COPY_SPREAD_METERS = 1_500;

    public Scenario {
        Objects.requireNonNull(name, "name");
        sources = List.copyOf(sources);
        events = List.copyOf(events);
    }

    /** Every data logger of every source, in file order. */
    public List<DeviceSpec> devices() {
        List<DeviceSpec> devices = new ArrayList<>();
        for (ScenarioSource source : sources) {
            devices.addAll(source.devices());
        }
        return devices;
    }

    /**
     * The scenario with exactly {@code count} loggers: its first sources when it has more, else its
     * sources followed by copies of them (new ids, MNs, passwords and positions near the original)
     * until there are enough. Events of sources left out are left out too.
     */
    public Scenario withDeviceCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("scenario " + name + " has no sources to copy");
        }
        List<ScenarioSource> result = new ArrayList<>();
        int devices = 0;
        for (int round = 0; devices < count; round++) {
            for (ScenarioSource source : sources) {
                if (devices >= count) {
                    break;
                }
                ScenarioSource copy = round == 0 ? source : copy(source, round);
                List<DeviceSpec> loggers = copy.devices();
                if (devices + loggers.size() > count) {
                    loggers = loggers.subList(0, count - devices);
                    copy =
                            new ScenarioSource(
                                    copy.id(),
                                    copy.name(),
                                    copy.enterprise(),
                                    copy.kind(),
                                    copy.place(),
                                    loggers);
                }
                devices += loggers.size();
                result.add(copy);
            }
        }
        Set<String> kept = new HashSet<>();
        result.forEach(source -> kept.add(source.id()));
        List<ScenarioEvent> keptEvents =
                events.stream().filter(event -> kept.contains(event.sourceId())).toList();
        return new Scenario(name, seed, result, keptEvents);
    }

    /** The scenario with every logger sending real-time data every {@code interval}. */
    public Scenario withRealtimeInterval(Duration interval) {
        List<ScenarioSource> result = new ArrayList<>();
        for (ScenarioSource source : sources) {
            result.add(
                    new ScenarioSource(
                            source.id(),
                            source.name(),
                            source.enterprise(),
                            source.kind(),
                            source.place(),
                            source.devices().stream()
                                    .map(device -> device.withRealtimeInterval(interval))
                                    .toList()));
        }
        return new Scenario(name, seed, result, events);
    }

    /** The scenario without scripted events (steady load). */
    public Scenario withoutEvents() {
        return new Scenario(name, seed, sources, List.of());
    }

    private ScenarioSource copy(ScenarioSource source, int round) {
        String id = source.id() + "-c" + round;
        List<DeviceSpec> devices = new ArrayList<>();
        for (DeviceSpec device : source.devices()) {
            String deviceName = id + "/" + device.outletId();
            devices.add(
                    device.copy(
                            id,
                            DeviceIdentity.mn(seed, deviceName, device.protocol()),
                            DeviceIdentity.password(seed, deviceName)));
        }
        Place place = source.place();
        Place near =
                place.location() == null
                        ? place
                        : new Place(
                                place.address(),
                                DeviceIdentity.location(
                                        seed, id, place.location(), COPY_SPREAD_METERS),
                                place.area(),
                                place.street());
        return new ScenarioSource(
                id,
                source.name() + " (copy " + round + ")",
                source.enterprise(),
                source.kind(),
                near,
                devices);
    }
}
