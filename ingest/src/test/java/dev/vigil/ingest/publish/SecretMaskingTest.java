package dev.vigil.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.testkit.HttpFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    @Test
    void masksWsSecurityPasswordAndNonceInOnvifSoap() {
        byte[] soap = HttpFixtures.bytes("video/onvif/notify-motion-tamper.xml");

        String masked = new String(SecretMasking.mask(soap), StandardCharsets.UTF_8);

        assertThat(masked)
                .doesNotContain("tuOSpGlFlIXsozq4HFNeeGeFLEI=", "LKqI6G/AikKCQrN0zqZFlg==")
                .contains("#PasswordDigest\">***</wsse:Password>")
                .contains("<wsse:Username>onvif-relay</wsse:Username>")
                .contains("tns1:RuleEngine/CellMotionDetector/Motion");
    }

    @Test
    void masksSecretLookingJsonFields() {
        byte[] json =
                "{\"cameraId\":\"c1\",\"apiKey\":\"k-123\",\"password\":\"p\\\"w\",\"token\":\"t\"}"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(new String(SecretMasking.mask(json), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"cameraId\":\"c1\",\"apiKey\":\"***\",\"password\":\"***\",\"token\":\"***\"}");
    }

    @Test
    void leavesOtherBytesAloneIncludingBinaryParts() {
        byte[] multipart = HttpFixtures.bytes("video/hikvision/fielddetection-multipart.bin");

        assertThat(SecretMasking.mask(multipart)).isSameAs(multipart);
    }
}
