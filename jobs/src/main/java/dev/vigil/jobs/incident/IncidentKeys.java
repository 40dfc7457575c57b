package dev.vigil.jobs.incident;

import dev.vigil.events.StableId;
import dev.vigil.events.alert.Alert;

/**
 * Incident ids: {@code <sourceId>~<32 hex>}, the hex being {@link StableId} over the first alert,
 * so the same first alert gives the same incident on every run, and the source an incident belongs
 * to can be read back from the id alone. The job keys alerts and commands by that source, which
 * keeps a source's incidents, grouping and silence in one place.
 */
public final class IncidentKeys {

    private static final char SEPARATOR = '~';
    private static final int HASH_LENGTH = 32;

    private IncidentKeys() {}

    /** The id of the incident that {@code firstAlert} opens. */
    public static String incidentId(Alert firstAlert) {
        return firstAlert.sourceId()
                + SEPARATOR
                + StableId.of("incident", firstAlert.sourceId(), firstAlert.alertId());
    }

    /**
     * The source of an incident id; an id not made by {@link #incidentId} is its own key (the job
     * then finds no incident under it and dead-letters the command).
     */
    public static String sourceOf(String incidentId) {
        int split = incidentId.length() - HASH_LENGTH - 1;
        if (split > 0 && incidentId.charAt(split) == SEPARATOR) {
            return incidentId.substring(0, split);
        }
        return incidentId;
    }
}
