package dev.vigil.deploy.simulate;

import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.rule.ThresholdRule;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of {@code deploy/vigil simulate}: reads the options and the scenario, registers the
 * loggers' sources, runs the fleet with live statistics and prints the summary.
 */
public final class Simulate {

    /** Logger records kept while disconnected in load mode, so that memory stays bounded. */
    private static final int LOAD_BACKLOG_LIMIT = 10;

    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(15);

    private final SimulateOptions options;
    private final PrintStream out;
    private final PrintStream err;

    private Simulate(SimulateOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err, null));
    }

    /**
     * Runs the command; returns the exit status: 0 done, 1 failed (registration, no connection), 2
     * bad options or scenario. A non-null {@code stop} ends the run when it counts down (tests).
     */
    public static int run(
            List<String> args, PrintStream out, PrintStream err, CountDownLatch stop) {
        SimulateOptions options;
        try {
            options = SimulateOptions.parse(args);
        } catch (OptionException e) {
            err.println("vigil simulate: " + e.getMessage());
            err.println("Run 'deploy/vigil simulate --help' for the options.");
            return 2;
        }
        if (options.help()) {
            out.print(SimulateOptions.helpText());
            return 0;
        }
        try {
            return new Simulate(options, out, err).run(stop);
        } catch (ScenarioException e) {
            err.println("vigil simulate: " + e.getMessage());
            return 2;
        } catch (OptionException e) {
            err.println("vigil simulate: " + e.getMessage());
            return 2;
        } catch (SourceRegistration.RegistrationException e) {
            err.println("vigil simulate: cannot register the simulated sources: " + e.getMessage());
            err.println(
                    "Start Vigil with 'deploy/vigil up', point --kafka at your Kafka, or skip"
                            + " registration with --no-register.");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int run(CountDownLatch stop) throws InterruptedException {
        Scenario scenario = scenario();
        InetSocketAddress gateway = gateway();
        FleetConfig config = config(gateway, scenario.devices().size());
        Duration catchUp =
                options.duration() != null ? options.duration() : SimulateOptions.DEFAULT_CATCH_UP;
        describe(scenario, config, catchUp);
        if (options.register()) {
            register(scenario);
        }
        SimClock clock = SimClock.system(options.speed(), catchUp);
        Fleet fleet = new Fleet(scenario, config, clock, new FleetStats(), upload -> {}).start();
        StatsPrinter printer = new StatsPrinter(fleet, clock, config);
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "vigil-simulate-stats");
                            thread.setDaemon(true);
                            return thread;
                        });
        long every = options.statsEvery().toMillis();
        ticker.scheduleAtFixedRate(
                () -> out.println(printer.line()), every, every, TimeUnit.MILLISECONDS);
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch summarized = new CountDownLatch(1);
        Runnable finish =
                () -> {
                    if (!finished.compareAndSet(false, true)) {
                        return;
                    }
                    ticker.shutdownNow();
                    int connectedAtEnd = fleet.stats().connected();
                    try {
                        fleet.stop(Duration.ofSeconds(5));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    out.print(printer.summary(connectedAtEnd));
                    out.flush();
                    summarized.countDown();
                };
        Thread hook = new Thread(finish, "vigil-simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        CountDownLatch until = stop != null ? stop : new CountDownLatch(1);
        if (options.duration() != null) {
            until.await(options.duration().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            until.await();
        }
        finish.run();
        summarized.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook ran finish, which did nothing more
        }
        if (fleet.stats().connects.sum() == 0) {
            err.println(
                    "vigil simulate: no logger could connect to "
                            + options.gatewayHost()
                            + ":"
                            + options.gatewayPort()
                            + " (--gateway); is Vigil running ('deploy/vigil up')?");
            return 1;
        }
        return 0;
    }

    private Scenario scenario() {
        Scenario scenario = ScenarioReader.read(options.scenarioFile());
        if (options.loadMode()) {
            scenario = scenario.withDeviceCount(options.connections()).withoutEvents();
        } else if (options.devices() != null) {
            scenario = scenario.withDeviceCount(options.devices());
        }
        if (options.interval() != null) {
            scenario = scenario.withRealtimeInterval(options.interval());
        }
        return scenario;
    }

    private InetSocketAddress gateway() {
        InetSocketAddress address =
                new InetSocketAddress(options.gatewayHost(), options.gatewayPort());
        if (address.isUnresolved()) {
            throw new OptionException("--gateway: unknown host '" + options.gatewayHost() + "'");
        }
        return address;
    }

    private FleetConfig config(InetSocketAddress gateway, int loggers) {
        FleetConfig config =
                FleetConfig.defaults(gateway)
                        .withAnswerTimeout(options.answerTimeout())
                        .withRamp(options.ramp());
        if (!options.loadMode()) {
            return config;
        }
        config = config.withBacklogLimit(LOAD_BACKLOG_LIMIT);
        InetAddress host = gateway.getAddress();
        if (host.isLoopbackAddress() && host.getAddress().length == 4) {
            return config.withLocalAddresses(LocalAddresses.spread(loggers, options.perAddress()));
        }
        err.println(
                "vigil simulate: the gateway is not on this machine's IPv4 loopback, so all"
                        + " connections come from one source address (at most about 28,000 to one"
                        + " gateway port)");
        return config;
    }

    private void describe(Scenario scenario, FleetConfig config, Duration catchUp) {
        Map<String, Integer> editions = new TreeMap<>();
        for (DeviceSpec device : scenario.devices()) {
            editions.merge(device.protocol().label(), 1, Integer::sum);
        }
        out.printf(
                "vigil simulate: scenario '%s' (%s): %,d sources, %,d loggers %s, %d scripted events%n",
                scenario.name(),
                options.scenarioFile(),
                scenario.sources().size(),
                scenario.devices().size(),
                editions,
                scenario.events().size());
        out.printf(
                "vigil simulate: gateway %s:%d, ramp %,d/s%s%n",
                options.gatewayHost(),
                options.gatewayPort(),
                config.rampPerSecond(),
                config.localAddresses() == null
                        ? ""
                        : ", source addresses " + config.localAddresses().describe());
        if (options.speed() > 1) {
            out.printf(
                    "vigil simulate: --speed %s: simulated time starts %s in the past and catches"
                            + " up with the clock after %s%n",
                    StatsPrinter.number(options.speed()),
                    DurationText.format(
                            Duration.ofSeconds(
                                    (long) ((options.speed() - 1) * catchUp.toSeconds()))),
                    DurationText.format(catchUp));
        }
        if (scenario.devices().stream().anyMatch(d -> d.protocol() == ProtocolVersion.HJ212_2005)) {
            out.println(
                    "vigil simulate: 2005-style loggers send QN and Flag=1 so that they are answered");
        }
    }

    private void register(Scenario scenario) {
        long start = System.nanoTime();
        out.printf(
                "vigil simulate: registering %,d sources in vigil.sources at %s (hashing %,d"
                        + " passwords)...%n",
                scenario.sources().size(), options.kafka(), scenario.devices().size());
        SourceRegistration.register(scenario, Instant.now(), options.kafka(), REGISTRATION_TIMEOUT);
        List<ThresholdRule> rules = StarterRules.of(scenario, Instant.now());
        try {
            StarterRules.publish(rules, options.kafka(), REGISTRATION_TIMEOUT);
        } catch (Exception e) {
            throw new SourceRegistration.RegistrationException(
                    "Kafka at " + options.kafka() + " refused the starter rules: " + e, e);
        }
        out.printf(
                "vigil simulate: %,d starter threshold rules in vigil.rules (80/100/150 %% of each"
                        + " permit limit)%n",
                rules.size());
        out.printf(
                "vigil simulate: registered in %s; next time --no-register skips this (the registry"
                        + " keeps them)%n",
                DurationText.format(Duration.ofMillis((System.nanoTime() - start) / 1_000_000)));
    }
}
