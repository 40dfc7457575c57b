package dev.vigil.deploy.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key of {@code vigil.yaml}: its dotted name, default, one-line description and
 * how its text is turned into a typed value.
 */
public record Setting<T>(
        String key, String defaultText, String description, Function<String, T> parser) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(parser, "parser");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException(key + ": a setting needs a description");
        }
    }

    /**
     * The environment variable that overrides this key: {@code kafka.bootstrap-servers} → {@code
     * VIGIL_KAFKA_BOOTSTRAP_SERVERS}.
     */
    public String environmentVariable() {
        return "VIGIL_"
                + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Parses a value for this key, naming the key and the offending text when it is invalid. */
    public T parse(String text, String origin) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(
                    origin + ": invalid value '" + text + "' for " + key + ": " + e.getMessage());
        }
    }
}
