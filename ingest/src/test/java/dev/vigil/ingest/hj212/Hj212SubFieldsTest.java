package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Hj212SubFieldsTest {

    @Test
    void behavesAsALinkedHashMapWithTheSameEntries() {
        Hj212SubFields fields = new Hj212SubFields();
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String key = "K" + (i % 13);
            String value = "v" + i;

            assertThat(fields.set(key, value)).isEqualTo(expected.put(key, value));
        }

        assertThat(fields).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(fields);
        assertThat(fields.toString()).isEqualTo(expected.toString());
        assertThat(fields.entrySet()).containsExactlyElementsOf(expected.entrySet());
        assertThat(fields.get("K3")).isEqualTo("v16");
        assertThat(fields.get("K13")).isNull();
        assertThat(fields.containsKey("K12")).isTrue();
        assertThat(fields.containsKey(null)).isFalse();
    }

    @Test
    void isReadOnlyToEveryoneElse() {
        Hj212SubFields fields = new Hj212SubFields();
        fields.set("Rtd", "1.0");

        assertThatThrownBy(() -> fields.put("Flag", "N"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.remove("Rtd"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(fields::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue("2"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(fields).containsExactly(Map.entry("Rtd", "1.0"));
    }
}
