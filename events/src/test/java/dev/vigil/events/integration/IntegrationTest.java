package dev.vigil.events.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.integration.Integration.Kind;
import dev.vigil.events.integration.Integration.Scope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegrationTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static Integration nvr(String apiKeyHash, String secret) {
        return new Integration(
                "nvr-plant7",
                "Plant 7 NVR",
                Kind.NVR,
                List.of(Scope.VIDEO),
                apiKeyHash,
                secret,
                false,
                3,
                Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void apiKeyIsCheckedAgainstItsHashOnly() {
        String key = Integration.newApiKey();
        Integration nvr = nvr(Integration.hashApiKey(key), null);

        assertThat(key).hasSizeGreaterThanOrEqualTo(43);
        assertThat(nvr.apiKeyHash()).hasSize(64).doesNotContain(key);
        assertThat(nvr.apiKeyMatches(key)).isTrue();
        assertThat(nvr.apiKeyMatches(key + "x")).isFalse();
        assertThat(nvr.apiKeyMatches("")).isFalse();
        assertThat(nvr(null, SECRET).apiKeyMatches(key)).isFalse();
    }

    @Test
    void toStringKeepsCredentialsOutOfLogs() {
        String hash = Integration.hashApiKey("k");
        Integration nvr = nvr(hash, SECRET);

        assertThat(nvr.toString()).contains("nvr-plant7").doesNotContain(hash, SECRET);
    }

    @Test
    void roundTripsThroughTheTopicsJson() {
        Integration nvr = nvr(Integration.hashApiKey("k"), SECRET);

        byte[] json = Topics.INTEGRATIONS.valueSerde().serializer().serialize("t", nvr);

        assertThat(Json.fromBytes(json, Integration.class)).isEqualTo(nvr);
        assertThat(Topics.INTEGRATIONS.keyOf(nvr)).isEqualTo("nvr-plant7");
        assertThat(Topics.INTEGRATIONS.compacted()).isTrue();
    }

    @Test
    void scopesAndDisablingDecideWhatItMayDo() {
        Integration nvr = nvr(Integration.hashApiKey("k"), null);
        Integration off =
                new Integration(
                        nvr.integrationId(),
                        nvr.name(),
                        nvr.kind(),
                        nvr.scopes(),
                        nvr.apiKeyHash(),
                        null,
                        true,
                        4,
                        nvr.updatedAt());

        assertThat(nvr.allows(Scope.VIDEO)).isTrue();
        assertThat(nvr.allows(Scope.COMPLAINTS)).isFalse();
        assertThat(off.allows(Scope.VIDEO)).isFalse();
    }

    @Test
    void validateNamesEveryProblem() {
        Integration bad =
                new Integration(
                        " ",
                        "",
                        Kind.HOTLINE,
                        List.of(),
                        "NOTHEX",
                        "short",
                        false,
                        -1,
                        Instant.EPOCH);

        assertThat(bad.validate())
                .containsExactly(
                        "integrationId: must not be blank",
                        "name: must not be blank",
                        "scopes: must name at least one scope",
                        "apiKeyHash: must be 64 lowercase hex characters from hashApiKey",
                        "hmacSecret: must be at least 32 characters",
                        "version: must be >= 0");
        assertThat(nvr(null, null).validate())
                .containsExactly("apiKeyHash: an API key hash or an HMAC secret is required");
        assertThat(nvr(Integration.hashApiKey("k"), SECRET).validate()).isEmpty();
    }
}
