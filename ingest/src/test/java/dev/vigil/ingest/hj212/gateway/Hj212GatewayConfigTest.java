package dev.vigil.ingest.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class Hj212GatewayConfigTest {

    @Test
    void hasTheDocumentedDefaults() {
        Hj212GatewayConfig config = Hj212GatewayConfig.defaults();

        assertThat(config.port()).isEqualTo(9212);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxConnectionsPerAddress()).isEqualTo(256);
        assertThat(config.maxDataLength()).isEqualTo(1024);
        assertThat(config.futureTolerance()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.pastTolerance()).isEqualTo(Duration.ofDays(30));
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.withListen("127.0.0.1", 0).port()).isZero();
    }

    @Test
    void anInvalidSettingIsRejectedByName() {
        assertThatThrownBy(() -> Hj212GatewayConfig.builder().maxConnectionsPerAddress(0).build())
                .hasMessageContaining("maxConnectionsPerAddress");
        assertThatThrownBy(() -> Hj212GatewayConfig.builder().idleTimeout(Duration.ZERO).build())
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> Hj212GatewayConfig.builder().port(70_000).build())
                .hasMessageContaining("port");
    }
}
