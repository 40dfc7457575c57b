package dev.vigil.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineProtocolTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "reading|reading",
                "a b|a\\ b",
                "a,b|a\\,b",
                "a=b|a=b",
                "a\"b|a\"b",
                "a\\b|a\\b",
            })
    void measurementsEscapeCommasAndSpacesOnly(String name, String escaped) {
        assertThat(LineProtocol.measurement(name)).isEqualTo(escaped);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "w01018|w01018",
                "a b|a\\ b",
                "a,b|a\\,b",
                "a=b|a\\=b",
                "x, y=z|x\\,\\ y\\=z",
                "a\"b|a\"b",
                "a\\b|a\\b",
                "中文|中文",
            })
    void keysAndTagValuesEscapeCommasEqualsAndSpaces(String name, String escaped) {
        assertThat(LineProtocol.key(name)).isEqualTo(escaped);
    }

    @Test
    void stringValuesAreQuotedWithQuotesAndBackslashesEscaped() {
        assertThat(LineProtocol.stringValue("plain")).isEqualTo("\"plain\"");
        assertThat(LineProtocol.stringValue("say \"hi\", a=b c"))
                .isEqualTo("\"say \\\"hi\\\", a=b c\"");
        assertThat(LineProtocol.stringValue("C:\\dir\\")).isEqualTo("\"C:\\\\dir\\\\\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\nb", "a\rb", "ends\\", "a\\,b", "a\\ b", "a\\=b"})
    void namesLineProtocolCannotCarryAreRejected(String name) {
        assertThat(LineProtocol.isWritableName(name)).isFalse();
        assertThatThrownBy(() -> LineProtocol.key(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be written in line protocol");
    }

    @Test
    void aMeasurementStartingWithHashWouldBeAComment() {
        assertThatThrownBy(() -> LineProtocol.measurement("#reading"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'#'");
    }

    @Test
    void timesAreWritableWithinInfluxDbsNanosecondRange() {
        assertThat(LineProtocol.isWritableTime(0)).isTrue();
        assertThat(LineProtocol.isWritableTime(LineProtocol.MAX_TIMESTAMP_MILLIS)).isTrue();
        assertThat(LineProtocol.isWritableTime(LineProtocol.MIN_TIMESTAMP_MILLIS)).isTrue();
        assertThat(LineProtocol.isWritableTime(LineProtocol.MAX_TIMESTAMP_MILLIS + 1)).isFalse();
        assertThat(LineProtocol.isWritableTime(LineProtocol.MIN_TIMESTAMP_MILLIS - 1)).isFalse();
    }
}
