package dev.vigil.ingest.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaReportPublisherTest {

    @Test
    void publishesTheReportUnderItsMnWithTheBytesOfTheTopicsSerde() throws Exception {
        // GIVEN a producer that acknowledges every send at once
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        Instant at = Instant.parse("2016-08-24T00:38:17Z");
        Report report =
                new Report(
                        "LD130133000015",
                        "HJ212-2005",
                        "2011",
                        "32",
                        null,
                        null,
                        at,
                        at.plusMillis(250),
                        List.of(
                                new Pollutant(
                                        "w01018",
                                        41.2,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        -0.0,
                                        "N",
                                        null,
                                        null,
                                        Map.of("Ala", "45.0"))),
                        Map.of(),
                        null,
                        null,
                        List.of(),
                        Report.digest(new byte[] {1}));

        // WHEN the gateway publishes it
        try (KafkaSendThread sender = new KafkaSendThread(producer)) {
            new KafkaReportPublisher(sender).publish(report).get(10, TimeUnit.SECONDS);
        }

        // THEN Kafka got the topic's key and exactly the JSON the topic's serde writes
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(Topics.REPORTS.name());
        assertThat(sent.key()).isEqualTo("LD130133000015");
        assertThat(sent.value())
                .isEqualTo(
                        Topics.REPORTS
                                .valueSerde()
                                .serializer()
                                .serialize(Topics.REPORTS.name(), report))
                .isEqualTo(Json.toBytes(report));
    }
}
