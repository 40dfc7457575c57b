package dev.vigil.jobs.incident;

import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.registry.RegistryUpdate;

/**
 * The one thing the incident job needs of a registered source: the words its incidents open with
 * ({@code " at name, street, area (responsible: agencies)"}). The job broadcasts and checkpoints
 * these short strings instead of whole {@link Source} records with places, cameras and limits,
 * which every parallel instance used to serialize at every checkpoint.
 *
 * @param sourceId the source's id
 * @param where the text an OPENED event's detail ends with; {@code null} when the source was
 *     deleted
 */
public record SourcePlace(String sourceId, String where) {

    /** The place of a registry update about a source (its tombstone gives a null place). */
    public static SourcePlace of(RegistryUpdate update) {
        return new SourcePlace(
                update.key(), update.source() == null ? null : describe(update.source()));
    }

    /** The text an incident of this source opens with; empty for an unknown source. */
    public static String describe(Source source) {
        if (source == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(" at ").append(source.name());
        if (source.place().street() != null) {
            text.append(", ").append(source.place().street());
        }
        if (source.place().area() != null) {
            text.append(", ").append(source.place().area());
        }
        if (!source.agencyIds().isEmpty()) {
            text.append(" (responsible: ")
                    .append(String.join(", ", source.agencyIds()))
                    .append(')');
        }
        return text.toString();
    }
}
