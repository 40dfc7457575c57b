package dev.vigil.events.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Samples;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void equalBytesInDifferentArraysAreEqual() {
        DeadLetter a = letter(new byte[] {'#', '#', 0, 1});
        DeadLetter b = letter(new byte[] {'#', '#', 0, 1});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(letter(new byte[] {'#', '#', 0, 2}));
    }

    @Test
    void rawBytesCannotBeChangedFromOutside() {
        byte[] raw = {'#', '#'};
        DeadLetter letter = letter(raw);

        raw[0] = 'X';
        letter.raw()[1] = 'Y';

        assertThat(letter.raw()).containsExactly('#', '#');
    }

    @Test
    void toStringShowsTheBytesReadably() {
        assertThat(letter(new byte[] {'#', '#', 0, '\r', '\n'}).toString())
                .contains("raw=5 bytes \"##\\x00\\x0d\\x0a\"");
        assertThat(Samples.fullDeadLetter().toString())
                .contains("raw=" + Samples.HOURLY_FRAME.length + " bytes \"##0325QN=")
                .contains("...\"");
    }

    private static DeadLetter letter(byte[] raw) {
        return new DeadLetter(
                "hj212", "bad CRC", "CRC", raw, null, Samples.RECEIVED, Map.of("cn", "2011"));
    }
}
