package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.Topics;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Source;
import dev.vigil.ingest.registry.CompactedTopicView;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device directory read from the compacted {@code vigil.sources} topic through a {@link
 * CompactedTopicView}: every partition from the beginning (no consumer group, nothing committed),
 * ready once it reached the end offsets it saw at start, then following edits and tombstones.
 *
 * <p>A source's new entry replaces all of its devices (a device removed from the source
 * disappears); a tombstone removes them all; a retired source keeps its devices in the directory,
 * marked retired, so the gateway can say why it rejects them. If two sources claim one MN, the
 * later entry wins and a warning is logged.
 */
public final class KafkaDeviceDirectory implements DeviceDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeviceDirectory.class);

    private final Map<String, RegisteredDevice> byMn = new ConcurrentHashMap<>();

    /** Raised after each change of {@link #byMn}, never before: see {@link #version()}. */
    private final AtomicLong version = new AtomicLong();

    private final CompactedTopicView<Source> sources;

    /** A directory following the sources on {@code topic} of the given Kafka cluster. */
    public KafkaDeviceDirectory(String bootstrapServers, String topic) {
        this.sources =
                new CompactedTopicView<>(
                        bootstrapServers,
                        topic,
                        bytes ->
                                Topics.SOURCES
                                        .valueSerde()
                                        .deserializer()
                                        .deserialize(topic, bytes),
                        this::changed);
    }

    /** A directory reading {@code vigil.sources} from the given Kafka cluster. */
    public static KafkaDeviceDirectory forCluster(String bootstrapServers) {
        return new KafkaDeviceDirectory(bootstrapServers, Topics.SOURCES.name());
    }

    /** Starts reading in a thread of its own; returns at once. */
    public KafkaDeviceDirectory start() {
        sources.start();
        return this;
    }

    @Override
    public Optional<RegisteredDevice> find(String mn) {
        return Optional.ofNullable(byMn.get(mn));
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public CompletionStage<Void> whenReady() {
        return sources.whenCaughtUp();
    }

    /** Whether the registry as it was at start has been read. */
    public boolean isReady() {
        return sources.caughtUp();
    }

    /** How many MNs are known, retired ones included. */
    public int size() {
        return byMn.size();
    }

    /** Applies one source's change; runs on the view's polling thread, in topic order per key. */
    private void changed(String sourceId, Source previous, Source current) {
        Set<String> kept =
                current == null
                        ? Set.of()
                        : current.devices().stream().map(Device::mn).collect(Collectors.toSet());
        if (current != null) {
            for (Device device : current.devices()) {
                RegisteredDevice replaced =
                        byMn.put(
                                device.mn(),
                                new RegisteredDevice(sourceId, device, current.retired()));
                if (replaced != null && !replaced.sourceId().equals(sourceId)) {
                    LOG.warn(
                            "MN {} is registered by sources {} and {}; the later, {}, wins",
                            device.mn(),
                            replaced.sourceId(),
                            sourceId,
                            sourceId);
                }
            }
        }
        if (previous != null) {
            for (Device device : previous.devices()) {
                if (!kept.contains(device.mn())) {
                    byMn.computeIfPresent(
                            device.mn(),
                            (mn, entry) -> entry.sourceId().equals(sourceId) ? null : entry);
                }
            }
        }
        version.incrementAndGet(); // after the map changed: a reader never pairs a new number
        // with an old entry
    }

    @Override
    public void close() {
        sources.close();
    }
}
