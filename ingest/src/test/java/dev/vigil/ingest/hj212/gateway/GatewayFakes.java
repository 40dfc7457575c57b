package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.report.Report;
import dev.vigil.events.source.Device;
import dev.vigil.ingest.hj212.Hj212Encoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Fakes of the gateway's small ports, and frames to feed it. */
final class GatewayFakes {

    static final String MN = "010000A8900016F000169DC0";
    static final String PW = "123456";

    private GatewayFakes() {}

    /** A report publisher whose futures the test completes or fails. */
    static final class Reports implements ReportPublisher {
        final List<Report> published = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
        volatile boolean ackAtOnce;

        @Override
        public CompletableFuture<Void> publish(Report report) {
            published.add(report);
            CompletableFuture<Void> future =
                    ackAtOnce ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
            futures.add(future);
            return future;
        }

        void ack(int index) {
            futures.get(index).complete(null);
        }

        void fail(int index) {
            futures.get(index).completeExceptionally(new IllegalStateException("Kafka is down"));
        }

        void ackAll() {
            futures.forEach(f -> f.complete(null));
        }
    }

    /** Dead letters kept in memory. */
    static final class DeadLetters implements DeadLetterPublisher {
        final List<DeadLetter> published = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> publish(DeadLetter deadLetter) {
            published.add(deadLetter);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** A directory the test fills; ready at once unless told otherwise. */
    static final class Directory implements DeviceDirectory {
        final Map<String, RegisteredDevice> devices = new ConcurrentHashMap<>();
        final AtomicLong version = new AtomicLong();
        final AtomicLong finds = new AtomicLong();
        volatile CompletableFuture<Void> readiness = CompletableFuture.completedFuture(null);

        Directory register(String mn, String password) {
            return register("source-" + mn, mn, password, false);
        }

        Directory register(String sourceId, String mn, String password, boolean retired) {
            devices.put(mn, new RegisteredDevice(sourceId, device(mn, password), retired));
            version.incrementAndGet();
            return this;
        }

        @Override
        public Optional<RegisteredDevice> find(String mn) {
            finds.incrementAndGet();
            return Optional.ofNullable(devices.get(mn));
        }

        @Override
        public long version() {
            return version.get();
        }

        @Override
        public CompletionStage<Void> whenReady() {
            return readiness;
        }
    }

    static Device device(String mn, String password) {
        return new Device(
                mn,
                null,
                ProtocolVersion.HJ212_2017,
                Device.hashPassword(mn, password),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10));
    }

    /** A 2017 frame from {@link #MN} with the given header and CP content. */
    static byte[] frame(String qn, String cn, int flag, String cp) {
        return frame(MN, PW, qn, cn, flag, cp);
    }

    /** A 2017 frame with the given header and CP content. */
    static byte[] frame(String mn, String pw, String qn, String cn, int flag, String cp) {
        return Hj212Encoder.encode(
                "QN="
                        + qn
                        + ";ST=32;CN="
                        + cn
                        + ";PW="
                        + pw
                        + ";MN="
                        + mn
                        + ";Flag="
                        + flag
                        + ";CP=&&"
                        + cp
                        + "&&");
    }

    /** A real-time upload (2011) asking for an answer (Flag=5). */
    static byte[] realtime(String qn, String dataTime, double value) {
        return frame(
                qn, "2011", 5, "DataTime=" + dataTime + ";w01018-Rtd=" + value + ",w01018-Flag=N");
    }
}
