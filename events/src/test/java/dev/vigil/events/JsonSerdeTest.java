package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.source.Source;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private final Serde<Source> serde = Topics.SOURCES.valueSerde();

    @Test
    void nullValueIsWrittenAsTombstone() {
        assertThat(serde.serializer().serialize(Topics.SOURCES.name(), null)).isNull();
    }

    @Test
    void tombstoneIsReadAsNull() {
        assertThat(serde.deserializer().deserialize(Topics.SOURCES.name(), null)).isNull();
    }

    @Test
    void valueRoundTripsThroughKafkaSerde() {
        byte[] bytes = serde.serializer().serialize(Topics.SOURCES.name(), Samples.fullSource());

        assertThat(serde.deserializer().deserialize(Topics.SOURCES.name(), bytes))
                .isEqualTo(Samples.fullSource());
    }

    @Test
    void writesTheSameJsonAsJson() {
        assertThat(serde.serializer().serialize("any", Samples.fullSource()))
                .isEqualTo(Json.toBytes(Samples.fullSource()));
    }

    @Test
    void unreadableValueFailsWithTheTypeNamed() {
        byte[] garbage = "{\"sourceId\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("vigil.sources", garbage))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("cannot read Source");
    }

    @Test
    void keysAreStrings() {
        byte[] key = Topics.SOURCES.keySerde().serializer().serialize("t", Samples.SOURCE_ID);

        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(Samples.SOURCE_ID);
    }
}
