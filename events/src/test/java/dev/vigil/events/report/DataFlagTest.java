package dev.vigil.events.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Samples;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataFlagTest {

    @Test
    void onlyNormalAndAboveRangeCountForExceedance() {
        assertThat(Arrays.stream(DataFlag.values()).filter(DataFlag::isValidForExceedance))
                .containsExactly(DataFlag.N, DataFlag.T);
    }

    @ParameterizedTest
    @ValueSource(strings = {"N", "F", "M", "S", "D", "C", "T", "B", "P"})
    void parsesEveryStandardCode(String code) {
        assertThat(DataFlag.of(code).name()).isEqualTo(code);
    }

    @Test
    void unknownMissingOrMalformedCodesAreUnknown() {
        assertThat(DataFlag.of(null)).isEqualTo(DataFlag.UNKNOWN);
        assertThat(DataFlag.of("")).isEqualTo(DataFlag.UNKNOWN);
        assertThat(DataFlag.of("n")).isEqualTo(DataFlag.UNKNOWN);
        assertThat(DataFlag.of("X")).isEqualTo(DataFlag.UNKNOWN);
        assertThat(DataFlag.of("UNKNOWN")).isEqualTo(DataFlag.UNKNOWN);
        assertThat(DataFlag.of("NN")).isEqualTo(DataFlag.UNKNOWN);
        assertThat(DataFlag.UNKNOWN.isValidForExceedance()).isFalse();
    }

    @Test
    void pollutantReadsItsFlag() {
        assertThat(Samples.fullPollutant().dataFlag()).isEqualTo(DataFlag.N);
    }
}
