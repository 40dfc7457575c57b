package dev.vigil.ingest.api;

import dev.vigil.ingest.auth.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The settings of ingest's HTTP API (video events, complaints, media), each with a default that
 * suits a district; {@link #defaults()} is what the launcher gets until {@code vigil.yaml} has keys
 * for them.
 *
 * @param mediaDir where pictures are stored (the launcher passes {@code <data-dir>/media})
 * @param maxVideoBodyBytes largest video event request, pictures included
 * @param maxComplaintBodyBytes largest complaint request, Base64 photos included
 * @param maxPictureBytes largest single picture (multipart part or decoded Base64)
 * @param maxPicturesPerRequest most pictures in one request
 * @param signatureWindow how far {@code X-Vigil-Timestamp} may be from the server's clock
 * @param videoRate per-integration rate of video pushes
 * @param complaintRate per-integration rate of complaint submissions
 * @param readRate per-integration rate of status and media reads
 * @param failedAuthRate per-remote-address rate of requests that fail authentication
 * @param recentIds how many recent event and complaint ids are remembered to publish each once
 * @param workerThreads threads that parse, store pictures and publish (never the event loop)
 * @param registryWait how long start-up waits for the integration and source registries
 * @param deviceZone zone of device timestamps without an offset (China Standard Time)
 * @param futureTolerance how far ahead of the server's clock a complaint's time may be
 */
public record HttpApiConfig(
        Path mediaDir,
        long maxVideoBodyBytes,
        long maxComplaintBodyBytes,
        long maxPictureBytes,
        int maxPicturesPerRequest,
        Duration signatureWindow,
        RateLimit videoRate,
        RateLimit complaintRate,
        RateLimit readRate,
        RateLimit failedAuthRate,
        int recentIds,
        int workerThreads,
        Duration registryWait,
        ZoneId deviceZone,
        Duration futureTolerance) {

    private static final long MIB = 1024 * 1024;

    public HttpApiConfig {
        Objects.requireNonNull(mediaDir, "mediaDir");
        positive(maxVideoBodyBytes, "maxVideoBodyBytes");
        positive(maxComplaintBodyBytes, "maxComplaintBodyBytes");
        positive(maxPictureBytes, "maxPictureBytes");
        positive(maxPicturesPerRequest, "maxPicturesPerRequest");
        positive(recentIds, "recentIds");
        positive(workerThreads, "workerThreads");
        Objects.requireNonNull(signatureWindow, "signatureWindow");
        Objects.requireNonNull(videoRate, "videoRate");
        Objects.requireNonNull(complaintRate, "complaintRate");
        Objects.requireNonNull(readRate, "readRate");
        Objects.requireNonNull(failedAuthRate, "failedAuthRate");
        Objects.requireNonNull(registryWait, "registryWait");
        Objects.requireNonNull(deviceZone, "deviceZone");
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (maxVideoBodyBytes > Integer.MAX_VALUE || maxComplaintBodyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("body limits: must be below 2 GiB");
        }
    }

    private static void positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": must be positive, was " + value);
        }
    }

    /** The defaults, with pictures under {@code ./data/media}. */
    public static HttpApiConfig defaults() {
        return new HttpApiConfig(
                Path.of("data", "media"),
                16 * MIB,
                8 * MIB,
                4 * MIB,
                8,
                Duration.ofMinutes(5),
                new RateLimit(20, 100),
                new RateLimit(2, 20),
                new RateLimit(20, 100),
                new RateLimit(1, 10),
                100_000,
                4,
                Duration.ofSeconds(10),
                ZoneId.of("Asia/Shanghai"),
                Duration.ofMinutes(10));
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a configuration, for the launcher and tests. */
    public static final class Builder {
        private Path mediaDir;
        private long maxVideoBodyBytes;
        private long maxComplaintBodyBytes;
        private long maxPictureBytes;
        private int maxPicturesPerRequest;
        private Duration signatureWindow;
        private RateLimit videoRate;
        private RateLimit complaintRate;
        private RateLimit readRate;
        private RateLimit failedAuthRate;
        private int recentIds;
        private int workerThreads;
        private Duration registryWait;
        private ZoneId deviceZone;
        private Duration futureTolerance;

        private Builder(HttpApiConfig c) {
            mediaDir = c.mediaDir;
            maxVideoBodyBytes = c.maxVideoBodyBytes;
            maxComplaintBodyBytes = c.maxComplaintBodyBytes;
            maxPictureBytes = c.maxPictureBytes;
            maxPicturesPerRequest = c.maxPicturesPerRequest;
            signatureWindow = c.signatureWindow;
            videoRate = c.videoRate;
            complaintRate = c.complaintRate;
            readRate = c.readRate;
            failedAuthRate = c.failedAuthRate;
            recentIds = c.recentIds;
            workerThreads = c.workerThreads;
            registryWait = c.registryWait;
            deviceZone = c.deviceZone;
            futureTolerance = c.futureTolerance;
        }

        public Builder mediaDir(Path value) {
            mediaDir = value;
            return this;
        }

        public Builder maxVideoBodyBytes(long value) {
            maxVideoBodyBytes = value;
            return this;
        }

        public Builder maxComplaintBodyBytes(long value) {
            maxComplaintBodyBytes = value;
            return this;
        }

        public Builder maxPictureBytes(long value) {
            maxPictureBytes = value;
            return this;
        }

        public Builder maxPicturesPerRequest(int value) {
            maxPicturesPerRequest = value;
            return this;
        }

        public Builder signatureWindow(Duration value) {
            signatureWindow = value;
            return this;
        }

        public Builder videoRate(RateLimit value) {
            videoRate = value;
            return this;
        }

        public Builder complaintRate(RateLimit value) {
            complaintRate = value;
            return this;
        }

        public Builder readRate(RateLimit value) {
            readRate = value;
            return this;
        }

        public Builder failedAuthRate(RateLimit value) {
            failedAuthRate = value;
            return this;
        }

        public Builder recentIds(int value) {
            recentIds = value;
            return this;
        }

        public Builder workerThreads(int value) {
            workerThreads = value;
            return this;
        }

        public Builder registryWait(Duration value) {
            registryWait = value;
            return this;
        }

        public Builder deviceZone(ZoneId value) {
            deviceZone = value;
            return this;
        }

        public Builder futureTolerance(Duration value) {
            futureTolerance = value;
            return this;
        }

        public HttpApiConfig build() {
            return new HttpApiConfig(
                    mediaDir,
                    maxVideoBodyBytes,
                    maxComplaintBodyBytes,
                    maxPictureBytes,
                    maxPicturesPerRequest,
                    signatureWindow,
                    videoRate,
                    complaintRate,
                    readRate,
                    failedAuthRate,
                    recentIds,
                    workerThreads,
                    registryWait,
                    deviceZone,
                    futureTolerance);
        }
    }
}
