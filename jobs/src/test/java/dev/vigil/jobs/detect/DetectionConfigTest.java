package dev.vigil.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.alert.Evidence;
import dev.vigil.events.alert.EvidenceTrail;
import dev.vigil.jobs.detect.validity.ImpossibleValues;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings, plausibility and evidence bounds. */
class DetectionConfigTest {

    @Test
    void theDefaultsAreHj212PlatformDefaults() {
        DetectionConfig d = DetectionConfig.DEFAULTS;
        assertThat(d.offlineFactor()).isEqualTo(2.0);
        assertThat(d.hourlyMinValidFraction()).isEqualTo(0.75);
        assertThat(d.flatlineReadings()).isEqualTo(10);
    }

    @Test
    void invalidSettingsNameTheSetting() {
        DetectionConfig d = DetectionConfig.DEFAULTS;
        assertThatThrownBy(
                        () ->
                                new DetectionConfig(
                                        0,
                                        d.flatlineReadings(),
                                        d.hourlyMinValidFraction(),
                                        d.hourCloseDelay(),
                                        d.mismatchTolerance(),
                                        d.outOfOrderness(),
                                        d.maxClockAhead(),
                                        d.backlogAfter(),
                                        d.allowedLateness(),
                                        d.revisionDelay(),
                                        d.sourceIdleness(),
                                        d.minVideoConfidence(),
                                        d.videoEpisodeTimeout(),
                                        d.unregisteredDeviceWait(),
                                        d.complaintRegistryWait(),
                                        d.evidenceLimit()))
                .hasMessageContaining("offlineFactor");
        assertThatThrownBy(
                        () ->
                                new DetectionConfig(
                                        2,
                                        10,
                                        0.75,
                                        Duration.ofHours(2),
                                        0.1,
                                        d.outOfOrderness(),
                                        d.maxClockAhead(),
                                        d.backlogAfter(),
                                        Duration.ofHours(1),
                                        d.revisionDelay(),
                                        d.sourceIdleness(),
                                        d.minVideoConfidence(),
                                        d.videoEpisodeTimeout(),
                                        d.unregisteredDeviceWait(),
                                        d.complaintRegistryWait(),
                                        d.evidenceLimit()))
                .hasMessageContaining("allowedLateness");
    }

    @Test
    void impossibleValues() {
        assertThat(ImpossibleValues.isImpossible("w01018", -0.1)).isTrue();
        assertThat(ImpossibleValues.isImpossible("w01018", 0)).isFalse();
        assertThat(ImpossibleValues.isImpossible("a01012", -5)).isFalse(); // temperature
        assertThat(ImpossibleValues.isImpossible("w01001", 0)).isTrue(); // pH
        assertThat(ImpossibleValues.isImpossible("w01001", 14.5)).isTrue();
        assertThat(ImpossibleValues.isImpossible("w01001", 7.2)).isFalse();
        assertThat(ImpossibleValues.isImpossible("a19001", 0)).isTrue(); // flue-gas oxygen
    }

    @Test
    void evidenceKeepsTheLatestEntries() {
        List<Evidence> trail = List.of();
        for (int i = 0; i < 5; i++) {
            trail =
                    EvidenceTrail.append(
                            trail,
                            new Evidence(Evidence.Kind.READING, "r" + i, Fixtures.T0, null, null),
                            3);
        }
        assertThat(trail).extracting(Evidence::ref).containsExactly("r2", "r3", "r4");
    }
}
