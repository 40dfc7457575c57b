package dev.vigil.ingest.hj212.gateway;

import dev.vigil.ingest.hj212.Hj212Parser;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What all connections of one HJ 212 server share: settings, the ports to Kafka and the registry,
 * the duplicate window, split-packet sets, the in-flight limit and the counters. Netty-free except
 * for the handlers it makes, so tests can drive it with fakes through an {@code EmbeddedChannel}.
 */
public final class Hj212Gateway {
    private final Hj212GatewayConfig config;
    private final GatewayMetrics metrics;
    private final Hj212Parser parser = new Hj212Parser();
    private final DeviceAuthenticator authenticator;
    private final Hj212Intake intake;
    private final SplitPacketAssembler splits;
    private final InFlightLimit inFlight;
    private final DeadLetterPublisher deadLetters;
    private final AddressConnectionLimit connectionLimit;
    private final Clock clock;

    /**
     * A gateway publishing through the given ports; {@code hashing} runs password checks (never an
     * event loop), {@code clock} gives receive times.
     */
    public Hj212Gateway(
            Hj212GatewayConfig config,
            ReportPublisher reports,
            DeadLetterPublisher deadLetters,
            DeviceDirectory directory,
            Executor hashing,
            Clock clock) {
        this.config = config;
        this.clock = clock;
        this.deadLetters = deadLetters;
        this.metrics = new GatewayMetrics();
        this.authenticator = new DeviceAuthenticator(directory, hashing, metrics);
        this.splits =
                new SplitPacketAssembler(config.maxSplitParts(), config.splitTimeout(), metrics);
        this.intake =
                new Hj212Intake(
                        config,
                        reports,
                        new DuplicateFilter(config.duplicateWindow()),
                        splits,
                        metrics);
        this.inFlight = new InFlightLimit(config.maxInFlightTotal());
        this.connectionLimit =
                new AddressConnectionLimit(config.maxConnectionsPerAddress(), metrics);
        metrics.inFlightFrom(inFlight::inFlight);
    }

    /** The handler for one new connection. */
    Hj212Handler newHandler() {
        return new Hj212Handler(this, authenticator.session());
    }

    /** Drops split-packet sets that waited too long; the server calls it periodically. */
    void expireSplitSets() {
        splits.expire(clock.instant());
    }

    public Hj212GatewayConfig config() {
        return config;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    Hj212Parser parser() {
        return parser;
    }

    Hj212Intake intake() {
        return intake;
    }

    InFlightLimit inFlight() {
        return inFlight;
    }

    DeadLetterPublisher deadLetters() {
        return deadLetters;
    }

    AddressConnectionLimit connectionLimit() {
        return connectionLimit;
    }

    Clock clock() {
        return clock;
    }
}
