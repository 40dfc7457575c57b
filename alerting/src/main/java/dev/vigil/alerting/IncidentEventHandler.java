package dev.vigil.alerting;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Handles one record from {@code vigil.incidents}; the poll loop commits only after it returns. */
@FunctionalInterface
public interface IncidentEventHandler {
    void handle(ConsumerRecord<String, byte[]> record) throws Exception;
}
