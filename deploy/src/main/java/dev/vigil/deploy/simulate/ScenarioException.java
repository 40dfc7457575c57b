package dev.vigil.deploy.simulate;

/**
 * A scenario file that cannot be simulated; the message names the file, line and field, e.g. {@code
 * district.yaml:14: profiles.wastewater.pollutants[1].noise: must be >= 0, was -1}.
 */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
