package dev.vigil.deploy.simulate;

import dev.vigil.events.Place;
import dev.vigil.events.source.Source;
import java.util.List;
import java.util.Objects;

/**
 * One pollution source of a scenario with its simulated data loggers, one per monitored outlet.
 *
 * @param id source id in the registry
 * @param name in operators' words
 * @param enterprise operating enterprise; nullable
 * @param kind what it is monitored for
 * @param place where it is
 * @param devices its data loggers, one per outlet
 */
public record ScenarioSource(
        String id,
        String name,
        String enterprise,
        Source.Kind kind,
        Place place,
        List<DeviceSpec> devices) {

    public ScenarioSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(place, "place");
        devices = List.copyOf(devices);
    }
}
