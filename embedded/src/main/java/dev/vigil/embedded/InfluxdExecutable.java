package dev.vigil.embedded;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the influxd program: an explicit path, else the PATH, else Debian's /usr/bin/influxd. */
final class InfluxdExecutable {

    static final String NAME = "influxd";
    static final Path DEBIAN_PATH = Path.of("/usr/bin/influxd");

    private InfluxdExecutable() {}

    /**
     * Returns the first executable candidate; an explicit path is the only candidate when given, so
     * a wrong explicit path is reported rather than silently replaced.
     */
    static Optional<Path> locate(Optional<Path> explicit, String pathVariable) {
        return candidates(explicit, pathVariable).stream()
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    static List<Path> candidates(Optional<Path> explicit, String pathVariable) {
        if (explicit.isPresent()) {
            return List.of(explicit.get());
        }
        List<Path> candidates = new ArrayList<>();
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, NAME));
                }
            }
        }
        candidates.add(DEBIAN_PATH);
        return candidates;
    }
}
