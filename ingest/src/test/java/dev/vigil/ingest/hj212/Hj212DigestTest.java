package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.report.Report;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Hj212DigestTest {

    @Test
    void givesTheReportsDigestForFramesOfEverySize() {
        Random random = new Random(212);
        for (int length = 0; length <= 1100; length += 1 + length / 8) {
            byte[] raw = new byte[length];
            random.nextBytes(raw);

            assertThat(Hj212Digest.hex(raw)).isEqualTo(Report.digest(raw));
        }
    }

    @Test
    void givesTheReportsDigestForTheExamples() {
        for (String line : Hj212Fixtures.examples()) {
            byte[] raw = Hj212Fixtures.frameOf(line).raw();

            assertThat(Hj212Digest.hex(raw)).isEqualTo(Report.digest(raw));
        }
    }
}
