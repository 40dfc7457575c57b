package dev.vigil.jobs.detect.complaint;

import dev.vigil.events.Place;
import dev.vigil.events.source.Source;
import java.util.Optional;

/**
 * The source a complaint is attributed to: the nearest registered source to its map point or, for a
 * complaint known only by street or area, the first source in the same street, else the same area
 * (sources sorted by id, so the choice is the same on every instance and after a restart).
 *
 * @param source the source
 * @param meters its distance from the complaint's point; {@code null} when matched by street or
 *     area
 */
public record ComplaintAttribution(Source source, Double meters) {

    /** The source of a complaint at this place, if any source qualifies. */
    public static Optional<ComplaintAttribution> of(Iterable<Source> sources, Place place) {
        ComplaintAttribution best = null;
        Source sameStreet = null;
        Source sameArea = null;
        for (Source source : sources) {
            Place at = source.place();
            if (place.location() != null && at.location() != null) {
                double meters = place.location().metersTo(at.location());
                if (best == null
                        || meters < best.meters()
                        || (meters == best.meters()
                                && source.sourceId().compareTo(best.source().sourceId()) < 0)) {
                    best = new ComplaintAttribution(source, meters);
                }
            }
            if (same(place.street(), at.street()) && earlier(source, sameStreet)) {
                sameStreet = source;
            }
            if (same(place.area(), at.area()) && earlier(source, sameArea)) {
                sameArea = source;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        Source byPlace = sameStreet != null ? sameStreet : sameArea;
        return Optional.ofNullable(byPlace).map(s -> new ComplaintAttribution(s, null));
    }

    private static boolean same(String a, String b) {
        return a != null && !a.isBlank() && a.equals(b);
    }

    private static boolean earlier(Source source, Source current) {
        return current == null || source.sourceId().compareTo(current.sourceId()) < 0;
    }
}
