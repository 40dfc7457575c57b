package dev.vigil.alerting.route;

/**
 * Where routing and the channels learn what they need of a source (kind, area, street, groups,
 * location): the registry on {@code vigil.sources}, see {@link RegistrySources}.
 */
@FunctionalInterface
public interface SourceDirectory {
    /** What is known of the source; {@link SourceInfo#unknown} when nothing is. */
    SourceInfo source(String sourceId);
}
