package dev.vigil.embedded;

/** Thrown when an external program an embedded service needs is not installed. */
public final class MissingToolException extends IllegalStateException {

    /** Creates the exception with a message that says what to install. */
    public MissingToolException(String message) {
        super(message);
    }
}
