package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alerting.delivery.DeliverySettings;
import dev.vigil.alerting.delivery.RetryPolicy;
import dev.vigil.deploy.config.ConfigException;
import dev.vigil.deploy.config.VigilConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code alerting.*} keys of vigil.yaml as the embedded stack hands them to alerting. */
class AlertingSettingsTest {
    private static final Path FILE = Path.of("agencies.json");

    @Test
    void theDefaultsAreAlertingsOwn() {
        DeliverySettings fromYaml = EmbeddedStack.deliverySettings(VigilConfig.defaults(), FILE);
        DeliverySettings own = DeliverySettings.defaults(FILE);
        assertThat(fromYaml.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(fromYaml).isEqualTo(own);
    }

    @Test
    void everyKeyReachesTheSettings() {
        VigilConfig config =
                VigilConfig.load(
                        null,
                        Map.ofEntries(
                                Map.entry("VIGIL_ALERTING_RETRY_BUDGET", "2h"),
                                Map.entry("VIGIL_ALERTING_RETRY_MAX_ATTEMPTS", "50"),
                                Map.entry("VIGIL_ALERTING_RETRY_BACKOFF_BASE", "1s"),
                                Map.entry("VIGIL_ALERTING_RETRY_BACKOFF_MAX", "2m"),
                                Map.entry("VIGIL_ALERTING_RETRY_JITTER", "0.25"),
                                Map.entry("VIGIL_ALERTING_HTTP_TIMEOUT", "3s"),
                                Map.entry("VIGIL_ALERTING_COALESCE_WINDOW", "500ms"),
                                Map.entry("VIGIL_ALERTING_SENDERS", "8"),
                                Map.entry("VIGIL_ALERTING_TIME_ZONE", "Asia/Shanghai"),
                                Map.entry("VIGIL_ALERTING_CAP_SENDER", "cc@district"),
                                Map.entry("VIGIL_ALERTING_CAP_RADIUS_KM", "1.5"),
                                Map.entry("VIGIL_ALERTING_INBOUND_PATH", "/answers/"),
                                Map.entry("VIGIL_ALERTING_INBOUND_PORT", "9391")));
        DeliverySettings s = EmbeddedStack.deliverySettings(config, FILE);
        assertThat(s.retry())
                .isEqualTo(
                        new RetryPolicy(
                                50,
                                Duration.ofSeconds(1),
                                Duration.ofMinutes(2),
                                0.25,
                                Duration.ofHours(2)));
        assertThat(s.httpTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.coalesceWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.senders()).isEqualTo(8);
        assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(s.capSender()).isEqualTo("cc@district");
        assertThat(s.capRadiusKm()).isEqualTo(1.5);
        assertThat(s.inboundPath()).isEqualTo("/answers");
        assertThat(s.inboundPort()).isEqualTo(9391);
        assertThat(s.agencyFile()).isEqualTo(FILE);
    }

    @Test
    void invalidValuesStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> VigilConfig.load(null, Map.of("VIGIL_ALERTING_RETRY_JITTER", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.retry.jitter");
        assertThatThrownBy(
                        () ->
                                VigilConfig.load(
                                        null, Map.of("VIGIL_ALERTING_TIME_ZONE", "Mars/Base")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.time-zone");
        VigilConfig upsideDown =
                VigilConfig.load(
                        null,
                        Map.of(
                                "VIGIL_ALERTING_RETRY_BACKOFF_BASE", "10m",
                                "VIGIL_ALERTING_RETRY_BACKOFF_MAX", "1m"));
        assertThatThrownBy(() -> EmbeddedStack.deliverySettings(upsideDown, FILE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.retry.backoff-max")
                .hasMessageContaining("alerting.retry.backoff-base");
    }
}
