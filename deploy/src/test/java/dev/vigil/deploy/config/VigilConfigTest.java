package dev.vigil.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigTest {
    @TempDir Path dir;

    @Test
    void everyKeyHasAParsableDefaultAndADescription() {
        Set<String> keys = new HashSet<>();
        for (Setting<?> s : Settings.all()) {
            assertThat(keys.add(s.key())).as("duplicate key %s", s.key()).isTrue();
            assertThat(s.description()).as(s.key()).isNotBlank();
            assertThat(s.parse(s.defaultText(), "default")).as(s.key()).isNotNull();
        }
    }

    @Test
    void theShippedVigilYamlDocumentsEveryKeyWithItsDefault() throws IOException {
        Path shipped = repoRoot().resolve("vigil.yaml");
        VigilConfig fromFile = VigilConfig.load(shipped, Map.of());
        VigilConfig defaults = VigilConfig.defaults();
        for (Setting<?> s : Settings.all()) {
            assertThat(fromFile.origin(s))
                    .as("vigil.yaml sets %s", s.key())
                    .isEqualTo("vigil.yaml");
            assertThat((Object) fromFile.get(s)).as(s.key()).isEqualTo(defaults.get(s));
        }
        // Each key is preceded by its comment line.
        String text = Files.readString(shipped);
        for (Setting<?> s : Settings.all()) {
            assertThat(text).as(s.key()).contains("# " + s.description());
        }
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = write("console:\n  port: 8181\n");
        VigilConfig config =
                VigilConfig.load(
                        file,
                        Map.of(
                                "VIGIL_CONSOLE_PORT",
                                "8282",
                                "VIGIL_FLINK_CHECKPOINT_INTERVAL",
                                "2m"));
        assertThat(config.get(Settings.CONSOLE_PORT)).isEqualTo(8282);
        assertThat(config.origin(Settings.CONSOLE_PORT)).isEqualTo("VIGIL_CONSOLE_PORT");
        assertThat(config.get(Settings.FLINK_CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void fileValuesReplaceDefaults() throws IOException {
        VigilConfig config =
                VigilConfig.load(write("kafka:\n  bootstrap-servers: k1:9092,k2:9092\n"), Map.of());
        assertThat(config.get(Settings.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("k1:9092,k2:9092");
        assertThat(config.get(Settings.CONSOLE_PORT)).isEqualTo(8080);
    }

    @Test
    void unknownKeyStopsStartUpNamingItAndSuggestingTheRightOne() throws IOException {
        Path file = write("kafka:\n  bootstrap-server: localhost:9092\n");
        assertThatThrownBy(() -> VigilConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'kafka.bootstrap-server'")
                .hasMessageContaining("did you mean 'kafka.bootstrap-servers'");
    }

    @Test
    void unknownSectionIsNamed() throws IOException {
        Path file = write("kafak:\n  partitions: 3\n");
        assertThatThrownBy(() -> VigilConfig.load(file, Map.of()))
                .hasMessageContaining("unknown key 'kafak'");
    }

    @Test
    void invalidValuesAreNamedWithTheirOrigin() throws IOException {
        for (var bad :
                List.of(
                        List.of("console:\n  port: 70000\n", "console.port"),
                        List.of("console:\n  port: eighty\n", "console.port"),
                        List.of(
                                "flink:\n  checkpoint-interval: 10 parsecs\n",
                                "flink.checkpoint-interval"),
                        List.of("flink:\n  parallelism: 0\n", "flink.parallelism"),
                        List.of("influxdb:\n  url: ftp://x\n", "influxdb.url"))) {
            Path file = write(bad.get(0));
            assertThatThrownBy(() -> VigilConfig.load(file, Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(bad.get(1))
                    .hasMessageContaining("vigil.yaml");
        }
        assertThatThrownBy(() -> VigilConfig.load(null, Map.of("VIGIL_INGEST_HJ212_PORT", "-1")))
                .hasMessageContaining("VIGIL_INGEST_HJ212_PORT")
                .hasMessageContaining("ingest.hj212.port");
    }

    @Test
    void malformedYamlGivesTheLine() throws IOException {
        Path file = write("console:\n  port: 1\n  bad: [\n");
        assertThatThrownBy(() -> VigilConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        Setting<Duration> s = Settings.FLINK_CHECKPOINT_INTERVAL;
        assertThat(s.parse("500ms", "t")).isEqualTo(Duration.ofMillis(500));
        assertThat(s.parse("2h", "t")).isEqualTo(Duration.ofHours(2));
        assertThat(s.parse("PT30S", "t")).isEqualTo(Duration.ofSeconds(30));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("vigil.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "vigil.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
