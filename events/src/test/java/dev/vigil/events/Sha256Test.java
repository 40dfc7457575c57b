package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final String ZEROS = "0".repeat(64);

    @Test
    void aDigestOfItsOwnIsHex() {
        assertThat(Sha256.isHex(Sha256.hex("vigil".getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(Sha256.isHex("0123456789abcdef".repeat(4))).isTrue();
    }

    @Test
    void everyCharacterOutsideLowerCaseHexIsRejectedAtEveryPosition() {
        // GIVEN every character up to U+017F and a few far beyond, except 0-9 and a-f
        StringBuilder others = new StringBuilder();
        for (char c = 0; c < 0x180; c++) {
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                others.append(c);
            }
        }
        others.append('\u3000').append('\uFF10').append('\uFFFF');

        for (int i = 0; i < others.length(); i++) {
            for (int at : new int[] {0, 31, 63}) {
                // WHEN one of them replaces a digit THEN the text is no digest
                String text = ZEROS.substring(0, at) + others.charAt(i) + ZEROS.substring(at + 1);
                assertThat(Sha256.isHex(text))
                        .as("U+%04X at %d", (int) others.charAt(i), at)
                        .isFalse();
            }
        }
    }

    @Test
    void onlySixtyFourCharactersAreADigest() {
        assertThat(Sha256.isHex(null)).isFalse();
        assertThat(Sha256.isHex("")).isFalse();
        assertThat(Sha256.isHex(ZEROS.substring(1))).isFalse();
        assertThat(Sha256.isHex(ZEROS + "0")).isFalse();
    }
}
