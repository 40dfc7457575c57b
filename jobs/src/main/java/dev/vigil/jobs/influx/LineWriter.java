package dev.vigil.jobs.influx;

import java.io.IOException;
import java.util.List;

/**
 * Writes a batch of line-protocol lines to a time-series store, the outbound port of the InfluxDB
 * sink; returns only once the store has accepted every line.
 */
public interface LineWriter extends AutoCloseable {

    /**
     * Writes the lines, retrying transient failures.
     *
     * @throws InfluxWriteException when the store rejects the lines or stays unreachable
     */
    void write(List<String> lines) throws IOException, InterruptedException;

    @Override
    default void close() {}
}
