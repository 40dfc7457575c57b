package dev.vigil.console.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

    private static RecordIds of(String json) {
        return RecordIds.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheTopLevelIdsAndSkipsNestedOnes() {
        RecordIds ids =
                of(
                        "{\"eventId\":\"e\",\"incidentId\":\"S-1\",\"sequence\":7,"
                                + "\"actor\":{\"userId\":\"u\",\"agencyId\":\"fire\"},"
                                + "\"alertIds\":[\"a1\",\"a2\"],\"agencyIds\":[\"river\"],"
                                + "\"evidence\":[{\"alertId\":\"nested\"}],\"detail\":null}");

        assertThat(ids.incidentId()).isEqualTo("S-1");
        assertThat(ids.sequence()).isEqualTo(7);
        assertThat(ids.alertIds()).containsExactly("a1", "a2");
        assertThat(ids.agencyIds()).containsExactly("river");
        assertThat(ids.agencyId()).isNull();
        assertThat(ids.alertId()).isNull();
    }

    @Test
    void aNullOrMissingFieldIsNullOrEmptyAndGarbageFails() {
        RecordIds ids = of("{\"alertId\":null,\"agencyIds\":null}");
        assertThat(ids.alertId()).isNull();
        assertThat(ids.agencyIds()).isEmpty();
        assertThatThrownBy(() -> of("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of("{\"alertId\":")).isInstanceOf(RuntimeException.class);
    }
}
