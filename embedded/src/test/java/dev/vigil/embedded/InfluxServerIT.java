package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxServerIT {

    private static final String POINT = "readings,source=S1,pollutant=COD value=42.5 1700000000000";

    @TempDir Path dataDir;

    @AfterEach
    void noInfluxdLeftBehind() {
        assertThat(influxdChildren()).isZero();
    }

    @Test
    void keepsPointsAcrossRestartAndLeavesNoProcess() throws Exception {
        long pid;
        // GIVEN a running influxd with a database
        try (InfluxServer influx = InfluxServer.builder(dataDir).build().start()) {
            pid = influx.pid();
            influx.createDatabase("vigil");
            influx.createDatabase("vigil"); // idempotent

            // WHEN a point is written over the 1.x line protocol endpoint
            HttpResponse<String> written =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            influx.url()
                                                                    + "/write?db=vigil&precision=ms"))
                                            .POST(HttpRequest.BodyPublishers.ofString(POINT))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(written.statusCode()).isEqualTo(204);

            // THEN it can be queried back
            assertThat(influx.query("vigil", "SELECT value FROM readings"))
                    .contains("[1700000000000,42.5]");
        }

        // AND stopping leaves no process and no pid file
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(dataDir.resolve(InfluxdPidFile.FILE_NAME)).doesNotExist();

        // AND a restart on the same folder still has the point
        try (InfluxServer influx = InfluxServer.builder(dataDir).build().start()) {
            assertThat(influx.query("vigil", "SELECT value FROM readings WHERE source = 'S1'"))
                    .contains("[1700000000000,42.5]");
        }
    }

    @Test
    void missingInfluxdSaysWhatToInstall() {
        InfluxServer influx =
                InfluxServer.builder(dataDir)
                        .executable(dataDir.resolve("no-such-influxd"))
                        .build();

        assertThatThrownBy(influx::start)
                .isInstanceOf(MissingToolException.class)
                .hasMessage(
                        "influxd not found: install Debian's influxdb package (apt-get install"
                                + " influxdb) or set influxdb.url to an existing server");
    }

    @Test
    void earlyExitReportsTheTailOfTheLog() throws Exception {
        Path fake = dataDir.resolve("bin/influxd");
        Files.createDirectories(fake.getParent());
        Files.writeString(
                fake, "#!/bin/sh\necho 'run: open server: listen tcp: bind refused'\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        InfluxServer influx =
                InfluxServer.builder(dataDir.resolve("data")).executable(fake).build();

        assertThatThrownBy(influx::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("bind refused");
    }

    @Test
    void stopsAnInfluxdOrphanedByADeadJvm() throws Exception {
        // GIVEN an influxd on this folder whose recorded owner process has exited
        Process deadOwner = new ProcessBuilder("true").start();
        deadOwner.waitFor(10, TimeUnit.SECONDS);
        Process orphan;
        try (InfluxServer first = InfluxServer.builder(dataDir).build().start()) {
            first.close();
            orphan =
                    new ProcessBuilder(
                                    "/usr/bin/influxd",
                                    "-config",
                                    dataDir.resolve(InfluxdConfig.FILE_NAME).toString())
                            .redirectErrorStream(true)
                            .redirectOutput(dataDir.resolve("orphan.log").toFile())
                            .start();
        }
        Files.writeString(
                dataDir.resolve(InfluxdPidFile.FILE_NAME), orphan.pid() + " " + deadOwner.pid());

        // WHEN a new server starts on the folder
        try (InfluxServer influx = InfluxServer.builder(dataDir).build().start()) {
            // THEN the orphan is gone and the new server answers
            assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(influx.query(null, "SHOW DATABASES")).contains("results");
        } finally {
            orphan.destroyForcibly();
        }
    }

    private static long influxdChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("influxd")).orElse(false))
                .count();
    }
}
