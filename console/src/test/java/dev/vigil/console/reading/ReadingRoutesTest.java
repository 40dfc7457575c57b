package dev.vigil.console.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadingRoutesTest {

    @Test
    void bucketsAreRoundAndKeepEachSeriesWithinAbout720Points() {
        for (Duration range :
                new Duration[] {
                    Duration.ofHours(7),
                    Duration.ofHours(12),
                    Duration.ofDays(1),
                    Duration.ofDays(7),
                    Duration.ofDays(30),
                    Duration.ofDays(365),
                    Duration.ofDays(3650)
                }) {
            Duration bucket = ReadingRoutes.bucket(range);
            assertThat(range.toSeconds() / bucket.toSeconds()).isLessThanOrEqualTo(720);
        }
        assertThat(ReadingRoutes.influxDuration(ReadingRoutes.bucket(Duration.ofHours(12))))
                .isEqualTo("1m");
        assertThat(ReadingRoutes.influxDuration(ReadingRoutes.bucket(Duration.ofDays(1))))
                .isEqualTo("2m");
        assertThat(ReadingRoutes.influxDuration(ReadingRoutes.bucket(Duration.ofDays(7))))
                .isEqualTo("15m");
        assertThat(ReadingRoutes.influxDuration(ReadingRoutes.bucket(Duration.ofDays(30))))
                .isEqualTo("1h");
    }
}
