package dev.vigil.jobs.influx;

import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that writes line-protocol lines to InfluxDB in batches, at least once: every
 * checkpoint first sends what is buffered, so a restored job never misses a line; lines of
 * identical points overwrite each other, so the replayed ones are harmless.
 */
public final class InfluxSink implements Sink<String> {

    private static final long serialVersionUID = 1L;

    private final InfluxSinkConfig config;
    private final RetryPolicy retry;

    /** A sink with the {@linkplain RetryPolicy#DEFAULT default retry policy}. */
    public InfluxSink(InfluxSinkConfig config) {
        this(config, RetryPolicy.DEFAULT);
    }

    public InfluxSink(InfluxSinkConfig config, RetryPolicy retry) {
        this.config = Objects.requireNonNull(config, "config");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) {
        return new InfluxSinkWriter(
                new InfluxHttpWriter(config, retry),
                config.batchSize(),
                config.flushInterval(),
                context.getProcessingTimeService(),
                context.metricGroup());
    }

    @Override
    public String toString() {
        return "InfluxSink[" + config + "]";
    }
}
