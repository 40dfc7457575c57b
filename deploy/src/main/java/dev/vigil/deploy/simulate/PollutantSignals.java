package dev.vigil.deploy.simulate;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values and data flags one data logger reads, pollutant by pollutant: each wanders around its
 * base value (a first-order autoregressive walk whose spread is the pollutant's noise), and the
 * scenario's events override it (exceedance, flatline) or flag it (M, C, D, ...).
 */
final class PollutantSignals {

    /** How much of the last deviation carries over to the next sample. */
    private static final double CARRY = 0.8;

    private static final double FRESH = Math.sqrt(1 - CARRY * CARRY);

    /** Relative jitter of a value during an exceedance. */
    private static final double EXCEEDANCE_JITTER = 0.02;

    private final List<PollutantSpec> pollutants;
    private final List<ScenarioEvent> events;
    private final long startMillis;
    private final SplittableRandom random;
    private final double[] deviation;

    /**
     * @param pollutants what the logger measures
     * @param events the scenario's events for this logger
     * @param start the scenario's start in simulated time, which events count from
     * @param seed makes the values the same on every run
     */
    PollutantSignals(
            List<PollutantSpec> pollutants, List<ScenarioEvent> events, Instant start, long seed) {
        this.pollutants = pollutants;
        this.events = events;
        this.startMillis = start.toEpochMilli();
        this.random = new SplittableRandom(seed);
        this.deviation = new double[pollutants.size()];
        for (int i = 0; i < deviation.length; i++) {
            deviation[i] = pollutants.get(i).noise() * random.nextGaussian();
        }
    }

    /** The value of pollutant {@code index} sampled at {@code time}; call once per sample. */
    double value(int index, long time) {
        PollutantSpec pollutant = pollutants.get(index);
        deviation[index] =
                CARRY * deviation[index] + FRESH * pollutant.noise() * random.nextGaussian();
        double value = pollutant.base() + deviation[index];
        ScenarioEvent event = active(pollutant.code(), time, ScenarioEvent.Type.FLATLINE);
        if (event != null) {
            return event.value() != null ? event.value() : pollutant.base();
        }
        event = active(pollutant.code(), time, ScenarioEvent.Type.EXCEEDANCE);
        if (event != null) {
            value = event.value() * (1 + EXCEEDANCE_JITTER * random.nextGaussian());
        }
        return Math.max(pollutant.min(), Math.min(pollutant.max(), value));
    }

    /** The data flag of pollutant {@code index} at {@code time}: {@code N} unless an event says. */
    char flag(int index, long time) {
        ScenarioEvent event = active(pollutants.get(index).code(), time, ScenarioEvent.Type.FLAG);
        return event == null ? 'N' : event.flag().charAt(0);
    }

    private ScenarioEvent active(String code, long time, ScenarioEvent.Type type) {
        if (events.isEmpty()) {
            return null;
        }
        java.time.Duration elapsed = java.time.Duration.ofMillis(time - startMillis);
        for (ScenarioEvent event : events) {
            if (event.type() == type && event.concerns(code) && event.activeAt(elapsed)) {
                return event;
            }
        }
        return null;
    }
}
