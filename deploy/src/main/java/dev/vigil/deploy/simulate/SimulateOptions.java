package dev.vigil.deploy.simulate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The options of {@code deploy/vigil simulate}, parsed and checked; every problem is reported as an
 * {@link OptionException} naming the option.
 *
 * @param scenario the scenario file, or null for the district scenario of the repository
 * @param repo the repository the launcher runs from, or null
 * @param gatewayHost the HJ 212 gateway's host
 * @param gatewayPort the HJ 212 gateway's port
 * @param kafka Kafka's bootstrap servers for registration
 * @param speed how much faster than the wall clock simulated time runs
 * @param devices simulate this many loggers, or null for the scenario's
 * @param connections load mode: hold this many connections, or null
 * @param interval real-time interval for every logger, or null for the scenario's
 * @param duration how long to run (wall clock), or null until Ctrl-C
 * @param register whether to register the loggers in {@code vigil.sources} first
 * @param ramp how many loggers connect per second
 * @param perAddress load mode: connections per loopback source address
 * @param answerTimeout how long to wait for a 9014 before resending
 * @param statsEvery how often to print the live statistics
 * @param help whether to print the help ({@link #helpText()}) and exit
 */
public record SimulateOptions(
        Path scenario,
        Path repo,
        String gatewayHost,
        int gatewayPort,
        String kafka,
        double speed,
        Integer devices,
        Integer connections,
        Duration interval,
        Duration duration,
        boolean register,
        int ramp,
        int perAddress,
        Duration answerTimeout,
        Duration statsEvery,
        boolean help) {

    /** The scenario used without {@code --scenario}, relative to the repository. */
    public static final Path DEFAULT_SCENARIO = Path.of("deploy", "scenarios", "district.yaml");

    /** How long the accelerated phase of {@code --speed} lasts without {@code --duration}. */
    public static final Duration DEFAULT_CATCH_UP = Duration.ofMinutes(10);

    /** Connections per source address: under the gateway's default cap of 256 per address. */
    public static final int DEFAULT_PER_ADDRESS = 250;

    private static final int MAX_LOGGERS = 1_000_000;

    /** The text of {@code --help}. */
    public static String helpText() {
        return """
                Usage: deploy/vigil simulate [OPTIONS]

                Simulated HJ 212 data loggers speaking to Vigil's gateway over TCP: each with its own
                MN, password, pollutants and intervals, sending real-time (2011), minute (2051) and
                hourly (2061) data with Flag A=1, resending what the gateway does not answer with 9014
                (10 s timeout, 3 resends), answering time-set commands (1012), keeping a backlog while
                offline and uploading it, with the original DataTimes, on reconnecting. Scripted events
                in the scenario add exceedances, flag changes, offline periods, flatlines, garbage and
                bad-CRC frames. Before connecting, the loggers' sources are registered in vigil.sources
                so the gateway accepts them. Live statistics are printed every few seconds and a
                summary at the end; Ctrl-C stops.

                Options:
                  --scenario FILE     scenario (YAML) to simulate (default deploy/scenarios/district.yaml)
                  --gateway HOST:PORT the HJ 212 gateway (default localhost:9212)
                  --kafka HOST:PORT   Kafka to register the sources in (default localhost:9092, the
                                      embedded broker of 'deploy/vigil up')
                  --no-register       do not register; the sources are already in vigil.sources
                  --speed N           run simulated time N times faster (N >= 1, default 1). It then
                                      starts (N-1) x the run's duration (or 10m) in the past and
                                      catches up with the clock, so DataTimes are never in the future
                  --devices N         simulate N loggers: the scenario's first N, or its sources
                                      repeated (new MNs, passwords, places) when N is larger
                  --interval D        real-time interval of every logger (e.g. 30s, 1m)
                  --duration D        stop after D (e.g. 90s, 10m, 2h; default: run until Ctrl-C)
                  --answer-timeout D  wait this long for a 9014 before resending (default 10s)
                  --stats-every D     print live statistics this often (default 5s)
                  -h, --help          this help

                Load generator (one process, one event-loop group, no thread per connection):
                  --connections N     hold N connections (e.g. 50000), one logger each, no scripted
                                      events; combine with --interval
                  --ramp N            connect N loggers per second (default 1000)
                  --per-address N     on a loopback gateway, spread connections over source
                                      addresses 127.0.0.2, 127.0.0.3, ... with at most N on each
                                      (default 250: the gateway allows 256 per address); each
                                      connection needs a file descriptor (ulimit -n)

                Durations: 500ms, 30s, 10m, 1h30m, 2d or ISO-8601 (PT30S).

                Examples:
                  deploy/vigil up                                   # in one terminal
                  deploy/vigil simulate                             # the district, live
                  deploy/vigil simulate --speed 60 --duration 10m   # 10 hours of district in 10 minutes
                  deploy/vigil simulate --connections 50000 --interval 30s --ramp 2000 --duration 10m
                """;
    }

    /** Parses the arguments after {@code simulate}. */
    public static SimulateOptions parse(List<String> args) {
        Deque<String> rest = new ArrayDeque<>(args);
        Path scenario = null;
        Path repo = null;
        String gateway = "localhost:9212";
        String kafka = "localhost:9092";
        double speed = 1;
        Integer devices = null;
        Integer connections = null;
        Duration interval = null;
        Duration duration = null;
        boolean register = true;
        int ramp = 1_000;
        int perAddress = DEFAULT_PER_ADDRESS;
        Duration answerTimeout = Duration.ofSeconds(10);
        Duration statsEvery = Duration.ofSeconds(5);
        boolean help = false;
        while (!rest.isEmpty()) {
            String option = rest.pop();
            String inline = null;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                inline = option.substring(equals + 1);
                option = option.substring(0, equals);
            }
            switch (option) {
                case "--scenario" -> scenario = Path.of(value(option, inline, rest));
                case "--repo" -> repo = Path.of(value(option, inline, rest));
                case "--gateway" -> gateway = value(option, inline, rest);
                case "--kafka" -> kafka = kafka(value(option, inline, rest));
                case "--speed" -> speed = speed(value(option, inline, rest));
                case "--devices" ->
                        devices = count(option, value(option, inline, rest), MAX_LOGGERS);
                case "--connections" ->
                        connections = count(option, value(option, inline, rest), MAX_LOGGERS);
                case "--interval" -> interval = interval(value(option, inline, rest));
                case "--duration" ->
                        duration =
                                duration(option, value(option, inline, rest), Duration.ofMillis(1));
                case "--answer-timeout" ->
                        answerTimeout =
                                duration(
                                        option,
                                        value(option, inline, rest),
                                        Duration.ofMillis(100));
                case "--stats-every" ->
                        statsEvery =
                                duration(
                                        option, value(option, inline, rest), Duration.ofSeconds(1));
                case "--ramp" -> ramp = count(option, value(option, inline, rest), 1_000_000);
                case "--per-address" ->
                        perAddress = count(option, value(option, inline, rest), 28_000);
                case "--no-register" -> {
                    noValue(option, inline);
                    register = false;
                }
                case "-h", "--help" -> help = true;
                default ->
                        throw new OptionException(
                                option.startsWith("-")
                                        ? "unknown option '" + option + "'"
                                        : "unexpected argument '"
                                                + option
                                                + "' (options start with --)");
            }
        }
        if (devices != null && connections != null) {
            throw new OptionException(
                    "--devices and --connections: give one of them (--connections is the load"
                            + " generator)");
        }
        HostPort target = HostPort.parse("--gateway", gateway);
        return new SimulateOptions(
                scenario,
                repo,
                target.host(),
                target.port(),
                kafka,
                speed,
                devices,
                connections,
                interval,
                duration,
                register,
                ramp,
                perAddress,
                answerTimeout,
                statsEvery,
                help);
    }

    /** The scenario file to read. */
    public Path scenarioFile() {
        if (scenario != null) {
            return scenario;
        }
        return repo == null ? DEFAULT_SCENARIO : repo.resolve(DEFAULT_SCENARIO);
    }

    /** Whether this is the load generator ({@code --connections}). */
    public boolean loadMode() {
        return connections != null;
    }

    /** A host and a port from {@code host:port} or {@code [v6]:port}. */
    record HostPort(String host, int port) {
        static HostPort parse(String option, String text) {
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? "" : text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty() || colon == text.length() - 1) {
                throw new OptionException(option + ": expected HOST:PORT, got '" + text + "'");
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535) {
                throw new OptionException(
                        option + ": the port in '" + text + "' must be a number from 1 to 65535");
            }
            return new HostPort(host, port);
        }
    }

    private static String value(String option, String inline, Deque<String> rest) {
        if (inline != null) {
            return inline;
        }
        if (rest.isEmpty() || (rest.peek().startsWith("--") && rest.peek().length() > 2)) {
            throw new OptionException(option + " needs a value");
        }
        return rest.pop();
    }

    private static void noValue(String option, String inline) {
        if (inline != null) {
            throw new OptionException(option + " takes no value");
        }
    }

    private static String kafka(String text) {
        for (String server : text.split(",", -1)) {
            HostPort.parse("--kafka", server.trim());
        }
        return text;
    }

    private static double speed(String text) {
        double speed;
        try {
            speed = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            speed = Double.NaN;
        }
        if (!(speed >= 1) || speed > 100_000) {
            throw new OptionException(
                    "--speed: expected a number from 1 to 100000, got '" + text + "'");
        }
        return speed;
    }

    private static int count(String option, String text, int max) {
        int count;
        try {
            count = Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > max) {
            throw new OptionException(
                    option + ": expected a whole number from 1 to " + max + ", got '" + text + "'");
        }
        return count;
    }

    private static Duration interval(String text) {
        Duration interval = duration("--interval", text, Duration.ofSeconds(1));
        if (interval.toMillis() % 1_000 != 0) {
            throw new OptionException(
                    "--interval: must be whole seconds (DataTime counts seconds), got '"
                            + text
                            + "'");
        }
        return interval;
    }

    private static Duration duration(String option, String text, Duration min) {
        Duration duration;
        try {
            duration = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OptionException(option + ": " + e.getMessage());
        }
        if (duration.compareTo(min) < 0) {
            throw new OptionException(
                    option
                            + ": must be at least "
                            + DurationText.format(min)
                            + ", got '"
                            + text
                            + "'");
        }
        return duration;
    }
}
