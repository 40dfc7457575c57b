package dev.vigil.alerting;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.channel.CapChannel;
import dev.vigil.alerting.channel.GatewayChannel;
import dev.vigil.alerting.channel.WebhookChannel;
import dev.vigil.alerting.delivery.DeliveryLog;
import dev.vigil.alerting.delivery.DeliverySettings;
import dev.vigil.alerting.delivery.Dispatcher;
import dev.vigil.alerting.inbound.AgencyApi;
import dev.vigil.alerting.route.AgencyDirectory;
import dev.vigil.alerting.route.RegistrySources;
import dev.vigil.alerting.route.Router;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The alerting service put together: reads the source registry and restores pending deliveries from
 * Kafka, then consumes incident events into the {@link Dispatcher}, follows the registry, and
 * serves the agencies' API next to the health check.
 */
public final class Alerting implements AutoCloseable {
    private static final Duration REGISTRY_CATCH_UP = Duration.ofSeconds(60);

    private final Producer<String, byte[]> producer;
    private final RegistrySources sources;
    private final Thread sourcesThread;
    private final Dispatcher dispatcher;
    private final AlertingService service;
    // the agencies' API on a port of its own, or null when it shares the health check's server
    private final HttpServer inbound;

    public Alerting(AlertingConfig config, DeliverySettings settings, AgencyDirectory directory) {
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                config.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.CLIENT_ID_CONFIG,
                                "vigil-alerting"),
                        new StringSerializer(),
                        new ByteArraySerializer());
        this.sources =
                new RegistrySources(
                        new KafkaConsumer<>(
                                Map.of(
                                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        config.bootstrapServers(),
                                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                        false,
                                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                                        false,
                                        ConsumerConfig.CLIENT_ID_CONFIG,
                                        "vigil-alerting-sources"),
                                new StringDeserializer(),
                                new ByteArrayDeserializer()),
                        Topics.SOURCES.name());
        sources.catchUp(REGISTRY_CATCH_UP);
        this.sourcesThread = new Thread(sources, "alerting-sources");
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.httpTimeout()).build();
        this.dispatcher =
                new Dispatcher(
                        producer,
                        new Router(directory, sources, settings.zone()),
                        List.of(
                                new WebhookChannel(http, settings.httpTimeout(), clock),
                                new CapChannel(
                                        http,
                                        settings.httpTimeout(),
                                        clock,
                                        settings.capSender(),
                                        settings.capRadiusKm()),
                                new GatewayChannel(
                                        Delivery.Channel.SMS, http, settings.httpTimeout()),
                                new GatewayChannel(
                                        Delivery.Channel.EMAIL, http, settings.httpTimeout())),
                        settings,
                        clock,
                        new Random());
        AgencyApi api =
                new AgencyApi(settings.inboundPath(), directory, dispatcher, producer, clock);
        this.service = new AlertingService(config, Topics.INCIDENTS.name(), this::handle);
        if (settings.inboundPort() == null) {
            service.route(settings.inboundPath(), api);
            this.inbound = null;
        } else {
            this.inbound = bind(config.healthBindAddress(), settings.inboundPort());
            inbound.createContext(settings.inboundPath(), api);
        }
        try (KafkaConsumer<String, byte[]> reader =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                config.bootstrapServers(),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                ConsumerConfig.CLIENT_ID_CONFIG,
                                "vigil-alerting-restore"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            DeliveryLog.restore(
                    reader, Topics.DELIVERIES.name(), Topics.INCIDENTS.name(), dispatcher);
        }
    }

    /** An undecodable incident event is dead-lettered (then committed), never skipped silently. */
    private void handle(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record)
            throws Exception {
        IncidentEvent event;
        try {
            event = Json.fromBytes(record.value(), IncidentEvent.class);
        } catch (RuntimeException e) {
            DeadLetter letter =
                    new DeadLetter(
                            "alerting",
                            "unreadable incident event: " + e.getMessage(),
                            null,
                            record.value() == null ? new byte[0] : record.value(),
                            null,
                            java.time.Instant.now(),
                            Map.of(
                                    "topic", record.topic(),
                                    "partition", Integer.toString(record.partition()),
                                    "offset", Long.toString(record.offset())));
            producer.send(
                            new ProducerRecord<>(
                                    Topics.DEAD_LETTER.name(), "alerting", Json.toBytes(letter)))
                    .get(30, TimeUnit.SECONDS);
            return;
        }
        if (event != null) {
            dispatcher.handle(event);
        }
    }

    public Alerting start() {
        sourcesThread.start();
        dispatcher.start();
        service.start();
        if (inbound != null) {
            inbound.start();
        }
        return this;
    }

    /** The bound port of the health check (and of the agencies' API unless it has its own). */
    public int httpPort() {
        return service.healthPort();
    }

    /** The bound port of the agencies' API. */
    public int inboundPort() {
        return inbound == null ? service.healthPort() : inbound.getAddress().getPort();
    }

    private static HttpServer bind(String address, int port) {
        try {
            return HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "agencies' API port " + port + " cannot be bound: " + e.getMessage(), e);
        }
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() throws InterruptedException {
        if (inbound != null) {
            inbound.stop(0);
        }
        service.close();
        dispatcher.close();
        sources.stop();
        sourcesThread.join(10_000);
        producer.close(Duration.ofSeconds(5));
    }
}
