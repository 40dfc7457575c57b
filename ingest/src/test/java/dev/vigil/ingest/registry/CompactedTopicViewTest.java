package dev.vigil.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactedTopicViewTest {

    private final List<String> changes = new ArrayList<>();
    private final CompactedTopicView<String> view =
            new CompactedTopicView<>(
                    "127.0.0.1:1",
                    "vigil.test",
                    bytes -> {
                        String text = new String(bytes, StandardCharsets.UTF_8);
                        if (text.startsWith("!")) {
                            throw new IllegalArgumentException("unreadable");
                        }
                        return text;
                    },
                    (key, previous, current) -> changes.add(key + ":" + previous + "->" + current));

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theLatestValuePerKeyWinsAndATombstoneRemovesIt() {
        view.apply("a", bytes("1"), 0);
        view.apply("b", bytes("2"), 1);
        view.apply("a", bytes("3"), 2);
        view.apply("b", null, 3);

        assertThat(view.snapshot()).containsExactly(java.util.Map.entry("a", "3"));
        assertThat(changes).containsExactly("a:null->1", "b:null->2", "a:1->3", "b:2->null");
    }

    @Test
    void anUnreadableValueKeepsThePreviousOne() {
        view.apply("a", bytes("1"), 0);
        view.apply("a", bytes("!broken"), 1);

        assertThat(view.get("a")).contains("1");
        assertThat(changes).containsExactly("a:null->1");
    }

    @Test
    void aTombstoneForAnUnknownKeyOrARecordWithoutKeyChangesNothing() {
        view.apply("ghost", null, 0);
        view.apply(null, bytes("x"), 1);

        assertThat(view.snapshot()).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    void isNotCaughtUpUntilItSaysSo() {
        assertThat(view.caughtUp()).isFalse();
        view.markCaughtUp();
        assertThat(view.caughtUp()).isTrue();
    }
}
