package dev.vigil.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.testkit.TestIntegrations;
import org.junit.jupiter.api.Test;

class IntegrationDirectoryTest {

    private final IntegrationDirectory directory = IntegrationDirectory.of(TestIntegrations.all());

    @Test
    void findsIntegrationsByIdAndByApiKey() {
        assertThat(directory.byId("hotline-12345")).isPresent();
        assertThat(directory.byApiKey(TestIntegrations.NVR_KEY))
                .hasValueSatisfying(i -> assertThat(i.integrationId()).isEqualTo("nvr-plant7"));
        assertThat(directory.byApiKey("nope")).isEmpty();
        assertThat(directory.byApiKey("")).isEmpty();
        assertThat(directory.ready()).isTrue();
    }

    @Test
    void aRevokedOrRekeyedIntegrationNoLongerAnswersToItsOldKey() {
        var nvr = TestIntegrations.nvr();
        var rekeyed =
                TestIntegrations.integration(
                        nvr.integrationId(), nvr.kind(), nvr.scopes(), "new-key-123", null, false);

        directory.changed(nvr.integrationId(), nvr, rekeyed);

        assertThat(directory.byApiKey(TestIntegrations.NVR_KEY)).isEmpty();
        assertThat(directory.byApiKey("new-key-123")).isPresent();
        directory.changed(nvr.integrationId(), rekeyed, null);
        assertThat(directory.byApiKey("new-key-123")).isEmpty();
        assertThat(directory.byId(nvr.integrationId())).isEmpty();
    }
}
