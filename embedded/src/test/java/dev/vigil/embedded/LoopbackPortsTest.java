package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void zeroMeansAFreePort() {
        int port = LoopbackPorts.resolve(0, "test");

        assertThat(port).isBetween(1, 65535);
        LoopbackPorts.requireFree(port, "test");
    }

    @Test
    void aTakenPortIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> LoopbackPorts.resolve(port, "InfluxDB HTTP"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + port + " (InfluxDB HTTP)")
                    .extracting(e -> ((PortInUseException) e).port())
                    .isEqualTo(port);
        }
    }
}
