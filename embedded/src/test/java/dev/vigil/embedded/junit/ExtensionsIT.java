package dev.vigil.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.embedded.TopicSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The three extensions as later integration tests use them, side by side in one class. */
class ExtensionsIT {

    @RegisterExtension
    static final KafkaExtension KAFKA =
            new KafkaExtension().withTopics(TopicSpec.compacted("vigil.it-rules", 1));

    @RegisterExtension static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension static final FlinkExtension FLINK = new FlinkExtension();

    @Test
    void kafkaHasTheInitialAndTheAddedTopics() throws Exception {
        KAFKA.createTopics(TopicSpec.of("vigil.it-alerts", 2));

        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get())
                    .contains("vigil.it-rules", "vigil.it-alerts");
        }
    }

    @Test
    void topicsGetTheirConfigsAlsoWhenTheyExistAlready() throws Exception {
        KAFKA.createTopics(TopicSpec.of("vigil.it-history", 1));
        KAFKA.createTopics(
                TopicSpec.withConfigs("vigil.it-history", 1, Map.of("retention.ms", "-1")));

        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers()))) {
            ConfigResource topic =
                    new ConfigResource(ConfigResource.Type.TOPIC, "vigil.it-history");
            assertThat(
                            admin.describeConfigs(List.of(topic))
                                    .all()
                                    .get()
                                    .get(topic)
                                    .get("retention.ms")
                                    .value())
                    .isEqualTo("-1");
        }
    }

    @Test
    void influxHasAFreshDatabaseForTheClass() {
        assertThat(INFLUX.database()).isEqualTo("test_extensionsit");
        assertThat(INFLUX.server().query(null, "SHOW DATABASES")).contains("test_extensionsit");
        assertThat(INFLUX.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void flinkJobsCheckpointToFiles() throws Exception {
        // GIVEN a running job on the extension's environment (1 s checkpoints)
        StreamExecutionEnvironment env = FLINK.environment();
        assertThat(env.getParallelism()).isEqualTo(FlinkExtension.PARALLELISM);
        env.fromSequence(0, Long.MAX_VALUE)
                .map(ExtensionsIT::slowly)
                .returns(Types.LONG)
                .sinkTo(new DiscardingSink<>());
        JobID jobId = FLINK.submit(env, "checkpointed");

        // THEN a completed checkpoint is stored under a file:// path
        String checkpoints = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!checkpoints.contains("\"external_path\":\"file:") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            checkpoints = get(FLINK.restUrl() + "/jobs/" + jobId + "/checkpoints");
        }
        FLINK.cluster().cancel(jobId);
        assertThat(checkpoints).contains("\"external_path\":\"file:");
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static long slowly(long value) throws InterruptedException {
        Thread.sleep(10);
        return value;
    }
}
