package dev.vigil.ingest.hj212;

/**
 * What {@link Hj212Parser} made of a data segment: a message, or a failure with its reason.
 *
 * @param message the message, or null when parsing failed
 * @param failure why parsing failed, or null when it succeeded
 */
public record Hj212ParseResult(Hj212Message message, DecodeFailure failure) {

    public Hj212ParseResult {
        if ((message == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of message and failure must be set");
        }
    }

    /** Wraps a parsed message. */
    public static Hj212ParseResult parsed(Hj212Message message) {
        return new Hj212ParseResult(message, null);
    }

    /** Wraps a failure. */
    public static Hj212ParseResult failed(DecodeFailure failure) {
        return new Hj212ParseResult(null, failure);
    }

    /** Tells whether the segment parsed into a message. */
    public boolean isParsed() {
        return message != null;
    }
}
