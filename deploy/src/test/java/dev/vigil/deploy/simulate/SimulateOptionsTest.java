package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulateOptionsTest {

    private static SimulateOptions parse(String... args) {
        return SimulateOptions.parse(List.of(args));
    }

    @Test
    void withoutOptionsItSimulatesTheDistrictAgainstTheLocalStack() {
        SimulateOptions options = parse("--repo", "/work/main");

        assertThat(options.scenarioFile())
                .isEqualTo(Path.of("/work/main/deploy/scenarios/district.yaml"));
        assertThat(options.gatewayHost()).isEqualTo("localhost");
        assertThat(options.gatewayPort()).isEqualTo(9212);
        assertThat(options.kafka()).isEqualTo("localhost:9092");
        assertThat(options.speed()).isEqualTo(1);
        assertThat(options.register()).isTrue();
        assertThat(options.loadMode()).isFalse();
        assertThat(options.duration()).isNull();
        assertThat(options.answerTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void everyOptionIsRead() {
        SimulateOptions options =
                parse(
                        "--scenario",
                        "s.yaml",
                        "--gateway",
                        "10.0.0.5:19212",
                        "--kafka",
                        "k1:9092,k2:9092",
                        "--speed",
                        "60",
                        "--devices",
                        "200",
                        "--interval",
                        "1m",
                        "--duration=90s",
                        "--no-register",
                        "--ramp",
                        "500",
                        "--answer-timeout",
                        "2s",
                        "--stats-every",
                        "1s");

        assertThat(options.scenarioFile()).isEqualTo(Path.of("s.yaml"));
        assertThat(options.gatewayHost()).isEqualTo("10.0.0.5");
        assertThat(options.gatewayPort()).isEqualTo(19212);
        assertThat(options.kafka()).isEqualTo("k1:9092,k2:9092");
        assertThat(options.speed()).isEqualTo(60);
        assertThat(options.devices()).isEqualTo(200);
        assertThat(options.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.register()).isFalse();
        assertThat(options.ramp()).isEqualTo(500);
        assertThat(options.answerTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theLoadGeneratorTakesConnectionsAndSpreading() {
        SimulateOptions options =
                parse("--connections", "50_000", "--interval", "30s", "--per-address", "2000");

        assertThat(options.loadMode()).isTrue();
        assertThat(options.connections()).isEqualTo(50_000);
        assertThat(options.perAddress()).isEqualTo(2_000);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> parse("--spead", "3")).hasMessage("unknown option '--spead'");
        assertThatThrownBy(() -> parse("--speed", "fast"))
                .hasMessage("--speed: expected a number from 1 to 100000, got 'fast'");
        assertThatThrownBy(() -> parse("--speed", "0.5"))
                .hasMessage("--speed: expected a number from 1 to 100000, got '0.5'");
        assertThatThrownBy(() -> parse("--gateway", "localhost"))
                .hasMessage("--gateway: expected HOST:PORT, got 'localhost'");
        assertThatThrownBy(() -> parse("--gateway", "localhost:99999"))
                .hasMessage(
                        "--gateway: the port in 'localhost:99999' must be a number from 1 to 65535");
        assertThatThrownBy(() -> parse("--kafka", "k1:9092,k2"))
                .hasMessage("--kafka: expected HOST:PORT, got 'k2'");
        assertThatThrownBy(() -> parse("--devices", "-3"))
                .hasMessage("--devices: expected a whole number from 1 to 1000000, got '-3'");
        assertThatThrownBy(() -> parse("--duration", "soon"))
                .hasMessage(
                        "--duration: expected a duration such as 500ms, 30s, 10m, 1h30m or PT30S,"
                                + " got 'soon'");
        assertThatThrownBy(() -> parse("--interval", "100ms"))
                .hasMessage("--interval: must be at least 1s, got '100ms'");
        assertThatThrownBy(() -> parse("--interval", "1500ms"))
                .hasMessage(
                        "--interval: must be whole seconds (DataTime counts seconds), got '1500ms'");
        assertThatThrownBy(() -> parse("--scenario")).hasMessage("--scenario needs a value");
        assertThatThrownBy(() -> parse("--scenario", "--speed", "2"))
                .hasMessage("--scenario needs a value");
        assertThatThrownBy(() -> parse("--no-register=yes"))
                .hasMessage("--no-register takes no value");
        assertThatThrownBy(() -> parse("district.yaml"))
                .hasMessage("unexpected argument 'district.yaml' (options start with --)");
        assertThatThrownBy(() -> parse("--devices", "3", "--connections", "5"))
                .hasMessageStartingWith("--devices and --connections: give one of them");
    }

    @Test
    void theHelpNamesEveryOption() {
        String help = SimulateOptions.helpText();

        for (String option :
                List.of(
                        "--scenario",
                        "--gateway",
                        "--kafka",
                        "--no-register",
                        "--speed",
                        "--devices",
                        "--interval",
                        "--duration",
                        "--answer-timeout",
                        "--stats-every",
                        "--connections",
                        "--ramp",
                        "--per-address",
                        "--help")) {
            assertThat(help).contains(option);
        }
        assertThat(parse("--help").help()).isTrue();
    }
}
