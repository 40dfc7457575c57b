package dev.vigil.jobs;

import dev.vigil.jobs.influx.InfluxSinkConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every Vigil job needs to run: the Kafka cluster, the InfluxDB sink, the checkpoint interval
 * and the parallelism; built by the launcher from {@code vigil.yaml}, or by {@link #fromArgs} on a
 * standalone cluster.
 *
 * @param bootstrapServers Kafka cluster, {@code host:port[,host:port...]}
 * @param influx where readings are written
 * @param checkpointInterval how often jobs checkpoint, which also commits Kafka offsets and flushes
 *     the InfluxDB sink
 * @param parallelism parallelism of every operator
 */
public record JobsConfig(
        String bootstrapServers,
        InfluxSinkConfig influx,
        Duration checkpointInterval,
        int parallelism)
        implements Serializable {

    /** The options of {@link #fromArgs}, each with its environment variable and default. */
    public enum Option {
        KAFKA(
                "--kafka",
                "VIGIL_KAFKA_BOOTSTRAP_SERVERS",
                "localhost:9092",
                "Kafka bootstrap servers"),
        INFLUX("--influx", "VIGIL_INFLUXDB_URL", "http://localhost:8086", "InfluxDB base URL"),
        DATABASE("--database", "VIGIL_INFLUXDB_DATABASE", "vigil", "InfluxDB database"),
        INFLUX_USER(
                "--influx-user", "VIGIL_INFLUXDB_USERNAME", "", "InfluxDB user; empty for none"),
        // No command-line flag: arguments are visible to every user of the machine.
        INFLUX_PASSWORD(null, "VIGIL_INFLUXDB_PASSWORD", "", "InfluxDB password or token"),
        BATCH_SIZE(
                "--batch-size",
                "VIGIL_INFLUXDB_BATCH_SIZE",
                String.valueOf(InfluxSinkConfig.DEFAULT_BATCH_SIZE),
                "lines per InfluxDB write"),
        FLUSH_INTERVAL(
                "--flush-interval",
                "VIGIL_INFLUXDB_FLUSH_INTERVAL",
                InfluxSinkConfig.DEFAULT_FLUSH_INTERVAL.toMillis() + "ms",
                "longest wait of a partial batch"),
        CHECKPOINT_INTERVAL(
                "--checkpoint-interval",
                "VIGIL_FLINK_CHECKPOINT_INTERVAL",
                "10s",
                "checkpoint interval"),
        PARALLELISM("--parallelism", "VIGIL_FLINK_PARALLELISM", "2", "operator parallelism");

        private final String flag;
        private final String environmentVariable;
        private final String defaultValue;
        private final String description;

        Option(String flag, String environmentVariable, String defaultValue, String description) {
            this.flag = flag;
            this.environmentVariable = environmentVariable;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        /** The command-line flag, or {@code null} for settings taken from the environment only. */
        public String flag() {
            return flag;
        }

        public String environmentVariable() {
            return environmentVariable;
        }

        public String defaultValue() {
            return defaultValue;
        }

        public String description() {
            return description;
        }
    }

    public JobsConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers is required");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        Objects.requireNonNull(influx, "influx is required");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval is required");
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException(
                    "checkpointInterval must be positive: the sink flushes and Kafka offsets are"
                            + " committed on checkpoints, was "
                            + checkpointInterval);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "parallelism must be at least 1, was " + parallelism);
        }
    }

    /**
     * Reads the configuration from {@code --flag value} arguments, then the {@code VIGIL_...}
     * environment variables of {@link Option}, then the defaults; the password comes from {@code
     * VIGIL_INFLUXDB_PASSWORD} only.
     *
     * @throws IllegalArgumentException naming the option, for an unknown option, a flag without
     *     value or an invalid value
     */
    public static JobsConfig fromArgs(String[] args, Map<String, String> environment) {
        Map<Option, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            Option option = byFlag(args[i]);
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + ": needs a value");
            }
            values.put(option, args[++i]);
        }
        for (Option option : Option.values()) {
            values.computeIfAbsent(
                    option,
                    o -> environment.getOrDefault(o.environmentVariable(), o.defaultValue()));
        }
        int batchSize = parse(Option.BATCH_SIZE, values, JobsConfig::positive);
        Duration flushInterval = parse(Option.FLUSH_INTERVAL, values, JobsConfig::duration);
        Duration checkpointInterval =
                parse(Option.CHECKPOINT_INTERVAL, values, JobsConfig::duration);
        int parallelism = parse(Option.PARALLELISM, values, JobsConfig::positive);
        InfluxSinkConfig influx;
        try {
            influx =
                    new InfluxSinkConfig(
                            values.get(Option.INFLUX).strip(),
                            values.get(Option.DATABASE).strip(),
                            values.get(Option.INFLUX_USER).strip(),
                            values.get(Option.INFLUX_PASSWORD),
                            batchSize,
                            flushInterval);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    Option.INFLUX.flag() + " / " + Option.DATABASE.flag() + ": " + e.getMessage(),
                    e);
        }
        String kafka = values.get(Option.KAFKA).strip();
        if (kafka.isEmpty()) {
            throw new IllegalArgumentException(
                    Option.KAFKA.flag()
                            + " ("
                            + Option.KAFKA.environmentVariable()
                            + "): must not be empty");
        }
        return new JobsConfig(kafka, influx, checkpointInterval, parallelism);
    }

    private static Option byFlag(String flag) {
        for (Option option : Option.values()) {
            if (flag.equals(option.flag())) {
                return option;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Option option : Option.values()) {
            if (option.flag() != null) {
                known.append(known.isEmpty() ? "" : ", ").append(option.flag());
            }
        }
        throw new IllegalArgumentException(
                flag
                        + ": unknown option (known: "
                        + known
                        + "; the password comes from "
                        + Option.INFLUX_PASSWORD.environmentVariable()
                        + ")");
    }

    private static <T> T parse(
            Option option, Map<Option, String> values, Function<String, T> parser) {
        String text = values.get(option).strip();
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            String name =
                    option.flag() != null
                            ? option.flag() + " (" + option.environmentVariable() + ")"
                            : option.environmentVariable();
            throw new IllegalArgumentException(
                    name + ": " + e.getMessage() + ", was '" + text + "'", e);
        }
    }

    private static int positive(String text) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return n;
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h} or ISO-8601, as in {@code vigil.yaml}. */
    private static Duration duration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        int split = 0;
        while (split < text.length() && Character.isDigit(text.charAt(split))) {
            split++;
        }
        if (split == 0 || split == text.length()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 10s, 5m, 2h");
        }
        long amount = Long.parseLong(text.substring(0, split));
        Duration duration =
                switch (text.substring(split)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> throw new IllegalArgumentException("unknown unit (ms, s, m, h)");
                };
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return duration;
    }
}
