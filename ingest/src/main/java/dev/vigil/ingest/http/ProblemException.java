package dev.vigil.ingest.http;

import java.util.Objects;

/**
 * Carries a {@link Problem} out of deep parsing code to the endpoint that turns it into a reply; it
 * never leaves an endpoint and never reaches the Netty pipeline.
 */
public final class ProblemException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").describe(), null, false, false);
        this.problem = problem;
    }

    /** What was wrong. */
    public Problem problem() {
        return problem;
    }
}
