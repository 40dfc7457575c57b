package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobsConfigTest {

    @Test
    void everyOptionHasADefault() {
        JobsConfig config = JobsConfig.fromArgs(new String[0], Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.influx().url()).isEqualTo("http://localhost:8086");
        assertThat(config.influx().database()).isEqualTo("vigil");
        assertThat(config.influx().hasCredentials()).isFalse();
        assertThat(config.influx().batchSize()).isEqualTo(1_000);
        assertThat(config.influx().flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.parallelism()).isEqualTo(2);
        for (JobsConfig.Option option : JobsConfig.Option.values()) {
            assertThat(option.description()).as(option.name()).isNotBlank();
            assertThat(option.environmentVariable()).startsWith("VIGIL_");
        }
    }

    @Test
    void argumentsWinOverTheEnvironmentWhichWinsOverDefaults() {
        JobsConfig config =
                JobsConfig.fromArgs(
                        new String[] {
                            "--kafka", "kafka-1:9092,kafka-2:9092",
                            "--influx", "http://influxdb:8086/",
                            "--checkpoint-interval", "500ms"
                        },
                        Map.of(
                                "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "ignored:9092",
                                "VIGIL_INFLUXDB_DATABASE", "district",
                                "VIGIL_INFLUXDB_USERNAME", "vigil",
                                "VIGIL_INFLUXDB_PASSWORD", "s3cret",
                                "VIGIL_FLINK_PARALLELISM", "4"));

        assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.influx().url()).isEqualTo("http://influxdb:8086");
        assertThat(config.influx().database()).isEqualTo("district");
        assertThat(config.influx().username()).isEqualTo("vigil");
        assertThat(config.influx().password()).isEqualTo("s3cret");
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.parallelism()).isEqualTo(4);
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void mistakesNameTheOption() {
        assertThatThrownBy(() -> JobsConfig.fromArgs(new String[] {"--password", "x"}, Map.of()))
                .hasMessageStartingWith("--password: unknown option")
                .hasMessageContaining("VIGIL_INFLUXDB_PASSWORD");
        assertThatThrownBy(() -> JobsConfig.fromArgs(new String[] {"--kafka"}, Map.of()))
                .hasMessage("--kafka: needs a value");
        assertThatThrownBy(
                        () ->
                                JobsConfig.fromArgs(
                                        new String[] {"--checkpoint-interval", "10 parsecs"},
                                        Map.of()))
                .hasMessageStartingWith("--checkpoint-interval (VIGIL_FLINK_CHECKPOINT_INTERVAL):");
        assertThatThrownBy(
                        () ->
                                JobsConfig.fromArgs(
                                        new String[0], Map.of("VIGIL_FLINK_PARALLELISM", "0")))
                .hasMessageContaining(
                        "--parallelism (VIGIL_FLINK_PARALLELISM): must be at least 1");
        assertThatThrownBy(
                        () ->
                                JobsConfig.fromArgs(
                                        new String[] {"--influx", "influxdb:8086"}, Map.of()))
                .hasMessageStartingWith("--influx / --database: url: expected an http");
    }
}
