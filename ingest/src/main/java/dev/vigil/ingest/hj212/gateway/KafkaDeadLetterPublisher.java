package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes dead letters to {@code vigil.dead-letter} under their origin; at most {@code maxQueued}
 * may wait for their ack at once, beyond that they fail at once (the caller counts them), so a
 * flood of rejected input cannot grow the heap while Kafka is slow.
 */
public final class KafkaDeadLetterPublisher implements DeadLetterPublisher {
    private final KafkaSendThread sender;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();

    public KafkaDeadLetterPublisher(KafkaSendThread sender, int maxQueued) {
        this.sender = sender;
        this.maxQueued = maxQueued;
    }

    @Override
    public CompletableFuture<Void> publish(DeadLetter deadLetter) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(
                    new IllegalStateException(maxQueued + " dead letters already wait for Kafka"));
        }
        ProducerRecord<String, byte[]> record;
        try {
            record =
                    new ProducerRecord<>(
                            Topics.DEAD_LETTER.name(),
                            Topics.DEAD_LETTER.keyOf(deadLetter),
                            Topics.DEAD_LETTER
                                    .valueSerde()
                                    .serializer()
                                    .serialize(Topics.DEAD_LETTER.name(), deadLetter));
        } catch (RuntimeException e) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
        return sender.send(record).whenComplete((ok, error) -> queued.decrementAndGet());
    }
}
