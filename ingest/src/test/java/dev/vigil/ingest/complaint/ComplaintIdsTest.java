package dev.vigil.ingest.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ComplaintIdsTest {

    @Test
    void derivedIdsAreStableVersion8UuidsScopedByIntegration() {
        String id = ComplaintIds.derived("hotline-12345", "HL-20260102-00417");

        assertThat(ComplaintIds.derived("hotline-12345", "HL-20260102-00417")).isEqualTo(id);
        assertThat(ComplaintIds.derived("hotline-96310", "HL-20260102-00417")).isNotEqualTo(id);
        assertThat(ComplaintIds.derived("hotline-12345", "HL-20260102-00418")).isNotEqualTo(id);
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(8);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(ComplaintIds.isWellFormed(id)).isTrue();
    }

    @Test
    void randomIdsAreWellFormedAndDiffer() {
        assertThat(ComplaintIds.random()).isNotEqualTo(ComplaintIds.random());
        assertThat(ComplaintIds.isWellFormed(ComplaintIds.random())).isTrue();
        assertThat(ComplaintIds.isWellFormed("../../etc")).isFalse();
        assertThat(ComplaintIds.isWellFormed(null)).isFalse();
    }
}
