package dev.vigil.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC);

    @Test
    void upOnlyWhenEveryComponentIsUp() {
        try (HealthProbe probe =
                new HealthProbe(
                        List.of(
                                HealthCheck.of("kafka", () -> ComponentHealth.up("1 broker")),
                                HealthCheck.of("influxdb", () -> ComponentHealth.up("pong"))),
                        Duration.ofSeconds(1),
                        CLOCK)) {
            HealthReport report = probe.check();
            assertThat(report.isUp()).isTrue();
            assertThat(report.checkedAt()).isEqualTo(CLOCK.instant());
            assertThat(report.components()).containsOnlyKeys("kafka", "influxdb");
        }
    }

    @Test
    void oneDownComponentMakesTheWholeReportDown() {
        try (HealthProbe probe =
                new HealthProbe(
                        List.of(
                                HealthCheck.of("kafka", () -> ComponentHealth.up("1 broker")),
                                HealthCheck.of("ingest", () -> ComponentHealth.down("refused"))),
                        Duration.ofSeconds(1),
                        CLOCK)) {
            HealthReport report = probe.check();
            assertThat(report.isUp()).isFalse();
            assertThat(report.components().get("ingest").detail()).isEqualTo("refused");
            assertThat(report.components().get("kafka").isUp()).isTrue();
        }
    }

    @Test
    void aHungOrThrowingCheckIsDownAndDoesNotHangTheReport() {
        try (HealthProbe probe =
                new HealthProbe(
                        List.of(
                                HealthCheck.of(
                                        "flink",
                                        () -> {
                                            try {
                                                Thread.sleep(60_000);
                                            } catch (InterruptedException e) {
                                                Thread.currentThread().interrupt();
                                            }
                                            return ComponentHealth.up("late");
                                        }),
                                HealthCheck.of(
                                        "alerting",
                                        () -> {
                                            throw new IllegalStateException("boom");
                                        })),
                        Duration.ofMillis(300),
                        CLOCK)) {
            HealthReport report = probe.check();
            assertThat(report.isUp()).isFalse();
            assertThat(report.components().get("flink").detail())
                    .contains("no answer within 300 ms");
            assertThat(report.components().get("alerting").detail()).contains("boom");
        }
    }
}
