package dev.vigil.ingest.hj212.gateway;

import dev.vigil.ingest.hj212.Hj212FrameDecoder;
import java.time.Duration;
import java.util.Objects;

/**
 * The HJ 212 gateway's settings, each with a default that suits a district of a few hundred data
 * loggers and scales to a province on one machine; invalid values fail at construction with a
 * message naming the setting.
 *
 * @param bindAddress address the TCP server listens on
 * @param port TCP port ({@code 0} picks a free one, for tests)
 * @param idleTimeout a connection that sends nothing for this long is closed. Default 5 min: ten
 *     times the usual 30 s real-time interval and 2.5 times the 120 s heartbeat seen in real
 *     traffic, so a live device is never cut off, while a dead 4G link (which TCP may not notice
 *     for hours) frees its socket within minutes. A device that only uploads every 10 minutes
 *     without heartbeats reconnects each time, which the protocol expects devices to do.
 * @param maxConnectionsPerAddress connections allowed from one remote IP; more are closed at once.
 *     Default 256: carrier-grade NAT puts many 4G data loggers of one province behind one public
 *     address, so the cap must be far above one, yet it keeps a single misbehaving host from taking
 *     all file descriptors.
 * @param maxDataLength longest data segment accepted (the standard's 1024; the frame is 12 bytes
 *     longer); checked from the header before anything is buffered
 * @param maxInFlightPerConnection Kafka sends awaiting their ack (and duplicates awaiting the
 *     original's ack) after which the connection stops being read until half of them completed
 * @param maxInFlightTotal records awaiting their ack across all connections after which every
 *     connection stops being read until half of them completed; keeps the producer's buffer (32
 *     MiB) from filling, so a send never blocks
 * @param futureTolerance a DataTime further ahead of the receive time is flagged {@code
 *     datatime-in-future}
 * @param pastTolerance a DataTime further behind the receive time is flagged {@code
 *     datatime-far-past}
 * @param duplicateWindow how many recent frame identities (MN + QN, or MN + CN + DataTime + frame
 *     digest) are remembered to publish resends once
 * @param splitTimeout an incomplete set of split packets is dropped (counted) this long after its
 *     first part arrived; its parts are already in Kafka
 * @param maxSplitParts parts of incomplete split sets held in memory across all devices; the oldest
 *     set is dropped (counted) when more arrive
 * @param deadLettersPerMinute dead letters one connection may produce per minute; the rest are
 *     counted and logged once
 * @param garbageChunkBytes consecutive garbage from one connection is dead-lettered in chunks of up
 *     to this many bytes
 * @param maxFailedLoginsPerConnection failed password checks (unknown MN or wrong PW) after which
 *     the connection is closed, which bounds the hashing work one connection can cause
 * @param authThreads threads that check passwords (PBKDF2, a few ms each) off the event loops
 * @param workerThreads Netty event loop threads; {@code 0} for Netty's default (2 × cores)
 */
public record Hj212GatewayConfig(
        String bindAddress,
        int port,
        Duration idleTimeout,
        int maxConnectionsPerAddress,
        int maxDataLength,
        int maxInFlightPerConnection,
        int maxInFlightTotal,
        Duration futureTolerance,
        Duration pastTolerance,
        int duplicateWindow,
        Duration splitTimeout,
        int maxSplitParts,
        int deadLettersPerMinute,
        int garbageChunkBytes,
        int maxFailedLoginsPerConnection,
        int authThreads,
        int workerThreads) {

    public Hj212GatewayConfig {
        Objects.requireNonNull(bindAddress, "bindAddress is required");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: must be 0..65535, was " + port);
        }
        positive("idleTimeout", idleTimeout);
        atLeast("maxConnectionsPerAddress", maxConnectionsPerAddress, 1);
        if (maxDataLength < 64 || maxDataLength > 9_999) {
            throw new IllegalArgumentException(
                    "maxDataLength: must be 64..9999, was " + maxDataLength);
        }
        atLeast("maxInFlightPerConnection", maxInFlightPerConnection, 1);
        atLeast("maxInFlightTotal", maxInFlightTotal, 1);
        positive("futureTolerance", futureTolerance);
        positive("pastTolerance", pastTolerance);
        atLeast("duplicateWindow", duplicateWindow, 16);
        positive("splitTimeout", splitTimeout);
        atLeast("maxSplitParts", maxSplitParts, 2);
        atLeast("deadLettersPerMinute", deadLettersPerMinute, 1);
        atLeast("garbageChunkBytes", garbageChunkBytes, 64);
        atLeast("maxFailedLoginsPerConnection", maxFailedLoginsPerConnection, 1);
        atLeast("authThreads", authThreads, 1);
        atLeast("workerThreads", workerThreads, 0);
    }

    /** The defaults, listening on {@code 0.0.0.0:9212}. */
    public static Hj212GatewayConfig defaults() {
        return new Builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The same settings listening on another address and port. */
    public Hj212GatewayConfig withListen(String bindAddress, int port) {
        return toBuilder().bindAddress(bindAddress).port(port).build();
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name + " is required");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, was " + value);
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    name + ": must be at least " + min + ", was " + value);
        }
    }

    /** Builds a configuration from the defaults, changing only what is set. */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int port = 9212;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private int maxConnectionsPerAddress = 256;
        private int maxDataLength = Hj212FrameDecoder.DEFAULT_MAX_DATA_LENGTH;
        private int maxInFlightPerConnection = 64;
        private int maxInFlightTotal = 8_192;
        private Duration futureTolerance = Duration.ofMinutes(10);
        private Duration pastTolerance = Duration.ofDays(30);
        private int duplicateWindow = 100_000;
        private Duration splitTimeout = Duration.ofMinutes(10);
        private int maxSplitParts = 10_000;
        private int deadLettersPerMinute = 60;
        private int garbageChunkBytes = 4_096;
        private int maxFailedLoginsPerConnection = 10;
        private int authThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        private int workerThreads = 0;

        private Builder() {}

        private Builder(Hj212GatewayConfig c) {
            bindAddress = c.bindAddress;
            port = c.port;
            idleTimeout = c.idleTimeout;
            maxConnectionsPerAddress = c.maxConnectionsPerAddress;
            maxDataLength = c.maxDataLength;
            maxInFlightPerConnection = c.maxInFlightPerConnection;
            maxInFlightTotal = c.maxInFlightTotal;
            futureTolerance = c.futureTolerance;
            pastTolerance = c.pastTolerance;
            duplicateWindow = c.duplicateWindow;
            splitTimeout = c.splitTimeout;
            maxSplitParts = c.maxSplitParts;
            deadLettersPerMinute = c.deadLettersPerMinute;
            garbageChunkBytes = c.garbageChunkBytes;
            maxFailedLoginsPerConnection = c.maxFailedLoginsPerConnection;
            authThreads = c.authThreads;
            workerThreads = c.workerThreads;
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        public Builder maxDataLength(int value) {
            maxDataLength = value;
            return this;
        }

        public Builder maxInFlightPerConnection(int value) {
            maxInFlightPerConnection = value;
            return this;
        }

        public Builder maxInFlightTotal(int value) {
            maxInFlightTotal = value;
            return this;
        }

        public Builder futureTolerance(Duration value) {
            futureTolerance = value;
            return this;
        }

        public Builder pastTolerance(Duration value) {
            pastTolerance = value;
            return this;
        }

        public Builder duplicateWindow(int value) {
            duplicateWindow = value;
            return this;
        }

        public Builder splitTimeout(Duration value) {
            splitTimeout = value;
            return this;
        }

        public Builder maxSplitParts(int value) {
            maxSplitParts = value;
            return this;
        }

        public Builder deadLettersPerMinute(int value) {
            deadLettersPerMinute = value;
            return this;
        }

        public Builder garbageChunkBytes(int value) {
            garbageChunkBytes = value;
            return this;
        }

        public Builder maxFailedLoginsPerConnection(int value) {
            maxFailedLoginsPerConnection = value;
            return this;
        }

        public Builder authThreads(int value) {
            authThreads = value;
            return this;
        }

        public Builder workerThreads(int value) {
            workerThreads = value;
            return this;
        }

        public Hj212GatewayConfig build() {
            return new Hj212GatewayConfig(
                    bindAddress,
                    port,
                    idleTimeout,
                    maxConnectionsPerAddress,
                    maxDataLength,
                    maxInFlightPerConnection,
                    maxInFlightTotal,
                    futureTolerance,
                    pastTolerance,
                    duplicateWindow,
                    splitTimeout,
                    maxSplitParts,
                    deadLettersPerMinute,
                    garbageChunkBytes,
                    maxFailedLoginsPerConnection,
                    authThreads,
                    workerThreads);
        }
    }
}
