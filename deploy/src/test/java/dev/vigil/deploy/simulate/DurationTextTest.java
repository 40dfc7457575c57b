package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsTheShortFormsAndIso() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationText.parse("PT45S")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void writesWhatItReads() {
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(DurationText.format(Duration.ofMillis(1_500))).isEqualTo("1s500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.parse(DurationText.format(Duration.ofSeconds(93_784))))
                .isEqualTo(Duration.ofSeconds(93_784));
    }

    @Test
    void refusesWhatIsNoDuration() {
        for (String bad : new String[] {"", "30", "10 min", "1x", "PTxS", "-5s"}) {
            assertThatThrownBy(() -> DurationText.parse(bad))
                    .hasMessageStartingWith(
                            "expected a duration such as 500ms, 30s, 10m, 1h30m or PT30S");
        }
    }
}
