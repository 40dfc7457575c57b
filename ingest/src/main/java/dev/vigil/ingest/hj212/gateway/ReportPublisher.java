package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.report.Report;
import java.util.concurrent.CompletableFuture;

/**
 * Where the gateway hands decoded reports for durable storage; the returned future completes only
 * once the report is durable (for Kafka: acknowledged by all in-sync replicas), because the device
 * is answered then and will not resend.
 */
public interface ReportPublisher {

    /**
     * Publishes one report, keyed by its MN; reports passed in one order from one thread are stored
     * in that order. Never blocks the caller and never throws: failures complete the future
     * exceptionally.
     */
    CompletableFuture<Void> publish(Report report);
}
