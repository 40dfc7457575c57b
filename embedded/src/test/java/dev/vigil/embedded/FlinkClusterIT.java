package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir static Path dataDir;
    private static FlinkCluster cluster;

    @BeforeAll
    static void start() {
        cluster =
                FlinkCluster.builder()
                        .parallelism(2)
                        .checkpointDir(dataDir.resolve("checkpoints"))
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void boundedJobRunsToFinished() {
        // GIVEN a tiny bounded pipeline
        StreamExecutionEnvironment env = cluster.environment();
        env.fromData(1, 2, 3, 4, 5)
                .map(value -> value * 10)
                .returns(Types.INT)
                .sinkTo(new CollectingSink());

        // WHEN it is submitted
        JobID jobId = cluster.submit(env, "tiny-bounded");

        // THEN it finishes with every element processed
        awaitUntil(() -> cluster.jobStatuses().get("tiny-bounded") == JobStatus.FINISHED);
        assertThat(cluster.jobStatus(jobId)).isEqualTo(JobStatus.FINISHED);
        assertThat(CollectingSink.VALUES).containsExactlyInAnyOrder(10, 20, 30, 40, 50);
    }

    @Test
    void environmentSupportsExecuteAndCollect() throws Exception {
        StreamExecutionEnvironment env = cluster.environment();

        List<String> result =
                env.fromData("ph", "cod").map(String::toUpperCase).executeAndCollect(10);

        assertThat(result).containsExactlyInAnyOrder("PH", "COD");
    }

    @Test
    void unboundedJobCanBeCancelled() {
        JobID jobId = cluster.submit(endless(cluster.environment()), "endless");
        awaitUntil(() -> cluster.jobStatus(jobId) == JobStatus.RUNNING);

        cluster.cancel(jobId);

        awaitUntil(() -> cluster.jobStatuses().get("endless") == JobStatus.CANCELED);
    }

    @Test
    void retainedCheckpointSurvivesCloseAndResumesTheJob() throws Exception {
        // GIVEN a job checkpointing every 200 ms on a cluster of its own
        Path checkpoints = dataDir.resolve("retained");
        JobID first;
        try (FlinkCluster own = smallCluster(checkpoints).start()) {
            first = own.submit(endless(own.environment()), "resumable");
            awaitUntil(() -> completedCheckpoint(checkpoints.resolve(first.toString())) != null);
        }

        // WHEN the cluster is closed, the last checkpoint is still on disk
        Path checkpoint = completedCheckpoint(checkpoints.resolve(first.toString()));
        assertThat(checkpoint.resolve("_metadata")).exists();

        // THEN a new cluster resumes the job from it
        try (FlinkCluster own = smallCluster(checkpoints).start()) {
            Configuration resume = new Configuration();
            resume.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
            JobID second = own.submit(endless(own.environment(resume)), "resumable");
            awaitUntil(() -> own.jobStatus(second) == JobStatus.RUNNING);
            awaitUntil(
                    () ->
                            get(own.restUrl() + "/jobs/" + second + "/checkpoints")
                                    .contains("\"restored\":{"));
            own.cancel(second);
        }
    }

    @Test
    void restEndpointAnswersJobsOverview() throws IOException, InterruptedException {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(cluster.restUrl() + "/jobs/overview"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"jobs\"");
    }

    private static FlinkCluster smallCluster(Path checkpoints) {
        return FlinkCluster.builder()
                .slotsPerTaskManager(1)
                .checkpointDir(checkpoints)
                .checkpointInterval(Duration.ofMillis(200))
                .build();
    }

    private static StreamExecutionEnvironment endless(StreamExecutionEnvironment env) {
        env.fromSequence(0, Long.MAX_VALUE)
                .map(FlinkClusterIT::slowly)
                .returns(Types.LONG)
                .sinkTo(new DiscardingSink<>());
        return env;
    }

    /** The newest chk-N folder that has its _metadata file, or null. */
    private static Path completedCheckpoint(Path jobDir) {
        if (!Files.isDirectory(jobDir)) {
            return null;
        }
        try (Stream<Path> children = Files.list(jobDir)) {
            return children.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .max(
                            Comparator.comparingLong(
                                    p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String get(String url) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long slowly(long value) throws InterruptedException {
        Thread.sleep(10);
        return value;
    }

    private static void awaitUntil(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Collects into a static queue: the MiniCluster runs in this JVM. */
    static final class CollectingSink implements Sink<Integer> {
        static final Queue<Integer> VALUES = new ConcurrentLinkedQueue<>();

        @Override
        public SinkWriter<Integer> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Integer element, Context context) {
                    VALUES.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
