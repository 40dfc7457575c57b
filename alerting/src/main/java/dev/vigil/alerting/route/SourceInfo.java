package dev.vigil.alerting.route;

import dev.vigil.events.source.Source;
import java.util.List;

/**
 * What routing and CAP need to know about a source: its kind, area, street, groups and location, as
 * the registry on {@code vigil.sources} has it.
 *
 * @param lat latitude in degrees, nullable when unknown
 * @param lon longitude in degrees, nullable when unknown
 */
public record SourceInfo(
        String sourceId,
        String kind,
        String area,
        String street,
        List<String> groups,
        Double lat,
        Double lon) {
    public SourceInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The facts of a registry entry. */
    public static SourceInfo of(Source source) {
        var place = source.place();
        return new SourceInfo(
                source.sourceId(),
                source.kind().name(),
                place.area(),
                place.street(),
                source.groups(),
                place.location() == null ? null : place.location().lat(),
                place.location() == null ? null : place.location().lon());
    }

    /** A source nothing is known about. */
    public static SourceInfo unknown(String sourceId) {
        return new SourceInfo(sourceId, null, null, null, List.of(), null, null);
    }
}
