package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxdExecutableTest {

    @TempDir Path dir;

    @Test
    void findsInfluxdOnThePathBeforeDebiansLocation() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path influxd = executable(bin.resolve("influxd"));

        Optional<Path> found =
                InfluxdExecutable.locate(
                        Optional.empty(), dir.resolve("empty") + File.pathSeparator + bin);

        assertThat(found).contains(influxd);
    }

    @Test
    void fallsBackToDebiansLocation() {
        assertThat(InfluxdExecutable.candidates(Optional.empty(), ""))
                .containsExactly(Path.of("/usr/bin/influxd"));
    }

    @Test
    void anExplicitPathIsTheOnlyCandidate() {
        Path missing = dir.resolve("missing/influxd");

        assertThat(InfluxdExecutable.locate(Optional.of(missing), "/usr/bin")).isEmpty();
    }

    @Test
    void ignoresFilesThatAreNotExecutable() throws Exception {
        Files.writeString(dir.resolve("influxd"), "not a program");

        assertThat(InfluxdExecutable.candidates(Optional.empty(), dir.toString()))
                .first()
                .isEqualTo(dir.resolve("influxd"));
        assertThat(InfluxdExecutable.locate(Optional.empty(), dir.toString()))
                .isNotEqualTo(Optional.of(dir.resolve("influxd")));
    }

    private static Path executable(Path file) throws Exception {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
