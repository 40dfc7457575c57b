package dev.vigil.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class InfluxSinkWriterTest {

    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);

    private final RecordingLineWriter influx = new RecordingLineWriter();
    private final ManualTime time = new ManualTime();
    private final InfluxSinkWriter writer =
            new InfluxSinkWriter(
                    influx,
                    3,
                    FLUSH_INTERVAL,
                    time,
                    UnregisteredMetricsGroup.createSinkWriterMetricGroup());

    @Test
    void sendsAFullBatchAtOnce() throws Exception {
        write("a", "b");
        assertThat(influx.batches).isEmpty();

        write("c", "d");

        assertThat(influx.batches).containsExactly(List.of("a", "b", "c"));
        assertThat(writer.buffered()).isEqualTo(1);
    }

    @Test
    void sendsAPartialBatchOnceItsFirstLineHasWaitedTheFlushInterval() throws Exception {
        write("a");
        time.advance(400);
        write("b");
        assertThat(influx.batches).isEmpty();

        time.advance(100);

        assertThat(influx.batches).containsExactly(List.of("a", "b"));
        assertThat(writer.buffered()).isZero();
    }

    @Test
    void aTimerOfABatchAlreadySentDoesNotCutTheNextOneShort() throws Exception {
        write("a");
        writer.flush(false);
        time.advance(300);
        write("b");

        time.advance(200); // the first batch's timer fires here
        assertThat(influx.batches).containsExactly(List.of("a"));

        time.advance(300); // the second batch's own timer
        assertThat(influx.batches).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void flushBeforeACheckpointSendsEverythingBuffered() throws Exception {
        write("a", "b");

        writer.flush(false);

        assertThat(influx.batches).containsExactly(List.of("a", "b"));
        assertThat(writer.buffered()).isZero();
        writer.flush(true);
        assertThat(influx.batches).hasSize(1);
    }

    @Test
    void aFailedWriteFailsTheTaskAndKeepsTheLines() throws Exception {
        write("a");
        influx.failure = new InfluxWriteException("rejected (400): bad line", 400, null);

        assertThatThrownBy(() -> writer.flush(false)).hasMessageContaining("bad line");
        assertThat(writer.buffered()).isEqualTo(1);
    }

    private void write(String... lines) throws Exception {
        for (String line : lines) {
            writer.write(line, null);
        }
    }

    /** Keeps every batch it is given, or fails with the failure set. */
    private static final class RecordingLineWriter implements LineWriter {
        final List<List<String>> batches = new ArrayList<>();
        IOException failure;

        @Override
        public void write(List<String> lines) throws IOException {
            if (failure != null) {
                throw failure;
            }
            batches.add(lines);
        }
    }

    /** Processing time that moves only when the test says so, firing due timers in order. */
    private static final class ManualTime implements ProcessingTimeService {
        private record Timer(long at, ProcessingTimeCallback callback) {}

        private long now = 1_000;
        private final List<Timer> timers = new ArrayList<>();

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
            timers.add(new Timer(timestamp, target));
            return null;
        }

        void advance(long millis) throws Exception {
            now += millis;
            List<Timer> due = timers.stream().filter(t -> t.at() <= now).toList();
            timers.removeAll(due);
            for (Timer timer : due) {
                timer.callback().onProcessingTime(timer.at());
            }
        }
    }
}
