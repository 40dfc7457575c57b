package dev.vigil.console.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.console.api.ApiError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfluxQueryTest {

    @Test
    void readsSeriesWithTagsAndRows() {
        List<InfluxQuery.Series> series =
                InfluxQuery.parse(
                        "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"reading\",\"tags\":{\"pollutant\":\"w01018\"},"
                                + "\"columns\":[\"time\",\"rtd\",\"flag\"],\"values\":[[1000,12.5,\"N\"],[2000,null,\"D\"]]}]}]}");
        assertThat(series).hasSize(1);
        assertThat(series.get(0).tags()).containsEntry("pollutant", "w01018");
        assertThat(series.get(0).column("rtd")).isEqualTo(1);
        assertThat(series.get(0).rows().get(0)).containsExactly(1000.0, 12.5, "N");
        assertThat(series.get(0).rows().get(1).get(1)).isNull();
        assertThat(InfluxQuery.parse("{\"results\":[{\"statement_id\":0}]}")).isEmpty();
    }

    @Test
    void errorsAndMissingServersAre503() {
        assertThatThrownBy(() -> InfluxQuery.parse("{\"results\":[{\"error\":\"boom\"}]}"))
                .isInstanceOf(ApiError.class)
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(503));
        assertThatThrownBy(
                        () ->
                                new InfluxQuery("", "db", null, null, Duration.ofSeconds(1))
                                        .query("SELECT 1"))
                .isInstanceOf(ApiError.class);
        assertThatThrownBy(
                        () ->
                                new InfluxQuery(
                                                "http://127.0.0.1:1",
                                                "db",
                                                null,
                                                null,
                                                Duration.ofSeconds(1))
                                        .query("SELECT 1"))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining("did not answer");
    }

    @Test
    void quotesTagValues() {
        assertThat(InfluxQuery.quote("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
    }
}
