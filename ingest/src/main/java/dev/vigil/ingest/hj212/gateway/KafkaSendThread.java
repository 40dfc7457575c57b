package dev.vigil.ingest.hj212.gateway;

import dev.vigil.ingest.publish.KafkaRecordPublisher;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Records handed over on a Netty event loop are collected until the end of that loop's current
 * iteration and go to the thread together: handing each over alone woke the sleeping thread once
 * per frame (a futex wake and a context switch each), while one iteration of a busy loop reads the
 * frames of many connections. Records from any other thread go at once.
 */
public final class KafkaSendThread implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final ExecutorService thread;

    /** The records the current event loop handed over in this iteration, not yet queued. */
    private final FastThreadLocal<LoopBatch> batches =
            new FastThreadLocal<>() {
                @Override
                protected LoopBatch initialValue() {
                    return new LoopBatch();
                }
            };

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
        Send send = new Send(record, new CompletableFuture<>());
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (executor instanceof SingleThreadEventLoop loop && loop.inEventLoop()) {
            batches.get().add(send, loop);
        } else {
            queue(List.of(send));
        }
        return send.acked;
    }

    /** Queues records for the thread, which sends them in this order. */
    private void queue(List<Send> sends) {
        try {
            thread.execute(
                    () -> {
                        for (int i = 0; i < sends.size(); i++) {
                            sends.get(i).run(producer);
                        }
                    });
        } catch (RejectedExecutionException e) {
            IllegalStateException stopping =
                    new IllegalStateException("the gateway is stopping", e);
            for (Send send : sends) {
                send.acked.completeExceptionally(stopping);
            }
        }
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

    private record Send(ProducerRecord<String, byte[]> record, CompletableFuture<Void> acked) {
        void run(Producer<String, byte[]> producer) {
            KafkaRecordPublisher.send(producer, record, acked);
        }
    }

    /** One event loop's records of its current iteration; touched on that loop only. */
    private final class LoopBatch implements Runnable {
        private List<Send> sends = new ArrayList<>();

        void add(Send send, SingleThreadEventLoop loop) {
            if (sends.isEmpty()) {
                try {
                    loop.executeAfterEventLoopIteration(this);
                } catch (RejectedExecutionException e) {
                    queue(List.of(send)); // the loop is shutting down: no iteration end to wait for
                    return;
                }
            }
            sends.add(send);
        }

        /** Runs at the end of the loop's iteration. */
        @Override
        public void run() {
            List<Send> full = sends;
            sends = new ArrayList<>(Math.max(16, full.size()));
            queue(full);
        }
    }
}
