package dev.vigil.alerting.route;

import java.util.List;

/**
 * What routing and CAP need to know about a source: its kind, area, street, groups and location.
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

    /** A source nothing is known about. */
    public static SourceInfo unknown(String sourceId) {
        return new SourceInfo(sourceId, null, null, null, List.of(), null, null);
    }
}
