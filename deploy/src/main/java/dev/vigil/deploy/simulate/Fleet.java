package dev.vigil.deploy.simulate;

import dev.vigil.ingest.hj212.Hj212Parser;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A fleet of simulated HJ 212 data loggers on one Netty event-loop group: every logger is a small
 * state object on one event loop (no thread per logger), started at the configured ramp rate, so
 * one process can hold tens of thousands of connections.
 */
public final class Fleet implements AutoCloseable {

    private static final long RAMP_TICK_MILLIS = 10;

    private final Scenario scenario;
    private final FleetConfig config;
    private final SimClock clock;
    private final FleetStats stats;
    private final Consumer<AcknowledgedUpload> listener;
    private final List<SimulatedDevice> devices = new ArrayList<>();
    private EventLoopGroup group;
    private ScheduledFuture<?> ramp;
    private volatile int launched;

    /**
     * @param scenario the loggers and their events
     * @param config how they connect
     * @param clock simulated time
     * @param stats where they count what they do
     * @param listener told of every confirmed upload, from the event loops
     */
    public Fleet(
            Scenario scenario,
            FleetConfig config,
            SimClock clock,
            FleetStats stats,
            Consumer<AcknowledgedUpload> listener) {
        this.scenario = scenario;
        this.config = config;
        this.clock = clock;
        this.stats = stats;
        this.listener = listener;
    }

    /** Creates the loggers and starts them at the ramp rate; returns at once. */
    public Fleet start() {
        // Linux's native epoll transport where it loads: less CPU per frame than the JDK selector,
        // which leaves more of a shared machine to what the simulator measures.
        boolean epoll = Epoll.isAvailable();
        group =
                new MultiThreadIoEventLoopGroup(
                        config.threads(),
                        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap bootstrap =
                new Bootstrap()
                        .group(group)
                        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.SO_KEEPALIVE, true)
                        .option(ChannelOption.SO_REUSEADDR, config.localAddresses() != null)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        FleetContext context =
                new FleetContext(bootstrap, config, clock, stats, listener, new Hj212Parser());
        List<DeviceSpec> specs = scenario.devices();
        Map<EventLoop, LoopTicker> tickers = new IdentityHashMap<>();
        long answerTimeout = config.answerTimeout().toNanos();
        for (int i = 0; i < specs.size(); i++) {
            DeviceSpec spec = specs.get(i);
            List<ScenarioEvent> events =
                    scenario.events().stream().filter(event -> event.appliesTo(spec)).toList();
            EventLoop loop = (EventLoop) group.next();
            devices.add(
                    new SimulatedDevice(
                            spec,
                            events.isEmpty() ? List.of() : events,
                            context,
                            tickers.computeIfAbsent(loop, l -> new LoopTicker(l, answerTimeout)),
                            config.localAddresses() == null
                                    ? null
                                    : config.localAddresses().forConnection(i),
                            scenario.seed() * 31 + spec.mn().hashCode()));
        }
        long startNanos = System.nanoTime();
        ramp =
                group.next()
                        .scheduleAtFixedRate(
                                () -> launchDue(startNanos),
                                0,
                                RAMP_TICK_MILLIS,
                                TimeUnit.MILLISECONDS);
        return this;
    }

    private void launchDue(long startNanos) {
        long elapsed = System.nanoTime() - startNanos;
        long due = Math.min(devices.size(), elapsed * config.rampPerSecond() / 1_000_000_000L + 1);
        int next = launched;
        while (next < due) {
            devices.get(next++).start();
        }
        launched = next;
        if (next >= devices.size()) {
            ramp.cancel(false);
        }
    }

    /** How many loggers the fleet has. */
    public int size() {
        return devices.size();
    }

    /** How many loggers have been started so far. */
    public int launched() {
        return launched;
    }

    /** The counters of the fleet. */
    public FleetStats stats() {
        return stats;
    }

    /**
     * Stops sampling, waits up to {@code drain} for what was sampled to be sent and confirmed on
     * open connections, then disconnects every logger and stops the event loops.
     */
    public void stop(Duration drain) throws InterruptedException {
        if (group == null) {
            return;
        }
        if (ramp != null) {
            ramp.cancel(false);
        }
        devices.forEach(SimulatedDevice::stopProducing);
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline && unconfirmed() > 0) {
            Thread.sleep(50);
        }
        devices.forEach(SimulatedDevice::stop);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        group = null;
    }

    private long unconfirmed() throws InterruptedException {
        List<Future<Integer>> counts = new ArrayList<>(devices.size());
        for (SimulatedDevice device : devices) {
            counts.add(device.unconfirmed());
        }
        long total = 0;
        for (Future<Integer> count : counts) {
            try {
                total += count.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return 0; // cannot tell: stop waiting
            }
        }
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ZERO);
    }
}
