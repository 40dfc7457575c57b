package dev.vigil.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSignatureTest {

    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTimestampDotBodyLikeOpenssl() {
        // printf '1767312000.{"a":1}' | openssl dgst -sha256 -hmac 'top-secret'
        assertThat(HmacSignature.sign("top-secret", 1767312000L, BODY))
                .isEqualTo(
                        "sha256=a3570e9eab22d1d866bdbd4ea5ba43ffb2e8d23da9b4723edfb4eae2a1164f02");
    }

    @Test
    void verifiesItsOwnSignatureWithOrWithoutPrefixInAnyCase() {
        String signature = HmacSignature.sign("top-secret", 1767312000L, BODY);

        assertThat(HmacSignature.verify("top-secret", 1767312000L, BODY, signature)).isTrue();
        assertThat(HmacSignature.verify("top-secret", 1767312000L, BODY, signature.substring(7)))
                .isTrue();
        assertThat(HmacSignature.verify("top-secret", 1767312000L, BODY, signature.toUpperCase()))
                .isTrue();
    }

    @Test
    void anyChangeBreaksIt() {
        String signature = HmacSignature.sign("top-secret", 1767312000L, BODY);

        assertThat(HmacSignature.verify("other-secret", 1767312000L, BODY, signature)).isFalse();
        assertThat(HmacSignature.verify("top-secret", 1767312001L, BODY, signature)).isFalse();
        assertThat(HmacSignature.verify("top-secret", 1767312000L, new byte[0], signature))
                .isFalse();
        assertThat(HmacSignature.verify("top-secret", 1767312000L, BODY, "sha256=zz")).isFalse();
        assertThat(HmacSignature.verify("top-secret", 1767312000L, BODY, null)).isFalse();
    }
}
