package dev.vigil.ingest.registry;

import dev.vigil.events.Topics;
import dev.vigil.events.source.Camera;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which source each registered camera watches, followed from the compacted {@code vigil.sources}
 * topic, so video events are linked to their source as they arrive. Cameras of retired sources are
 * not linked; when two sources claim one camera id, the later entry wins.
 */
public final class CameraDirectory implements AutoCloseable {

    /** A registered camera and the source it watches. */
    public record CameraLink(String sourceId, Camera camera) {}

    /** The camera id an event is published under, and its source when it is registered. */
    public record Resolution(String cameraId, String sourceId) {}

    private final Map<String, CameraLink> cameras = new ConcurrentHashMap<>();
    private final CompactedTopicView<Source> view;

    private CameraDirectory(String bootstrapServers) {
        this.view =
                bootstrapServers == null
                        ? null
                        : CompactedTopicView.of(bootstrapServers, Topics.SOURCES, this::changed);
    }

    /** A directory that follows {@code vigil.sources} on this Kafka cluster. */
    public static CameraDirectory following(String bootstrapServers) {
        CameraDirectory directory = new CameraDirectory(bootstrapServers);
        directory.view.start();
        return directory;
    }

    /** A fixed directory, ready at once, for tests and tools. */
    public static CameraDirectory of(Collection<Source> sources) {
        CameraDirectory directory = new CameraDirectory(null);
        sources.forEach(s -> directory.changed(s.sourceId(), null, s));
        return directory;
    }

    /** Whether the registry has been read up to where it was at start-up. */
    public boolean ready() {
        return view == null || view.caughtUp();
    }

    /** Waits until {@link #ready()}; false when the time ran out first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return view == null || view.awaitCaughtUp(timeout);
    }

    /** The registered camera with this id. */
    public Optional<CameraLink> find(String cameraId) {
        return Optional.ofNullable(cameras.get(cameraId));
    }

    /**
     * The first of the candidate ids (most specific first) that is registered, with its source;
     * when none is, the first candidate without a source.
     */
    public Resolution resolve(List<String> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates: at least one camera id is needed");
        }
        for (String id : candidates) {
            CameraLink link = cameras.get(id);
            if (link != null) {
                return new Resolution(id, link.sourceId());
            }
        }
        return new Resolution(candidates.get(0), null);
    }

    void changed(String sourceId, Source previous, Source current) {
        if (previous != null) {
            for (Camera camera : previous.cameras()) {
                cameras.computeIfPresent(
                        camera.cameraId(),
                        (id, link) -> link.sourceId().equals(sourceId) ? null : link);
            }
        }
        if (current != null && !current.retired()) {
            for (Camera camera : current.cameras()) {
                cameras.put(camera.cameraId(), new CameraLink(sourceId, camera));
            }
        }
    }

    @Override
    public void close() {
        if (view != null) {
            view.close();
        }
    }
}
