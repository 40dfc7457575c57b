package dev.vigil.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PointTest {

    @Test
    void rendersTagsSortedByKeyFieldsInOrderAndTheMillisecondTime() {
        Point point =
                Point.builder("reading")
                        .tag("pollutant", "w01018")
                        .tag("mn", "MN 1,x=y")
                        .field("rtd", 40.1)
                        .field("count", 3L)
                        .field("valid", true)
                        .field("note", "a \"b\"")
                        .at(1_470_013_137_000L);

        assertThat(point.toLineProtocol())
                .isEqualTo(
                        "reading,mn=MN\\ 1\\,x\\=y,pollutant=w01018"
                                + " rtd=40.1,count=3i,valid=true,note=\"a \\\"b\\\"\""
                                + " 1470013137000");
    }

    @Test
    void floatsAlwaysLookLikeFloatsSoTheFieldTypeNeverFlips() {
        assertThat(line(7.0)).endsWith(" v=7.0 0");
        assertThat(line(1e-5)).endsWith(" v=1.0E-5 0");
        assertThat(line(-2.5e12)).endsWith(" v=-2.5E12 0");
    }

    @Test
    void aNullFieldIsLeftOut() {
        Point point = Point.builder("m").field("a", null).field("b", 1.0).at(0);
        assertThat(point.toLineProtocol()).isEqualTo("m b=1.0 0");
    }

    @Test
    void equalReadingsRenderTheSameLine() {
        Point first = Point.builder("m").tag("b", "2").tag("a", "1").field("v", 1.0).at(5);
        Point second = Point.builder("m").tag("a", "1").tag("b", "2").field("v", 1.0).at(5);
        assertThat(first).isEqualTo(second);
        assertThat(first.toLineProtocol()).isEqualTo(second.toLineProtocol());
    }

    @Test
    void rejectsWhatInfluxDbWouldRejectTheWholeBatchFor() {
        assertThatThrownBy(() -> Point.builder("m").tag("a", "1").at(0))
                .hasMessageContaining("at least one field");
        assertThatThrownBy(() -> Point.builder("m").field("v", Double.NaN).at(0))
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> Point.builder("m").tag("t", "").field("v", 1.0).at(0))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Point.builder("m").field("v", 1).at(0))
                .hasMessageContaining("must be a Double, Long, Boolean or String");
        assertThatThrownBy(
                        () ->
                                Point.builder("m")
                                        .field("v", 1.0)
                                        .at(LineProtocol.MAX_TIMESTAMP_MILLIS + 1))
                .hasMessageContaining("outside InfluxDB's range");
    }

    @Test
    void tagsAndFieldsCannotBeChangedAfterwards() {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("a", "1"));
        Point point = new Point("m", tags, Map.of("v", 1.0), 0);
        tags.put("b", "2");
        assertThat(point.tags()).containsOnlyKeys("a");
        assertThatThrownBy(() -> point.fields().put("w", 2.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static String line(double value) {
        return Point.builder("m").field("v", value).at(0).toLineProtocol();
    }
}
