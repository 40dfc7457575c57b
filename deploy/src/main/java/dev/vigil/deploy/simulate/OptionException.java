package dev.vigil.deploy.simulate;

/** A bad command-line option of {@code deploy/vigil simulate}; the message names the option. */
public final class OptionException extends RuntimeException {
    public OptionException(String message) {
        super(message);
    }
}
