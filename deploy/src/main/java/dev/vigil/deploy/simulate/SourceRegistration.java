package dev.vigil.deploy.simulate;

import dev.vigil.events.DataKind;
import dev.vigil.events.Topics;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Registers a scenario's sources in the source registry ({@code vigil.sources}): outlets, loggers
 * with their password hashes and reporting intervals, place and permit limits, so that the gateway
 * accepts the simulated loggers.
 */
public final class SourceRegistration {

    private SourceRegistration() {}

    /**
     * The registry entries of a scenario's sources, as of {@code now}; hashing the passwords takes
     * a few milliseconds per logger and runs on every core.
     */
    public static List<Source> entries(Scenario scenario, Instant now) {
        List<String> groups = List.of("simulated", scenario.name());
        return scenario.sources().parallelStream()
                .map(source -> entry(source, groups, now))
                .toList();
    }

    static Source entry(ScenarioSource source, List<String> groups, Instant now) {
        List<Outlet> outlets = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        List<PermitLimit> limits = new ArrayList<>();
        for (DeviceSpec spec : source.devices()) {
            outlets.add(new Outlet(spec.outletId(), spec.outletName(), spec.outletKind()));
            devices.add(
                    new Device(
                            spec.mn(),
                            spec.outletId(),
                            spec.protocol(),
                            Device.hashPassword(spec.mn(), spec.password()),
                            spec.realtimeInterval(),
                            spec.minuteInterval()));
            for (PollutantSpec pollutant : spec.pollutants()) {
                if (pollutant.limit() != null) {
                    limits.add(
                            new PermitLimit(
                                    spec.outletId(),
                                    pollutant.code(),
                                    pollutant.limit(),
                                    pollutant.unit(),
                                    DataKind.HOURLY));
                }
            }
        }
        Source entry =
                new Source(
                        source.id(),
                        source.name(),
                        source.enterprise(),
                        source.kind(),
                        source.place(),
                        groups,
                        outlets,
                        devices,
                        List.of(),
                        limits,
                        List.of(),
                        false,
                        now.toEpochMilli(),
                        now);
        List<String> problems = entry.validate();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "source " + source.id() + " is not a valid registry entry: " + problems);
        }
        return entry;
    }

    /**
     * Registers a scenario's sources: checks that Kafka answers, then hashes the passwords and
     * publishes the entries (so that an unreachable Kafka costs no hashing); returns how many.
     */
    public static int register(
            Scenario scenario, Instant now, String bootstrapServers, Duration timeout) {
        return publish(() -> entries(scenario, now), bootstrapServers, timeout);
    }

    /**
     * Publishes the entries to {@code vigil.sources} and waits for Kafka to acknowledge all of
     * them; the exception names the Kafka address when it does not answer within {@code timeout}.
     */
    public static void publish(List<Source> entries, String bootstrapServers, Duration timeout) {
        publish(() -> entries, bootstrapServers, timeout);
    }

    private static int publish(
            Supplier<List<Source>> entrySupplier, String bootstrapServers, Duration timeout) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) timeout.multipliedBy(2).toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-simulate");
        Producer<String, Source> producer =
                new KafkaProducer<>(
                        settings,
                        Topics.SOURCES.keySerde().serializer(),
                        Topics.SOURCES.valueSerde().serializer());
        boolean published = false;
        try {
            // One wait for the cluster up front: send() itself waits max.block.ms for every record.
            producer.partitionsFor(Topics.SOURCES.name());
            List<Source> entries = entrySupplier.get();
            List<Future<RecordMetadata>> sends = new ArrayList<>(entries.size());
            for (Source entry : entries) {
                sends.add(producer.send(Topics.SOURCES.record(entry)));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            published = true;
            return entries.size();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TimeoutException timedOut
                    ? notAnswering(bootstrapServers, timeout, timedOut)
                    : new RegistrationException(
                            "Kafka at "
                                    + bootstrapServers
                                    + " refused a registry entry: "
                                    + e.getCause(),
                            e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistrationException("interrupted while registering", e);
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            throw notAnswering(bootstrapServers, timeout, e);
        } finally {
            // Records still queued for an unreachable broker are abandoned, not waited for.
            producer.close(published ? Duration.ofSeconds(10) : Duration.ZERO);
        }
    }

    private static RegistrationException notAnswering(
            String bootstrapServers, Duration timeout, Exception cause) {
        return new RegistrationException(
                "Kafka at "
                        + bootstrapServers
                        + " did not answer within "
                        + DurationText.format(timeout)
                        + " ("
                        + cause.getMessage()
                        + ")",
                cause);
    }

    /** Registration failed; the message says where and why. */
    public static final class RegistrationException extends RuntimeException {
        RegistrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
