package dev.vigil.jobs.influx;

import java.io.IOException;

/**
 * A write InfluxDB rejected or that could not reach it within the retry budget; the message carries
 * InfluxDB's own error text and never a credential.
 */
public class InfluxWriteException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public InfluxWriteException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the last answer, or 0 when there was none (I/O error). */
    public int status() {
        return status;
    }
}
