package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as the launcher runs it, with its output and exit status. */
class SimulateTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Simulate.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                null);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void itRunsAScenarioAgainstAGatewayAndPrintsLiveStatsAndASummary() throws Exception {
        try (AnsweringGateway gateway = new AnsweringGateway().start()) {
            int status =
                    run(
                            "--scenario",
                            Scenarios.tiny().toString(),
                            "--gateway",
                            "127.0.0.1:" + gateway.address().getPort(),
                            "--no-register",
                            "--speed",
                            "30",
                            "--duration",
                            "3s",
                            "--stats-every",
                            "1s");

            assertThat(status).as(err()).isZero();
            assertThat(out())
                    .contains("scenario 'tiny'")
                    .contains("3 loggers {HJ212-2005=1, HJ212-2017=2}")
                    .contains("connected 3/3")
                    .contains("latency p50")
                    .contains("vigil simulate: ran 3s")
                    .contains("answers (9014)")
                    .contains("injected          bad CRC frames 2, garbage runs 2")
                    .contains("3 started, 3 connected at the end");
            assertThat(gateway.mns()).hasSize(3);
        }
    }

    @Test
    void loadModeHoldsTheConnectionsFromSeveralSourceAddresses() throws Exception {
        try (AnsweringGateway gateway = new AnsweringGateway().start()) {
            int status =
                    run(
                            "--scenario",
                            Scenarios.tiny().toString(),
                            "--gateway",
                            "127.0.0.1:" + gateway.address().getPort(),
                            "--no-register",
                            "--connections",
                            "30",
                            "--per-address",
                            "10",
                            "--interval",
                            "1s",
                            "--duration",
                            "2s");

            assertThat(status).as(err()).isZero();
            assertThat(out())
                    .contains("30 loggers")
                    .contains("source addresses 127.0.0.2..127.0.0.4");
            assertThat(gateway.remoteAddresses())
                    .containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3", "127.0.0.4");
            assertThat(gateway.mns()).hasSize(30);
        }
    }

    @Test
    void badOptionsExitWithTwoAndNameTheOption() {
        assertThat(run("--speed", "fast")).isEqualTo(2);
        assertThat(err())
                .contains("vigil simulate: --speed: expected a number from 1 to 100000, got 'fast'")
                .contains("deploy/vigil simulate --help");
    }

    @Test
    void aBadScenarioExitsWithTwoAndNamesTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "name: x\nprofiles: {}\nsources: []\n");

        assertThat(run("--scenario", file.toString(), "--no-register")).isEqualTo(2);
        assertThat(err()).contains("broken.yaml:3: sources: must list at least one source");
    }

    @Test
    void aMissingScenarioFileIsNamed() {
        assertThat(run("--scenario", "/nonexistent/district.yaml")).isEqualTo(2);
        assertThat(err()).contains("/nonexistent/district.yaml: cannot read the scenario file");
    }

    @Test
    void noGatewayExitsWithOneAndSaysSo() {
        int status =
                run(
                        "--scenario",
                        Scenarios.tiny().toString(),
                        "--gateway",
                        "127.0.0.1:1",
                        "--no-register",
                        "--duration",
                        "1s");

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("no logger could connect to 127.0.0.1:1 (--gateway)");
        assertThat(out()).contains("last error").contains("cannot connect to");
    }

    @Test
    void helpPrintsTheOptions() {
        assertThat(run("--help")).isZero();
        List<String> lines = new ArrayList<>(out().lines().toList());
        assertThat(lines.get(0)).isEqualTo("Usage: deploy/vigil simulate [OPTIONS]");
    }
}
