package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private final Properties props =
            KafkaBroker.serverProperties(Path.of("/tmp/vigil-kafka"), 19092, 19093, Map.of());

    @Test
    void everyKeyIsAKafkaSetting() {
        // A misspelt key is silently ignored by Kafka; this catches it.
        assertThat(AbstractKafkaConfig.CONFIG_DEF.names()).containsAll(props.stringPropertyNames());
    }

    @Test
    void configurationIsAcceptedByKafka() {
        KafkaConfig config = new KafkaConfig(props, false);

        assertThat(config.nodeId()).isEqualTo(KafkaBroker.NODE_ID);
        assertThat(config.autoCreateTopicsEnable()).isFalse();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(props.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
    }

    @Test
    void overridesWin() {
        Properties overridden =
                KafkaBroker.serverProperties(
                        Path.of("/tmp/x"), 1, 2, Map.of("log.retention.hours", "24"));

        assertThat(overridden.getProperty("log.retention.hours")).isEqualTo("24");
    }
}
