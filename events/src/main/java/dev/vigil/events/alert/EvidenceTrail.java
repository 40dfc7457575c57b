package dev.vigil.events.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounded list of evidence an alert carries: the latest entries, oldest first, so that an
 * episode of hours never grows its state or its alert without limit.
 */
public final class EvidenceTrail {

    private EvidenceTrail() {}

    /** The trail with one more entry, keeping only the latest {@code limit}. */
    public static List<Evidence> append(List<Evidence> trail, Evidence entry, int limit) {
        List<Evidence> next = new ArrayList<>(Math.min(limit, trail.size() + 1));
        int skip = Math.max(0, trail.size() + 1 - limit);
        for (int i = skip; i < trail.size(); i++) {
            next.add(trail.get(i));
        }
        next.add(entry);
        return List.copyOf(next);
    }
}
