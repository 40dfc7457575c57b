package dev.vigil.console.health;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/** Kafka is up when the cluster answers a metadata request and has at least one broker. */
public final class KafkaHealthCheck implements HealthCheck, AutoCloseable {
    private final Admin admin;
    private final Duration timeout;

    public KafkaHealthCheck(String bootstrapServers, Duration timeout) {
        this.timeout = timeout;
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                (int) timeout.toMillis(),
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                (int) timeout.toMillis(),
                                AdminClientConfig.CLIENT_ID_CONFIG,
                                "vigil-console-health"));
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public ComponentHealth check() {
        try {
            Collection<Node> nodes =
                    admin.describeCluster(
                                    new DescribeClusterOptions()
                                            .timeoutMs((int) timeout.toMillis()))
                            .nodes()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return nodes.isEmpty()
                    ? ComponentHealth.down("no broker available")
                    : ComponentHealth.up(nodes.size() + " broker(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.down("interrupted");
        } catch (Exception e) {
            return ComponentHealth.down("cluster did not answer: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
