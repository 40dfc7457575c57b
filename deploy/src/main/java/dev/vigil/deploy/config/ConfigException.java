package dev.vigil.deploy.config;

/** A configuration problem found at start-up; its message names the key and the source. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
