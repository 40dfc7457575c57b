package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicSpecTest {

    @Test
    void factoriesSetTheCleanupKind() {
        assertThat(TopicSpec.of("vigil.reports", 3).compacted()).isFalse();
        assertThat(TopicSpec.compacted("vigil.rules", 1).compacted()).isTrue();
        TopicSpec forever =
                TopicSpec.withConfigs("vigil.incidents", 2, java.util.Map.of("retention.ms", "-1"));
        assertThat(forever.compacted()).isFalse();
        assertThat(forever.configs()).containsEntry("retention.ms", "-1");
        assertThat(
                        TopicSpec.withConfigs(
                                        "vigil.rules",
                                        1,
                                        java.util.Map.of("cleanup.policy", "compact"))
                                .compacted())
                .isTrue();
    }

    @Test
    void rejectsABlankNameAndNoPartitions() {
        assertThatThrownBy(() -> TopicSpec.of(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicSpec.of("vigil.reports", 0))
                .hasMessageContaining("vigil.reports");
    }
}
