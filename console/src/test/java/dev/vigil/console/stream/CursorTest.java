package dev.vigil.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CursorTest {

    private static final TopicPartition ALERTS_0 = new TopicPartition("vigil.alerts", 0);
    private static final TopicPartition ALERTS_1 = new TopicPartition("vigil.alerts", 1);

    @Test
    void roundTripsAndOnlyMovesForward() {
        Cursor c = Cursor.start();
        c.advance(ALERTS_0, 9);
        c.advance(ALERTS_1, 3);
        c.advance(ALERTS_0, 4);
        Cursor back = Cursor.decode(c.encode()).orElseThrow();
        assertThat(back.next(ALERTS_0)).isEqualTo(10);
        assertThat(back.next(ALERTS_1)).isEqualTo(4);
        assertThat(back.isAfter(ALERTS_0, 9)).isFalse();
        assertThat(back.isAfter(ALERTS_0, 10)).isTrue();
        assertThat(back.isAfter(new TopicPartition("vigil.rules", 0), 0)).isTrue();
        assertThat(c.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void rejectsWhatIsNotACursor() {
        assertThat(Cursor.decode("!!!")).isEmpty();
        assertThat(Cursor.decode("bm90LWEtY3Vyc29y")).isEmpty(); // "not-a-cursor"
        assertThat(Cursor.decode(null)).isEmpty();
        assertThat(Cursor.decode(Cursor.start().encode())).isEmpty(); // blank
    }
}
