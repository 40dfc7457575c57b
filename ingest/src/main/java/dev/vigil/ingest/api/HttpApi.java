package dev.vigil.ingest.api;

import dev.vigil.events.integration.Integration.Scope;
import dev.vigil.ingest.auth.Authenticator;
import dev.vigil.ingest.auth.RateLimiter;
import dev.vigil.ingest.auth.RequestGate;
import dev.vigil.ingest.complaint.ComplaintEndpoint;
import dev.vigil.ingest.complaint.ComplaintParser;
import dev.vigil.ingest.complaint.ComplaintStatusEndpoint;
import dev.vigil.ingest.complaint.ComplaintStatuses;
import dev.vigil.ingest.complaint.ContactMasking;
import dev.vigil.ingest.http.HttpCounters;
import dev.vigil.ingest.http.HttpEndpoint;
import dev.vigil.ingest.http.HttpReply;
import dev.vigil.ingest.media.MediaEndpoint;
import dev.vigil.ingest.media.MediaStore;
import dev.vigil.ingest.publish.DeadLetters;
import dev.vigil.ingest.publish.KafkaRecordPublisher;
import dev.vigil.ingest.publish.RecentPublications;
import dev.vigil.ingest.publish.RecordPublisher;
import dev.vigil.ingest.publish.Rejections;
import dev.vigil.ingest.publish.SecretMasking;
import dev.vigil.ingest.registry.CameraDirectory;
import dev.vigil.ingest.registry.IntegrationDirectory;
import dev.vigil.ingest.video.FrigateFormat;
import dev.vigil.ingest.video.HikvisionFormat;
import dev.vigil.ingest.video.OnvifFormat;
import dev.vigil.ingest.video.VideoEndpoint;
import dev.vigil.ingest.video.VideoFormat;
import dev.vigil.ingest.video.VideoLossKeepAlive;
import dev.vigil.ingest.video.VideoNormalizer;
import dev.vigil.ingest.video.VigilJsonFormat;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's HTTP API for video events, complaints and stored pictures, wired from its parts: the
 * registries it follows, authentication and rate limits, the media store, the endpoints keyed
 * {@code "METHOD /path"} for {@code IngestHttpServer}, and the worker threads they run on.
 *
 * <ul>
 *   <li>{@code POST /api/video/hikvision}, {@code /api/video/frigate}, {@code /api/video/onvif},
 *       {@code /api/video/events} (Vigil JSON): scope VIDEO;
 *   <li>{@code POST /api/complaints}, {@code GET /api/complaints/{id}}: scope COMPLAINTS;
 *   <li>{@code GET /api/media/{sha256}}: scope MEDIA;
 *   <li>{@code GET /api/counters}: what the endpoints did, per origin and outcome (no secrets, no
 *       authentication, like {@code /health}).
 * </ul>
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** Dead-letter origins, the keys of {@code vigil.dead-letter}. */
    public static final String VIDEO_ORIGIN = "http:video";

    public static final String COMPLAINTS_ORIGIN = "http:complaints";
    public static final String MEDIA_ORIGIN = "http:media";

    /** Largest raw body kept in a dead letter (Kafka's default record limit is 1 MiB). */
    private static final int MAX_DEAD_LETTER_RAW = 256 * 1024;

    private final Map<String, HttpEndpoint> endpoints = new LinkedHashMap<>();
    private final HttpCounters counters = new HttpCounters();
    private final ThreadPoolExecutor work;
    private final DeadLetters deadLetters;
    private final AutoCloseable[] owned;

    private HttpApi(
            HttpApiConfig config,
            IntegrationDirectory integrations,
            CameraDirectory cameras,
            ComplaintStatuses statuses,
            RecordPublisher publisher,
            Clock clock,
            AutoCloseable... owned) {
        this.owned = owned;
        this.work = workers(config.workerThreads());
        this.deadLetters = new DeadLetters(publisher, clock, MAX_DEAD_LETTER_RAW);
        Authenticator auth = new Authenticator(integrations, clock, config.signatureWindow());
        RateLimiter failedAuth = new RateLimiter(config.failedAuthRate(), 10_000);
        RateLimiter reads = new RateLimiter(config.readRate(), 10_000);
        MediaStore media = new MediaStore(config.mediaDir(), config.maxPictureBytes());

        Rejections video = new Rejections(VIDEO_ORIGIN, deadLetters, counters, SecretMasking::mask);
        RequestGate videoGate =
                new RequestGate(
                        auth,
                        Scope.VIDEO,
                        new RateLimiter(config.videoRate(), 10_000),
                        failedAuth,
                        video);
        VideoLossKeepAlive keepAlive = new VideoLossKeepAlive();
        VideoNormalizer normalizer =
                new VideoNormalizer(cameras, media, keepAlive, config.maxPicturesPerRequest());
        RecentPublications recentEvents = new RecentPublications(config.recentIds());
        Map<String, VideoFormat> formats = new LinkedHashMap<>();
        formats.put(
                "hikvision",
                new HikvisionFormat(
                        config.deviceZone(),
                        config.maxPictureBytes(),
                        config.maxPicturesPerRequest() + 4));
        formats.put("frigate", new FrigateFormat());
        formats.put("onvif", new OnvifFormat());
        formats.put(
                "events", new VigilJsonFormat(config.deviceZone(), config.maxPicturesPerRequest()));
        formats.forEach(
                (path, format) ->
                        endpoints.put(
                                "POST /api/video/" + path,
                                new VideoEndpoint(
                                        format,
                                        videoGate,
                                        video,
                                        cameras,
                                        normalizer,
                                        keepAlive,
                                        recentEvents,
                                        publisher,
                                        clock,
                                        config.maxVideoBodyBytes())));

        Rejections complaints =
                new Rejections(COMPLAINTS_ORIGIN, deadLetters, counters, ContactMasking::mask);
        endpoints.put(
                "POST /api/complaints",
                new ComplaintEndpoint(
                        new ComplaintParser(
                                config.deviceZone(),
                                config.futureTolerance(),
                                config.maxPicturesPerRequest()),
                        new RequestGate(
                                auth,
                                Scope.COMPLAINTS,
                                new RateLimiter(config.complaintRate(), 10_000),
                                failedAuth,
                                complaints),
                        complaints,
                        media,
                        statuses,
                        new RecentPublications(config.recentIds()),
                        publisher,
                        clock,
                        config.maxComplaintBodyBytes()));
        endpoints.put(
                "GET /api/complaints/{id}",
                new ComplaintStatusEndpoint(
                        new RequestGate(auth, Scope.COMPLAINTS, reads, failedAuth, complaints),
                        complaints,
                        statuses));

        Rejections mediaReads =
                new Rejections(MEDIA_ORIGIN, deadLetters, counters, SecretMasking::mask);
        endpoints.put(
                "GET /api/media/{sha256}",
                new MediaEndpoint(
                        media,
                        new RequestGate(auth, Scope.MEDIA, reads, failedAuth, mediaReads),
                        mediaReads));
        endpoints.put(
                "GET /api/counters",
                call ->
                        CompletableFuture.completedFuture(
                                HttpReply.json(200, counters.snapshot())));
    }

    /**
     * The API on ingest's producer, following the registries on its Kafka cluster; waits up to
     * {@code registryWait} for them (requests get 503 until they are read).
     */
    public static HttpApi start(
            HttpApiConfig config,
            String bootstrapServers,
            Producer<String, byte[]> producer,
            Clock clock)
            throws InterruptedException {
        IntegrationDirectory integrations = IntegrationDirectory.following(bootstrapServers);
        CameraDirectory cameras = CameraDirectory.following(bootstrapServers);
        ComplaintStatuses statuses = ComplaintStatuses.following(bootstrapServers);
        if (!integrations.awaitReady(config.registryWait())
                || !cameras.awaitReady(config.registryWait())) {
            LOG.warn(
                    "The integration and source registries were not read within {}; video and"
                            + " complaint requests get 503 until they are",
                    config.registryWait());
        }
        try {
            return new HttpApi(
                    config,
                    integrations,
                    cameras,
                    statuses,
                    new KafkaRecordPublisher(producer),
                    clock,
                    integrations,
                    cameras,
                    statuses);
        } catch (RuntimeException e) {
            // e.g. an unwritable media folder: stop the registry threads before failing
            integrations.close();
            cameras.close();
            statuses.close();
            throw e;
        }
    }

    /** The API on given registries and publisher, for tests. */
    public static HttpApi of(
            HttpApiConfig config,
            IntegrationDirectory integrations,
            CameraDirectory cameras,
            ComplaintStatuses statuses,
            RecordPublisher publisher,
            Clock clock) {
        return new HttpApi(config, integrations, cameras, statuses, publisher, clock);
    }

    private static ThreadPoolExecutor workers(int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1024),
                r -> {
                    Thread t = new Thread(r, "ingest-http-work-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The endpoints, keyed {@code "METHOD /path"}. */
    public Map<String, HttpEndpoint> endpoints() {
        return Map.copyOf(endpoints);
    }

    /** The worker threads the endpoints must be called on. */
    public Executor executor() {
        return work;
    }

    /** What the endpoints did so far. */
    public HttpCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        work.shutdown();
        try {
            work.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", c, e);
            }
        }
    }
}
