package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.report.Report;
import dev.vigil.events.report.ReportJson;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The gateway publishes reports with {@link ReportJson}; over the real hour of traffic it must give
 * exactly the bytes of the {@code vigil.reports} topic's own serde, and read back equal.
 */
class Hj212ReportJsonTest {

    private final Hj212Parser parser = new Hj212Parser();

    @Test
    void everyReportOfTheRealHourGivesTheTopicSerdesBytes() throws IOException {
        // GIVEN the real hour through the gateway's decoder, parser and mapper, with a receive
        // time that has sub-millisecond digits
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        channel.writeInbound(
                Unpooled.wrappedBuffer(Files.readAllBytes(Hj212Fixtures.realTraffic())));
        Instant receivedAt = Instant.parse("2016-08-23T16:38:18.250123Z");
        int reports = 0;
        int readings = 0;
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            if (o instanceof Hj212Frame frame) {
                Report report =
                        Hj212ReportMapper.toReport(
                                parser.parse(frame).message(),
                                receivedAt.plusNanos(reports * 1_001L),
                                frame.raw());

                // WHEN the gateway's writer and the topic's serde write it
                byte[] streamed = ReportJson.toBytes(report);
                byte[] serde =
                        Topics.REPORTS
                                .valueSerde()
                                .serializer()
                                .serialize(Topics.REPORTS.name(), report);

                // THEN the bytes are the same and read back as the same report
                if (!Arrays.equals(streamed, serde)) {
                    assertThat(new String(streamed, StandardCharsets.UTF_8))
                            .isEqualTo(new String(serde, StandardCharsets.UTF_8));
                }
                assertThat(streamed).isEqualTo(serde);
                assertThat(Json.fromBytes(streamed, Report.class)).isEqualTo(report);
                reports++;
                readings += report.pollutants().size();
            }
        }
        assertThat(channel.finish()).isFalse();
        assertThat(reports).isEqualTo(9_447);
        assertThat(readings).isGreaterThan(reports);
    }
}
