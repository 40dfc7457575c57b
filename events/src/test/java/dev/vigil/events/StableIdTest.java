package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.alert.Alert;
import org.junit.jupiter.api.Test;

class StableIdTest {

    @Test
    void sameCauseGivesSameAlertId() {
        assertThat(Alert.idFor("THRESHOLD", "rule-cod", "src-1", "w01018", "2016-08-01T00:00:00Z"))
                .isEqualTo(
                        Alert.idFor(
                                "THRESHOLD",
                                "rule-cod",
                                "src-1",
                                "w01018",
                                "2016-08-01T00:00:00Z"));
    }

    @Test
    void idIsPinnedAcrossReleases() {
        // Changing the derivation would re-fire every open alert under a new id.
        assertThat(Alert.idFor("OFFLINE", "src-1")).isEqualTo(StableId.of("OFFLINE", "src-1"));
        assertThat(StableId.of("a")).isEqualTo("72ff6b02949dad95006c343e3db31500");
    }

    @Test
    void differentCauseGivesDifferentAlertId() {
        assertThat(Alert.idFor("THRESHOLD", "rule-cod", "src-1"))
                .isNotEqualTo(Alert.idFor("THRESHOLD", "rule-cod", "src-2"));
    }

    @Test
    void partsCannotBleedIntoEachOther() {
        assertThat(StableId.of("ab", "c")).isNotEqualTo(StableId.of("a", "bc"));
        assertThat(StableId.of("a", "")).isNotEqualTo(StableId.of("a"));
        assertThat(StableId.of("a", null)).isNotEqualTo(StableId.of("a", "null"));
        assertThat(StableId.of("a", null)).isNotEqualTo(StableId.of("a", ""));
    }

    @Test
    void idIs32LowercaseHexCharacters() {
        assertThat(Alert.idFor("x")).matches("[0-9a-f]{32}");
    }
}
