package dev.vigil.events;

/**
 * Thrown when a value cannot be written as or read from Vigil's JSON; the message names the type
 * and what was wrong, so a dead-letter reason can quote it as it is.
 */
public class JsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
