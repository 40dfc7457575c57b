package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

    private static final String REPORTS = "vigil.it-reports";
    private static final String SOURCES = "vigil.it-sources";
    private static final String GROUP = "it-group";

    @TempDir Path dataDir;

    @Test
    void keepsTopicsRecordsAndOffsetsAcrossRestart() throws Exception {
        String clusterId;
        TopicPartition sources = new TopicPartition(SOURCES, 0);

        // GIVEN a fresh broker with a plain and a compacted topic
        try (KafkaBroker broker = KafkaBroker.builder(dataDir).build().start()) {
            clusterId = broker.clusterId();
            List<TopicSpec> topics =
                    List.of(TopicSpec.of(REPORTS, 2), TopicSpec.compacted(SOURCES, 1));
            broker.createTopics(topics);
            broker.createTopics(topics); // idempotent

            assertThat(cleanupPolicies(broker))
                    .containsEntry(REPORTS, TopicConfig.CLEANUP_POLICY_DELETE)
                    .containsEntry(SOURCES, TopicConfig.CLEANUP_POLICY_COMPACT);

            // WHEN a record is produced and consumed by a group that commits its offset
            produce(broker, SOURCES, "source-1", "registered");
            try (KafkaConsumer<String, String> consumer = consumer(broker, GROUP)) {
                consumer.subscribe(List.of(SOURCES));
                assertThat(pollUntilFound(consumer))
                        .extracting(ConsumerRecord::value)
                        .isEqualTo("registered");
                consumer.commitSync();
            }
        }

        // THEN a broker restarted on the same directory keeps cluster id, topics, record and offset
        try (KafkaBroker broker = KafkaBroker.builder(dataDir).build().start()) {
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            assertThat(cleanupPolicies(broker))
                    .containsEntry(SOURCES, TopicConfig.CLEANUP_POLICY_COMPACT);
            try (KafkaConsumer<String, String> consumer = consumer(broker, null)) {
                consumer.assign(List.of(sources));
                consumer.seekToBeginning(List.of(sources));
                ConsumerRecord<String, String> record = pollUntilFound(consumer);
                assertThat(record.key()).isEqualTo("source-1");
                assertThat(record.value()).isEqualTo("registered");
            }
            try (Admin admin = admin(broker)) {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                assertThat(offsets.get(sources).offset()).isEqualTo(1L);
            }
        }
    }

    @Test
    void fixedPortInUseFailsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            KafkaBroker broker = KafkaBroker.builder(dataDir).brokerPort(port).build();

            assertThatThrownBy(broker::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("Kafka broker");
        }
    }

    private static Map<String, String> cleanupPolicies(KafkaBroker broker) throws Exception {
        try (Admin admin = admin(broker)) {
            assertThat(admin.listTopics().names().get()).contains(REPORTS, SOURCES);
            List<ConfigResource> resources = new ArrayList<>();
            for (String topic : Set.of(REPORTS, SOURCES)) {
                resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            }
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            Map<String, String> policies = new java.util.HashMap<>();
            configs.forEach(
                    (resource, config) ->
                            policies.put(
                                    resource.name(),
                                    config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));
            return policies;
        }
    }

    private static void produce(KafkaBroker broker, String topic, String key, String value)
            throws Exception {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker, String groupId) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(config);
    }

    private static ConsumerRecord<String, String> pollUntilFound(
            KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                return record;
            }
        }
        throw new AssertionError("no record within 30 s");
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
