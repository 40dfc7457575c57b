package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.hj212.Hj212Time;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CstTimeTest {

    @Test
    void writesWhatTheGatewaysParserReadsBack() {
        assertThat(CstTime.millis(Instant.parse("2016-08-01T00:58:57.223Z").toEpochMilli()))
                .isEqualTo("20160801085857223");
        StringBuilder text = new StringBuilder("DataTime=");
        CstTime.appendSeconds(text, Instant.parse("2024-02-29T16:00:00Z").toEpochMilli());
        assertThat(text).hasToString("DataTime=20240301000000");
    }

    @Test
    void agreesWithJavaTimeOverFourCenturies() {
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2300-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(from, to));
            assertThat(CstTime.millis(instant.toEpochMilli()))
                    .as("%s", instant)
                    .isEqualTo(Hj212Time.formatMillis(instant));
        }
        for (String edge :
                new String[] {
                    "1999-12-31T15:59:59.999Z", "1999-12-31T16:00:00Z", "2000-02-28T16:00:00Z",
                    "2100-02-28T16:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T15:59:59.999Z"
                }) {
            Instant instant = Instant.parse(edge);
            StringBuilder seconds = new StringBuilder();
            CstTime.appendSeconds(seconds, instant.toEpochMilli());
            assertThat(seconds).as(edge).hasToString(Hj212Time.formatSeconds(instant));
        }
    }
}
