package dev.vigil.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Kafka broker in KRaft combined mode (broker and controller, node 1) whose data
 * survives restarts on the same directory; used by the laptop launcher and by integration tests.
 */
public final class KafkaBroker implements AutoCloseable {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String META_PROPERTIES = "meta.properties";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int requestedBrokerPort;
    private final int requestedControllerPort;
    private final Map<String, String> overrides;

    private KafkaRaftServer server;
    private int brokerPort;
    private int controllerPort;
    private String clusterId;

    private KafkaBroker(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.requestedBrokerPort = builder.brokerPort;
        this.requestedControllerPort = builder.controllerPort;
        this.overrides = Map.copyOf(builder.overrides);
    }

    /** Starts a builder for a broker storing its log under {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * Formats the data directory if it has never been formatted, then starts the broker and waits
     * until it accepts clients.
     *
     * @throws PortInUseException if a fixed port is taken
     */
    public synchronized KafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException(
                    "Kafka broker already started at " + bootstrapServers());
        }
        long startNanos = System.nanoTime();
        brokerPort = LoopbackPorts.resolve(requestedBrokerPort, "Kafka broker");
        controllerPort = LoopbackPorts.resolve(requestedControllerPort, "Kafka controller");
        while (controllerPort == brokerPort) {
            controllerPort = LoopbackPorts.freePort();
        }
        createDirectories(dataDir);
        KafkaConfig config =
                new KafkaConfig(
                        serverProperties(dataDir, brokerPort, controllerPort, overrides), false);
        clusterId = formatIfNeeded(config);

        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            // The controller may be up while the broker failed: stop both before reporting.
            stopQuietly(starting);
            throw new IllegalStateException(
                    "Kafka broker failed to start on ports "
                            + brokerPort
                            + " (broker) and "
                            + controllerPort
                            + " (controller) with data in "
                            + dataDir
                            + ": "
                            + e.getMessage(),
                    e);
        }
        server = starting;
        LOG.info(
                "Kafka broker started in {} ms at {} (controller port {}, cluster id {}, data in {})",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                bootstrapServers(),
                controllerPort,
                clusterId,
                dataDir);
        return this;
    }

    /** The address clients connect to, for example {@code 127.0.0.1:9092}. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return LoopbackPorts.HOST + ":" + brokerPort;
    }

    /** The port of the broker (PLAINTEXT) listener. */
    public synchronized int brokerPort() {
        requireStarted();
        return brokerPort;
    }

    /** The port of the KRaft controller listener. */
    public synchronized int controllerPort() {
        requireStarted();
        return controllerPort;
    }

    /** The cluster id stored in the data directory; the same across restarts. */
    public synchronized String clusterId() {
        requireStarted();
        return clusterId;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topics that do not exist yet, with replication factor 1; existing topics are left
     * as they are.
     */
    public void createTopics(Collection<TopicSpec> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Map<String, NewTopic> requests = new LinkedHashMap<>();
        for (TopicSpec topic : topics) {
            NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), (short) 1);
            Map<String, String> configs = new LinkedHashMap<>(topic.configs());
            if (topic.compacted()) {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            newTopic.configs(configs);
            requests.put(topic.name(), newTopic);
        }
        try (Admin admin = Admin.create(adminConfig())) {
            CreateTopicsResult result = admin.createTopics(requests.values());
            for (var entry : result.values().entrySet()) {
                awaitTopic(entry.getKey(), entry.getValue());
            }
            awaitMetadata(admin, requests.keySet());
            applyConfigs(admin, requests.values());
        }
        LOG.info("Kafka topics ready: {}", requests.keySet());
    }

    /** Stops the broker cleanly and waits until it has stopped; does nothing if not running. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        long startNanos = System.nanoTime();
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        LOG.info(
                "Kafka broker on port {} stopped in {} ms",
                brokerPort,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** The broker's server properties; package-private so a unit test can check every key. */
    static Properties serverProperties(
            Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        String host = LoopbackPorts.HOST;
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put(
                "listeners",
                BROKER_LISTENER
                        + "://"
                        + host
                        + ":"
                        + brokerPort
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + host
                        + ":"
                        + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        props.put(
                "listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("log.dirs", dataDir.toString());
        props.put("metadata.log.dir", dataDir.toString());

        // One broker: every internal topic must live with a single replica.
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "10");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "10");

        // Topics are part of the contract: they are created on purpose, never by a typo.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");

        // Laptop-sized: small segments, a small cleaner buffer, few threads.
        props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("background.threads", "4");
        props.put("broker.heartbeat.interval.ms", "500");

        props.putAll(overrides);
        return props;
    }

    /** Formats the data directory unless meta.properties exists; returns the cluster id. */
    private String formatIfNeeded(KafkaConfig config) {
        Path meta = dataDir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            Properties stored = readProperties(meta);
            String storedNode = stored.getProperty("node.id");
            if (!String.valueOf(NODE_ID).equals(storedNode)) {
                throw new IllegalStateException(
                        dataDir
                                + " was formatted for Kafka node "
                                + storedNode
                                + ", not node "
                                + NODE_ID
                                + ": use another data directory");
            }
            return stored.getProperty("cluster.id");
        }
        String newClusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(newClusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(dataDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
        LOG.info("Formatted Kafka storage in {} with cluster id {}", dataDir, newClusterId);
        LOG.debug(
                "Kafka storage formatter said: {}", output.toString(StandardCharsets.UTF_8).trim());
        return newClusterId;
    }

    private Map<String, Object> adminConfig() {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) ADMIN_TIMEOUT.toMillis());
    }

    /**
     * Sets each topic's configs again, so a topic created by an earlier version (in a data folder
     * kept across upgrades) gets them too; setting a value it already has changes nothing.
     */
    private static void applyConfigs(Admin admin, Collection<NewTopic> topics) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        for (NewTopic topic : topics) {
            if (!topic.configs().isEmpty()) {
                changes.put(
                        new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
                        topic.configs().entrySet().stream()
                                .map(
                                        e ->
                                                new AlterConfigOp(
                                                        new ConfigEntry(e.getKey(), e.getValue()),
                                                        AlterConfigOp.OpType.SET))
                                .toList());
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        try {
            admin.incrementalAlterConfigs(changes)
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot set the configs of Kafka topics " + changes.keySet() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring topics", e);
        }
    }

    /**
     * Waits until the broker's metadata lists every topic, so whoever asks next (a consumer, an
     * admin listing topics) sees them; creation is acknowledged by the controller first.
     */
    private static void awaitMetadata(Admin admin, Set<String> names) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                if (admin.listTopics()
                        .names()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .containsAll(names)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Asked again below until the deadline.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Kafka topics " + names + " not in the metadata within " + ADMIN_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
        }
    }

    private static void awaitTopic(String name, KafkaFuture<Void> future) {
        try {
            future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create Kafka topic " + name + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka topic " + name + " not created within " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topic " + name, e);
        }
    }

    private static void stopQuietly(KafkaRaftServer starting) {
        try {
            starting.shutdown();
            starting.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not stop cleanly after a failed start", e);
        }
    }

    private static Properties readProperties(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return props;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("Kafka broker in " + dataDir + " is not running");
        }
    }

    /** Configures a {@link KafkaBroker}. */
    public static final class Builder {
        private final Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /** The client (PLAINTEXT) port; 0, the default, picks a free port. */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /** The KRaft controller port; 0, the default, picks a free port. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Overrides or adds one broker setting, for example {@code log.retention.hours}. */
        public Builder config(String key, String value) {
            overrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** Builds the broker; call {@link KafkaBroker#start()} to run it. */
        public KafkaBroker build() {
            return new KafkaBroker(this);
        }
    }
}
