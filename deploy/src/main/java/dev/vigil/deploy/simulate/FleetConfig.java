package dev.vigil.deploy.simulate;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a fleet of simulated loggers connects and behaves on the wire.
 *
 * @param gateway the HJ 212 gateway's address
 * @param rampPerSecond how many loggers start (connect) per second
 * @param localAddresses the loopback source addresses to spread connections over, or null to let
 *     the operating system choose
 * @param answerTimeout how long a logger waits for a 9014 before resending
 * @param resends how often a logger resends an unanswered frame before giving up on it
 * @param window how many frames a logger sends before waiting for their answers
 * @param backlogLimit how many records a disconnected logger keeps; older ones are dropped
 * @param threads event-loop threads
 */
public record FleetConfig(
        InetSocketAddress gateway,
        int rampPerSecond,
        LocalAddresses localAddresses,
        Duration answerTimeout,
        int resends,
        int window,
        int backlogLimit,
        int threads) {

    public FleetConfig {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        if (rampPerSecond < 1 || window < 1 || backlogLimit < 1 || threads < 1 || resends < 0) {
            throw new IllegalArgumentException("counts must be positive: " + this);
        }
    }

    /** Settings for {@code gateway} as real GPRS loggers behave: 10 s timeout, 3 resends. */
    public static FleetConfig defaults(InetSocketAddress gateway) {
        return new FleetConfig(
                gateway,
                1_000,
                null,
                Duration.ofSeconds(10),
                3,
                1,
                2_880,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** These settings with another answer timeout. */
    public FleetConfig withAnswerTimeout(Duration timeout) {
        return new FleetConfig(
                gateway,
                rampPerSecond,
                localAddresses,
                timeout,
                resends,
                window,
                backlogLimit,
                threads);
    }

    /** These settings with another start rate. */
    public FleetConfig withRamp(int perSecond) {
        return new FleetConfig(
                gateway,
                perSecond,
                localAddresses,
                answerTimeout,
                resends,
                window,
                backlogLimit,
                threads);
    }

    /** These settings with connections spread over loopback source addresses. */
    public FleetConfig withLocalAddresses(LocalAddresses addresses) {
        return new FleetConfig(
                gateway,
                rampPerSecond,
                addresses,
                answerTimeout,
                resends,
                window,
                backlogLimit,
                threads);
    }

    /** These settings with another backlog limit. */
    public FleetConfig withBacklogLimit(int limit) {
        return new FleetConfig(
                gateway,
                rampPerSecond,
                localAddresses,
                answerTimeout,
                resends,
                window,
                limit,
                threads);
    }
}
