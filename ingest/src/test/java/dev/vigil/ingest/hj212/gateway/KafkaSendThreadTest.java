package dev.vigil.ingest.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The send thread with Kafka's MockProducer (acknowledging at once) and a real event loop. */
class KafkaSendThreadTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    private static ProducerRecord<String, byte[]> record(int i) {
        return new ProducerRecord<>("vigil.reports", "mn-" + (i % 3), new byte[] {(byte) i});
    }

    @Test
    void recordsFromAnEventLoopGoTogetherAfterItsIterationInTheirOrder() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (KafkaSendThread sender = new KafkaSendThread(producer)) {
            EventLoop loop = group.next();
            List<CompletableFuture<Void>> acked = new ArrayList<>();
            // WHEN one task on the loop hands over 100 records
            int sentDuringTheTask =
                    loop.submit(
                                    () -> {
                                        for (int i = 0; i < 100; i++) {
                                            acked.add(sender.send(record(i)));
                                        }
                                        return producer.history().size();
                                    })
                            .get(10, TimeUnit.SECONDS);

            // THEN none was sent before the iteration ended, all were after it, in order
            assertThat(sentDuringTheTask).isZero();
            CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
            assertThat(producer.history())
                    .extracting(r -> (int) r.value()[0])
                    .containsExactlyElementsOf(
                            java.util.stream.IntStream.range(0, 100).boxed().toList());

            // AND the next iteration's records are sent too
            CompletableFuture<Void> later =
                    loop.submit(() -> sender.send(record(100))).get(10, TimeUnit.SECONDS);
            later.get(10, TimeUnit.SECONDS);
            assertThat(producer.history()).hasSize(101);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void recordsFromOtherThreadsGoAtOnce() throws Exception {
        try (KafkaSendThread sender = new KafkaSendThread(producer)) {
            sender.send(record(1)).get(10, TimeUnit.SECONDS);
            assertThat(producer.history()).hasSize(1);
        }
    }

    @Test
    void aFailedSendFailsItsFuture() {
        MockProducer<String, byte[]> failing =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        try (KafkaSendThread sender = new KafkaSendThread(failing)) {
            CompletableFuture<Void> acked = sender.send(record(1));
            while (failing.history().isEmpty()) {
                Thread.onSpinWait();
            }
            failing.errorNext(new IllegalStateException("broker down"));
            assertThat(acked).failsWithin(10, TimeUnit.SECONDS);
        }
    }
}
