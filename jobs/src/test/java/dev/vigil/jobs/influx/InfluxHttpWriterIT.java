package dev.vigil.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.embedded.junit.InfluxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Line protocol as the real influxd reads it: escaping, idempotent rewrites, error text. */
class InfluxHttpWriterIT {

    @RegisterExtension static final InfluxExtension INFLUX = new InfluxExtension();

    @Test
    void namesAndValuesWithSpecialCharactersComeBackUnchanged() throws Exception {
        List<String> awkward =
                List.of("a b", "x,y", "k=v", "x, y=z", "back\\slash", "\"quoted\"", "中文", "#1");
        List<String> lines =
                awkward.stream()
                        .map(
                                tag ->
                                        Point.builder("escape test")
                                                .tag("name", tag)
                                                .field("text", "say \"" + tag + "\" \\ ok")
                                                .field("v", 1.0)
                                                .at(1_000 + awkward.indexOf(tag))
                                                .toLineProtocol())
                        .toList();

        writer().write(lines);

        List<Map<String, Object>> rows =
                InfluxRows.query(
                        INFLUX.server(),
                        INFLUX.database(),
                        "SELECT \"name\", \"text\" FROM \"escape test\"");
        assertThat(rows).extracting(row -> row.get("name")).containsExactlyElementsOf(awkward);
        assertThat(rows)
                .extracting(row -> row.get("text"))
                .containsExactlyElementsOf(
                        awkward.stream().map(tag -> "say \"" + tag + "\" \\ ok").toList());
    }

    @Test
    void writingTheSamePointAgainOverwritesIt() throws Exception {
        Point first = Point.builder("rewrite").tag("mn", "A").field("rtd", 1.0).at(5_000);
        Point second = Point.builder("rewrite").tag("mn", "A").field("rtd", 2.0).at(5_000);

        writer().write(List.of(first.toLineProtocol()));
        writer().write(List.of(second.toLineProtocol(), second.toLineProtocol()));

        assertThat(InfluxRows.query(INFLUX.server(), INFLUX.database(), "SELECT * FROM rewrite"))
                .containsExactly(Map.of("time", 5_000L, "mn", "A", "rtd", 2.0));
    }

    @Test
    void aLineInfluxDbCannotParseFailsWithItsOwnErrorText() {
        assertThatThrownBy(() -> writer().write(List.of("broken v= 1")))
                .isInstanceOfSatisfying(
                        InfluxWriteException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("unable to parse");
    }

    private static InfluxHttpWriter writer() {
        return new InfluxHttpWriter(
                InfluxSinkConfig.of(INFLUX.url(), INFLUX.database()), RetryPolicy.DEFAULT);
    }
}
