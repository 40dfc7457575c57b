package dev.vigil.ingest.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.testkit.HttpFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContactMaskingTest {

    @Test
    void masksEveryContactDetailAndKeepsTheRest() {
        String masked =
                new String(
                        ContactMasking.mask(HttpFixtures.bytes("complaints/hotline-odor.json")),
                        StandardCharsets.UTF_8);

        assertThat(masked)
                .doesNotContain("Wang Fang", "138 0013 8000", "wang.fang@example.cn")
                .contains("\"contact\":{\"name\":\"***\",\"phone\":\"***\",\"email\":\"***\"}")
                .contains("HL-20260102-00417", "Strong chemical smell");
    }

    @Test
    void masksPersonalFieldsWhereverTheSenderPutThem() {
        String masked =
                new String(
                        ContactMasking.mask(
                                ("{\"text\":\"t\",\"phone\":\"13800138000\",\"reporter\":{\"n\":\"Li\"},"
                                                + "\"extra\":[{\"email\":\"a@b.cn\"}],\"contact\":\"Li 138\"}")
                                        .getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8);

        assertThat(masked).doesNotContain("13800138000", "Li", "a@b.cn", "138");
    }

    @Test
    void aBodyThatCannotBeParsedIsWithheldEntirely() {
        byte[] broken = "{\"contact\":{\"phone\":\"13800138000\"".getBytes(StandardCharsets.UTF_8);

        assertThat(ContactMasking.mask(broken)).isEmpty();
        assertThat(ContactMasking.mask("[\"13800138000\"]".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void duplicateContactKeysAreAllMasked() {
        byte[] sneaky =
                "{\"contact\":{\"phone\":\"13800138000\"},\"contact\":{\"phone\":\"13900139000\"}}"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(new String(ContactMasking.mask(sneaky), StandardCharsets.UTF_8))
                .doesNotContain("13800138000", "13900139000");
    }
}
