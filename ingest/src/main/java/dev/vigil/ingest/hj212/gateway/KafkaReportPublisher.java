package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.Topics;
import dev.vigil.events.report.Report;
import dev.vigil.events.report.ReportJson;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes reports to {@code vigil.reports} under the device MN; the future completes on the
 * producer's ack, which with the ingest producer's {@code acks=all} means durably stored.
 */
public final class KafkaReportPublisher implements ReportPublisher {
    private final KafkaSendThread sender;

    public KafkaReportPublisher(KafkaSendThread sender) {
        this.sender = sender;
    }

    @Override
    public CompletableFuture<Void> publish(Report report) {
        ProducerRecord<String, byte[]> record;
        try {
            // Serialized on the caller's thread, so the JSON work spreads over the event loops.
            // ReportJson writes the bytes the topic's serde would, without databind's cost.
            record =
                    new ProducerRecord<>(
                            Topics.REPORTS.name(),
                            Topics.REPORTS.keyOf(report),
                            ReportJson.toBytes(report));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sender.send(record);
    }
}
