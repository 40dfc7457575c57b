package dev.vigil.jobs.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * Buffers lines and hands them to a {@link LineWriter} when the batch is full, when its oldest line
 * has waited the flush interval, and before every checkpoint.
 *
 * <p>Runs on the task's mailbox thread only: Flink calls {@code write}, {@code flush} and the
 * processing-time callbacks one at a time, so the buffer needs no locking.
 */
final class InfluxSinkWriter implements SinkWriter<String> {

    private final LineWriter target;
    private final int batchSize;
    private final long flushIntervalMillis;
    private final ProcessingTimeService timers;
    private final Counter linesSent;
    private final Counter linesFailed;
    private final List<String> buffer = new ArrayList<>();

    /** Number of batches sent so far; a flush timer only acts on the batch it was set for. */
    private long batchesSent;

    InfluxSinkWriter(
            LineWriter target,
            int batchSize,
            Duration flushInterval,
            ProcessingTimeService timers,
            SinkWriterMetricGroup metrics) {
        this.target = Objects.requireNonNull(target, "target");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.flushIntervalMillis = Math.max(1, flushInterval.toMillis());
        this.timers = Objects.requireNonNull(timers, "timers");
        this.linesSent = metrics.getNumRecordsSendCounter();
        this.linesFailed = metrics.getNumRecordsSendErrorsCounter();
    }

    @Override
    public void write(String line, Context context) throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            long batch = batchesSent;
            timers.registerTimer(
                    timers.getCurrentProcessingTime() + flushIntervalMillis,
                    time -> onFlushTimer(batch));
        }
        buffer.add(line);
        if (buffer.size() >= batchSize) {
            send();
        }
    }

    /** Called before every checkpoint and at the end of input: nothing may stay buffered. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        send();
    }

    @Override
    public void close() {
        // Lines still buffered here belong to a failed or cancelled task; the checkpoint
        // they come after was never completed, so the restored job replays them.
        target.close();
    }

    /** Lines waiting for the next send; for tests. */
    int buffered() {
        return buffer.size();
    }

    private void onFlushTimer(long batch) throws IOException, InterruptedException {
        if (batch == batchesSent) {
            send();
        }
    }

    private void send() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<String> batch = List.copyOf(buffer);
        try {
            target.write(batch);
        } catch (IOException e) {
            linesFailed.inc(batch.size());
            throw e;
        }
        buffer.clear();
        batchesSent++;
        linesSent.inc(batch.size());
    }
}
