package dev.vigil.events.rule;

import java.time.Duration;

/**
 * How long a breach must last before a rule fires, so that a single spike does not page anyone: at
 * least {@code consecutiveReadings} breaching readings in a row and, when {@code duration} is set,
 * breaching for at least that long.
 *
 * @param consecutiveReadings at least 1
 * @param duration nullable: no minimum duration
 */
public record Persistence(int consecutiveReadings, Duration duration) {

    /** Fire on the first breaching reading. */
    public static final Persistence IMMEDIATE = new Persistence(1, null);
}
