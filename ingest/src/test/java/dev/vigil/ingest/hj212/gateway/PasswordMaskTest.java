package dev.vigil.ingest.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordMaskTest {

    private static String mask(String raw) {
        return new String(
                PasswordMask.mask(raw.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void masksTheHeaderPassword() {
        assertThat(
                        mask(
                                "##0101QN=1;ST=32;CN=1062;PW=100000;MN=X;Flag=5;CP=&&RtdInterval=30&&1C80\r\n"))
                .isEqualTo(
                        "##0101QN=1;ST=32;CN=1062;PW=******;MN=X;Flag=5;CP=&&RtdInterval=30&&1C80\r\n");
    }

    @Test
    void masksNewPasswordsInsideCpAndPasswordsAtTheEdges() {
        assertThat(mask("PW=abc;CP=&&NewPW=secret&&")).isEqualTo("PW=******;CP=&&NewPW=******&&");
        assertThat(mask("garbage PW=12345")).isEqualTo("garbage PW=******");
        assertThat(mask("PW=;MN=1")).isEqualTo("PW=******;MN=1");
    }

    @Test
    void masksPasswordsWhoseKeyHidesNulBytes() {
        assertThat(mask("ST=32;P\0W\0=123456;MN=1")).isEqualTo("ST=32;P\0W\0=******;MN=1");
    }

    @Test
    void leavesOtherBytesAloneAndReturnsACopy() {
        byte[] raw = "MN=PWX;CP=&&a-Rtd=1&&".getBytes(StandardCharsets.US_ASCII);
        byte[] masked = PasswordMask.mask(raw);
        assertThat(masked).isEqualTo(raw).isNotSameAs(raw);
    }
}
