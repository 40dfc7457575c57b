package dev.vigil.ingest.hj212.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Calls {@link Producer#send} on one dedicated thread, in the order records were handed over, so
 * that a send that blocks (metadata not yet known, Kafka down, buffer full: up to {@code
 * max.block.ms}) never blocks a Netty event loop, which would freeze every connection on it.
 *
 * <p>One thread keeps the order of records handed over by one caller, which per-device order in
 * Kafka relies on. Its queue is bounded by the gateway's in-flight limits, not here.
 */
public final class KafkaSendThread implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final ExecutorService thread;

    /** Sends with the given producer (shared, not closed here). */
    public KafkaSendThread(Producer<String, byte[]> producer) {
        this.producer = producer;
        this.thread =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "hj212-kafka-send");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Sends a record; the future completes when Kafka acknowledged it (on the producer's I/O
     * thread, so callers must chain only quick work) or failed.
     */
    public CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            thread.execute(
                    () -> {
                        try {
                            producer.send(
                                    record,
                                    (metadata, error) -> {
                                        if (error == null) {
                                            acked.complete(null);
                                        } else {
                                            acked.completeExceptionally(error);
                                        }
                                    });
                        } catch (RuntimeException e) {
                            acked.completeExceptionally(e);
                        }
                    });
        } catch (RejectedExecutionException e) {
            acked.completeExceptionally(new IllegalStateException("the gateway is stopping", e));
        }
        return acked;
    }

    /** Hands the queued records to the producer, then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
