package dev.vigil.deploy.simulate;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find the scenario files: the district shipped in the repository and tiny.yaml.
 */
final class Scenarios {

    private Scenarios() {}

    /** deploy/scenarios/district.yaml, from the module directory or the repository root. */
    static Path district() {
        for (Path candidate :
                new Path[] {
                    Path.of("scenarios", "district.yaml"),
                    Path.of("deploy", "scenarios", "district.yaml")
                }) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "deploy/scenarios/district.yaml not found from " + Path.of("").toAbsolutePath());
    }

    /** The test scenario with three loggers. */
    static Path tiny() {
        try {
            return Path.of(Scenarios.class.getResource("/simulate/tiny.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
