package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InfluxdConfigTest {

    private final String toml =
            new InfluxdConfig(Path.of("/srv/vigil/influxdb"), 18086, 18088).render();

    @Test
    void listensOnLoopbackOnly() {
        assertThat(toml)
                .contains("bind-address = \"127.0.0.1:18088\"")
                .contains("bind-address = \"127.0.0.1:18086\"");
    }

    @Test
    void keepsEverythingUnderTheDataFolder() {
        assertThat(toml)
                .contains("dir = \"/srv/vigil/influxdb/meta\"")
                .contains("dir = \"/srv/vigil/influxdb/data\"")
                .contains("wal-dir = \"/srv/vigil/influxdb/wal\"");
    }

    @Test
    void reportsNothingAndStoresNoSelfMonitoring() {
        assertThat(toml)
                .contains("reporting-disabled = true")
                .contains("reporting-enabled = false")
                .contains("[monitor]\n  store-enabled = false")
                .contains("log-enabled = false");
    }

    @Test
    void escapesBackslashesInPaths() {
        String windows = new InfluxdConfig(Path.of("C:\\vigil"), 1, 2).render();

        assertThat(windows).contains("C:\\\\vigil");
    }
}
