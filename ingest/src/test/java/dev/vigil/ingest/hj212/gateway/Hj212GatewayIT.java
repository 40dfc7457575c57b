package dev.vigil.ingest.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Source;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.IngestService;
import dev.vigil.ingest.api.HttpApiConfig;
import dev.vigil.ingest.hj212.DecodeFailure;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212FrameDecoder;
import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212ParseResult;
import dev.vigil.ingest.hj212.Hj212Parser;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway inside {@link IngestService} against a real Kafka broker and real TCP clients: every
 * acknowledged frame is in Kafka in order per device and once, the real-traffic hour arrives
 * intact, bad passwords get silence and a masked dead letter, and neither a garbage flood nor
 * thousands of silent connections hold up another device.
 */
class Hj212GatewayIT {

    /** Every Vigil topic, so that the rest of the ingest service finds its own topics too. */
    @RegisterExtension
    static final KafkaExtension KAFKA =
            new KafkaExtension()
                    .withTopics(
                            Topics.all().stream()
                                    .map(
                                            topic ->
                                                    new TopicSpec(
                                                            topic.name(),
                                                            topic == Topics.REPORTS ? 4 : 1,
                                                            topic.compacted()))
                                    .toList());

    private static final String MN = GatewayFakes.MN;
    private static final String PW = GatewayFakes.PW;
    private static final Path REAL_TRAFFIC =
            Path.of("/work/shared/testdata/hj212/real-2016-08-24-00.h212");

    /** The real-traffic hour, decoded once: valid frames with their message, broken ones raw. */
    private static final List<Decoded> real = new ArrayList<>();

    private static final List<byte[]> broken = new ArrayList<>();
    private static IngestService ingest;

    private record Decoded(byte[] raw, Hj212Message message) {}

    @TempDir static Path media;

    @BeforeAll
    static void registerDevicesAndStart() throws Exception {
        decodeRealTraffic();
        Set<String> mns = new HashSet<>();
        mns.add(MN);
        real.forEach(d -> mns.add(d.message().mn()));
        register(mns);
        ingest =
                new IngestService(
                                new IngestConfig("127.0.0.1", 0, 0, KAFKA.bootstrapServers()),
                                Hj212GatewayConfig.builder().authThreads(2).build())
                        .withHttpApi(HttpApiConfig.defaults().toBuilder().mediaDir(media).build())
                        .start();
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void everyAcknowledgedFrameIsInKafkaInOrderAndResendsOnlyOnce() throws Exception {
        List<String> sent = new ArrayList<>();
        try (Socket device = connect("127.0.0.1")) {
            OutputStream out = device.getOutputStream();
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 60; i++) {
                String qn = "2024010100" + String.format("%07d", i);
                byte[] frame = GatewayFakes.realtime(qn, "20240101" + String.format("%06d", i), i);
                sent.add(qn);
                burst.writeBytes(frame);
                if (i % 10 == 9) {
                    burst.writeBytes(frame); // the device missed our answer and resends
                }
            }
            // GIVEN a device that pipelines its backlog in one go
            out.write(burst.toByteArray());
            out.flush();

            // THEN every frame, resends included, is answered
            List<String> replies = readReplies(device, 66, Duration.ofSeconds(20));
            assertThat(replies).allMatch(r -> r.contains("CN=9014"));
            Set<String> answered = new HashSet<>();
            for (String reply : replies) {
                answered.add(field(reply, "QN"));
            }
            assertThat(answered).containsExactlyInAnyOrderElementsOf(sent);
        }
        // AND every answered frame is in Kafka once, in the order sent
        List<Report> stored = reports(r -> r.mn().equals(MN) && r.qn().startsWith("20240101"), 60);
        assertThat(stored).extracting(Report::qn).containsExactlyElementsOf(sent);
    }

    @Test
    void theRealTrafficHourArrivesInOrderPerDevice() throws Exception {
        Map<String, List<Decoded>> byDevice = new LinkedHashMap<>();
        for (Decoded frame : real) {
            byDevice.computeIfAbsent(frame.message().mn(), mn -> new ArrayList<>()).add(frame);
        }
        Map<String, List<String>> expected = expectedDigests(byDevice);
        int total = expected.values().stream().mapToInt(List::size).sum();

        // GIVEN each device on its own connection, sending its hour of frames
        List<Socket> sockets = new ArrayList<>();
        int brokenPort;
        try {
            for (Map.Entry<String, List<Decoded>> device : byDevice.entrySet()) {
                // 284 devices: spread over 4 addresses to stay below the per-address cap (256).
                Socket socket = connect("127.0.1." + (1 + sockets.size() % 4));
                sockets.add(socket);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                device.getValue().forEach(frame -> bytes.writeBytes(frame.raw()));
                socket.getOutputStream().write(bytes.toByteArray());
            }
            Socket brokenSender = connect("127.0.0.1");
            sockets.add(brokenSender);
            brokenPort = brokenSender.getLocalPort();
            for (byte[] frame : broken) {
                brokenSender.getOutputStream().write(frame);
            }

            // THEN every upload is in Kafka once, in each device's order
            List<Report> stored =
                    reports(r -> byDevice.containsKey(r.mn()) && !r.mn().equals(MN), total);
            Map<String, List<String>> actual = new LinkedHashMap<>();
            for (Report report : stored) {
                actual.computeIfAbsent(report.mn(), mn -> new ArrayList<>())
                        .add(report.rawDigest());
            }
            Map<String, String> differences = new LinkedHashMap<>();
            expected.forEach(
                    (mn, digests) -> {
                        List<String> got = actual.getOrDefault(mn, List.of());
                        if (!got.equals(digests)) {
                            differences.put(
                                    mn, "expected " + digests.size() + ", got " + got.size());
                        }
                    });
            assertThat(differences).isEmpty();
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        // AND the broken frames are dead-lettered, each with its reason
        List<DeadLetter> letters = deadLetters(fromPort(brokenPort), broken.size());
        assertThat(letters).hasSize(broken.size());
        assertThat(broken).as("the 8 broken lines of the hour").hasSize(8);
        assertThat(letters)
                .filteredOn(l -> !"GARBAGE".equals(l.detail().get("kind")))
                .hasSize(7)
                .allSatisfy(l -> assertThat(l.reason()).matches(".*\\[[A-Z_]+\\].*"));
        assertThat(letters)
                .allSatisfy(
                        l ->
                                assertThat(new String(l.raw(), StandardCharsets.UTF_8))
                                        .doesNotContain("PW=" + PW));
    }

    @Test
    void aWrongPasswordOrUnknownMnGetsSilenceAndAMaskedDeadLetter() throws Exception {
        String cp = "DataTime=20240202000000;w01018-Rtd=1";
        byte[] wrongPassword = GatewayFakes.frame(MN, "654321", "20240202000000001", "2011", 5, cp);
        byte[] unknownMn =
                GatewayFakes.frame(
                        "FFFF00000000000000000000", PW, "20240202000000002", "2011", 5, cp);
        try (Socket wrong = connect("127.0.0.1");
                Socket unknown = connect("127.0.0.1")) {
            wrong.getOutputStream().write(wrongPassword);
            unknown.getOutputStream().write(unknownMn);

            assertThat(silentFor(wrong, Duration.ofMillis(1500))).isTrue();
            assertThat(silentFor(unknown, Duration.ofMillis(300))).isTrue();

            List<DeadLetter> letters =
                    deadLetters(
                            fromPort(wrong.getLocalPort()).or(fromPort(unknown.getLocalPort())), 2);
            assertThat(letters).hasSize(2);
            for (DeadLetter letter : letters) {
                assertThat(letter.reason()).startsWith("device authentication failed");
                assertThat(new String(letter.raw(), StandardCharsets.UTF_8))
                        .contains("PW=******")
                        .doesNotContain("654321")
                        .doesNotContain(PW);
            }
        }
        // A later, valid frame proves the reports topic has caught up past the rejected ones.
        try (Socket device = connect("127.0.0.1")) {
            device.getOutputStream()
                    .write(GatewayFakes.realtime("20240202000000003", "20240202000000", 1));
            assertThat(readReplies(device, 1, Duration.ofSeconds(10))).hasSize(1);
        }
        List<Report> stored = reports(r -> r.qn() != null && r.qn().startsWith("20240202"), 1);
        assertThat(stored).extracting(Report::qn).containsExactly("20240202000000003");
    }

    @Test
    void aGarbageFloodAndThousandsOfSilentConnectionsDoNotHoldUpAnotherDevice() throws Exception {
        List<Socket> silent = new ArrayList<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService flood = Executors.newSingleThreadExecutor();
        try {
            // GIVEN 2,000 silent connections from eight addresses (below the per-address cap)
            for (int i = 0; i < 2_000; i++) {
                silent.add(connect("127.0.0." + (2 + i % 8)));
            }
            // AND a connection flooding garbage
            Future<Long> flooded =
                    flood.submit(
                            () -> {
                                long sent = 0;
                                Random random = new Random(212);
                                byte[] chunk = new byte[16 * 1024];
                                try (Socket garbage = connect("127.0.0.10")) {
                                    OutputStream out = garbage.getOutputStream();
                                    while (flooding.get()) {
                                        random.nextBytes(chunk);
                                        out.write(chunk);
                                        sent += chunk.length;
                                    }
                                }
                                return sent;
                            });
            awaitHealth(h -> openConnections(h) >= 2_001, Duration.ofSeconds(20));

            // WHEN another device uploads, one frame at a time
            try (Socket device = connect("127.0.0.1")) {
                for (int i = 0; i < 20; i++) {
                    device.getOutputStream()
                            .write(
                                    GatewayFakes.realtime(
                                            "2024030300" + String.format("%07d", i),
                                            "20240303" + String.format("%06d", i),
                                            i));
                    assertThat(readReplies(device, 1, Duration.ofSeconds(10))).hasSize(1);
                }
            }
            // THEN every frame was answered while the flood went on (how fast is the
            // benchmarks' business, not a test's)
            assertThat(flooded.isDone()).as("the flood still running").isFalse();
            flooding.set(false);
            assertThat(flooded.get()).isGreaterThan(1_000_000L);
            assertThat(reports(r -> r.qn() != null && r.qn().startsWith("20240303"), 20))
                    .hasSize(20);
            String health = health();
            assertThat(health).contains("\"garbage\":").contains("\"deadLettersSuppressed\":");
        } finally {
            flooding.set(false);
            flood.shutdownNow();
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    @Test
    void theDeviceDirectoryFollowsEditsRetirementsAndTombstones() throws Exception {
        String topic = "it.sources";
        KAFKA.createTopics(TopicSpec.compacted(topic, 1));
        try (KafkaProducer<String, Source> producer = sourceProducer()) {
            producer.send(
                            new ProducerRecord<>(
                                    topic, "plant", source("plant", false, "MN-A", "MN-B")))
                    .get();
            try (KafkaDeviceDirectory directory =
                    new KafkaDeviceDirectory(KAFKA.bootstrapServers(), topic).start()) {
                // GIVEN the registry as it was at start
                directory.whenReady().toCompletableFuture().get(20, TimeUnit.SECONDS);
                assertThat(directory.find("MN-A")).isPresent();
                assertThat(directory.find("MN-B").orElseThrow().sourceId()).isEqualTo("plant");

                // WHEN a device is removed, then the source retired, then deleted
                producer.send(new ProducerRecord<>(topic, "plant", source("plant", false, "MN-A")));
                awaitTrue(() -> directory.find("MN-B").isEmpty());
                producer.send(new ProducerRecord<>(topic, "plant", source("plant", true, "MN-A")));
                awaitTrue(
                        () -> directory.find("MN-A").map(RegisteredDevice::retired).orElse(false));
                producer.send(new ProducerRecord<>(topic, "plant", null));
                awaitTrue(() -> directory.find("MN-A").isEmpty());
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }

    // ---- helpers ----

    private static void decodeRealTraffic() throws IOException {
        Path file =
                Files.isReadable(REAL_TRAFFIC)
                        ? REAL_TRAFFIC
                        : Path.of("../../shared/testdata/hj212/real-2016-08-24-00.h212");
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(Files.readAllBytes(file)));
        channel.finish();
        Hj212Parser parser = new Hj212Parser();
        for (Object out = channel.readInbound(); out != null; out = channel.readInbound()) {
            if (out instanceof Hj212Frame frame) {
                Hj212ParseResult parsed = parser.parse(frame);
                assertThat(parsed.isParsed()).isTrue();
                real.add(new Decoded(frame.raw(), parsed.message()));
            } else {
                broken.add(((DecodeFailure) out).raw());
            }
        }
        assertThat(real).hasSize(9_447);
        assertFalse(channel.finish());
    }

    /** What the gateway must publish per device: uploads in order, each identity once. */
    private static Map<String, List<String>> expectedDigests(Map<String, List<Decoded>> byDevice) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        byDevice.forEach(
                (mn, frames) -> {
                    for (Decoded frame : frames) {
                        Hj212Message message = frame.message();
                        if (Hj212Commands.of(message.cn()) != Hj212Commands.UPLOAD) {
                            continue;
                        }
                        String digest = Report.digest(frame.raw());
                        String identity =
                                message.qn() != null
                                        ? mn + "|" + message.qn()
                                        : message.field("DataTime") == null
                                                ? null
                                                : mn
                                                        + "|"
                                                        + message.cn()
                                                        + "|"
                                                        + message.field("DataTime")
                                                        + "|"
                                                        + digest;
                        if (identity == null || seen.add(identity)) {
                            expected.computeIfAbsent(mn, k -> new ArrayList<>()).add(digest);
                        }
                    }
                });
        return expected;
    }

    private static void register(Set<String> mns) {
        List<Source> sources =
                mns.parallelStream().map(mn -> source("src-" + mn, false, mn)).toList();
        try (KafkaProducer<String, Source> producer = sourceProducer()) {
            for (Source source : sources) {
                producer.send(Topics.SOURCES.record(source));
            }
            producer.flush();
        }
    }

    private static Source source(String sourceId, boolean retired, String... mns) {
        List<Device> devices = new ArrayList<>();
        for (String mn : mns) {
            devices.add(GatewayFakes.device(mn, PW));
        }
        return new Source(
                sourceId,
                "Plant " + sourceId,
                null,
                Source.Kind.WATER,
                new Place("Plant road 1", new GeoPoint(30.0, 120.0), null, null),
                null,
                null,
                devices,
                null,
                null,
                null,
                retired,
                1,
                Instant.now());
    }

    private static KafkaProducer<String, Source> sourceProducer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                Topics.SOURCES.valueSerde().serializer());
    }

    private static Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", ingest.hj212Port()), 5_000);
        return socket;
    }

    /** Reads {@code count} CRLF-terminated frames from the socket. */
    private static List<String> readReplies(Socket socket, int count, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        List<String> replies = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (replies.size() < count) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout(left);
            int b = in.read();
            if (b < 0) {
                break;
            }
            line.write(b);
            if (b == '\n') {
                replies.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
        return replies;
    }

    /** True when nothing arrives for the given time (and the connection stays open). */
    private static boolean silentFor(Socket socket, Duration time) throws IOException {
        socket.setSoTimeout((int) time.toMillis());
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private static String field(String frame, String key) {
        int start = frame.indexOf(key + "=") + key.length() + 1;
        int end = frame.indexOf(';', start);
        return frame.substring(start, end);
    }

    private static List<Report> reports(Predicate<Report> wanted, int count) {
        List<Report> found = new ArrayList<>();
        readTopic(
                Topics.REPORTS.name(),
                value -> {
                    Report report =
                            Topics.REPORTS
                                    .valueSerde()
                                    .deserializer()
                                    .deserialize(Topics.REPORTS.name(), value);
                    if (wanted.test(report)) {
                        found.add(report);
                    }
                    return found.size() >= count;
                });
        return found;
    }

    private static List<DeadLetter> deadLetters(Predicate<DeadLetter> wanted, int count) {
        List<DeadLetter> found = new ArrayList<>();
        readTopic(
                Topics.DEAD_LETTER.name(),
                value -> {
                    DeadLetter letter =
                            Topics.DEAD_LETTER
                                    .valueSerde()
                                    .deserializer()
                                    .deserialize(Topics.DEAD_LETTER.name(), value);
                    if (wanted.test(letter)) {
                        found.add(letter);
                    }
                    return found.size() >= count;
                });
        return found;
    }

    private static Predicate<DeadLetter> fromPort(int port) {
        return letter ->
                letter.remoteAddress() != null && letter.remoteAddress().endsWith(":" + port);
    }

    /**
     * Reads a topic from the beginning until {@code done} says so, or 30 s passed; then reads half
     * a second more so that extra records (duplicates) would show up.
     */
    private static void readTopic(String topic, Predicate<byte[]> done) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                "bootstrap.servers",
                                KAFKA.bootstrapServers(),
                                "auto.offset.reset",
                                "earliest",
                                "enable.auto.commit",
                                "false"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long stopAt = Long.MAX_VALUE;
            boolean finished = false;
            while (System.nanoTime() < Math.min(deadline, stopAt)) {
                for (ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    finished |= done.test(record.value());
                }
                if (finished && stopAt == Long.MAX_VALUE) {
                    stopAt = System.nanoTime() + Duration.ofMillis(500).toNanos();
                }
            }
        }
    }

    private static String health() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + ingest.httpPort()
                                                                + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static long openConnections(String health) {
        java.util.regex.Matcher open =
                java.util.regex.Pattern.compile("\"connectionsOpen\":(\\d+)").matcher(health);
        return open.find() ? Long.parseLong(open.group(1)) : -1;
    }

    private static void awaitHealth(Predicate<String> condition, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = health();
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never matched: " + last);
    }
}
