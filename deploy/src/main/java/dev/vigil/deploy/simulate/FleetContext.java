package dev.vigil.deploy.simulate;

import dev.vigil.ingest.hj212.Hj212Parser;
import io.netty.bootstrap.Bootstrap;
import java.util.function.Consumer;

/**
 * What every logger of a fleet shares: the configured client bootstrap, the settings, the simulated
 * clock, the counters, the listener for confirmed uploads and the (stateless) frame parser.
 */
record FleetContext(
        Bootstrap bootstrap,
        FleetConfig config,
        SimClock clock,
        FleetStats stats,
        Consumer<AcknowledgedUpload> listener,
        Hj212Parser parser) {}
