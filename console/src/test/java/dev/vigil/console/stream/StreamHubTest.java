package dev.vigil.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StreamHubTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TopicPartition P0 = new TopicPartition("vigil.alerts", 0);
    private static final TopicPartition P1 = new TopicPartition("vigil.alerts", 1);

    /** A client that keeps what it is sent. */
    static final class Recorder implements StreamHub.Client {
        final List<JsonNode> messages = new ArrayList<>();
        final Predicate<StreamEvent> filter;

        Recorder(Predicate<StreamEvent> filter) {
            this.filter = filter;
        }

        @Override
        public boolean sees(StreamEvent event) {
            return filter.test(event);
        }

        @Override
        public void send(String message) {
            try {
                messages.add(MAPPER.readTree(message));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        List<String> ids() {
            return messages.stream()
                    .filter(m -> m.path("kind").asText().equals("alert"))
                    .map(m -> m.path("data").path("id").asText())
                    .toList();
        }

        List<String> kinds() {
            return messages.stream().map(m -> m.path("kind").asText()).toList();
        }

        String lastCursor() {
            return messages.get(messages.size() - 1).path("cursor").asText();
        }
    }

    private static StreamEvent event(TopicPartition p, long offset, String id) {
        return new StreamEvent(p, offset, "alert", "{\"id\":\"" + id + "\"}", null, id, null);
    }

    private final StreamHub hub = new StreamHub(100);

    @Test
    void resumingAfterACursorSendsEveryLaterRecordOnceThenLiveOnes() {
        hub.partition(P0, 0, 0);
        hub.partition(P1, 0, 0);
        Recorder first = new Recorder(e -> true);
        hub.subscribe(first, null);
        hub.publish(event(P0, 0, "a"));
        hub.publish(event(P1, 0, "b"));
        String afterB = first.lastCursor();
        hub.publish(event(P0, 1, "c"));
        hub.unsubscribe(first);
        hub.publish(event(P1, 1, "d"));

        Recorder resumed = new Recorder(e -> true);
        hub.subscribe(resumed, afterB);
        hub.publish(event(P0, 2, "e"));
        // A record read again after the consumer restarted is not sent twice.
        hub.publish(event(P0, 1, "c"));

        assertThat(first.ids()).containsExactly("a", "b", "c");
        assertThat(resumed.ids()).containsExactly("c", "d", "e");
        assertThat(resumed.messages.get(0).path("cursor").asText()).isEqualTo(afterB);
        assertThat(first.kinds().get(0)).isEqualTo("hello");
    }

    @Test
    void theCursorOfAFilteredClientStillMovesPastWhatItMayNotSee() {
        hub.partition(P0, 0, 0);
        Recorder agency = new Recorder(e -> !e.json().contains("secret"));
        hub.subscribe(agency, null);
        hub.publish(event(P0, 0, "secret"));
        hub.publish(event(P0, 1, "mine"));
        Recorder again = new Recorder(e -> true);
        hub.subscribe(again, agency.lastCursor());
        assertThat(agency.ids()).containsExactly("mine");
        assertThat(again.kinds()).containsExactly("hello");
    }

    @Test
    void aCursorThatCannotBeServedGivesAReset() {
        hub.partition(P0, 5, 10); // records before 5 are gone
        Recorder stale = new Recorder(e -> true);
        Cursor old = Cursor.start();
        old.advance(P0, 2);
        hub.subscribe(stale, old.encode());
        Recorder foreign = new Recorder(e -> true);
        Cursor ahead = Cursor.start();
        ahead.advance(P0, 99);
        hub.subscribe(foreign, ahead.encode());
        Recorder garbage = new Recorder(e -> true);
        hub.subscribe(garbage, "%%%");

        assertThat(stale.messages.get(0).path("kind").asText()).isEqualTo("reset");
        assertThat(foreign.messages.get(0).path("kind").asText()).isEqualTo("reset");
        assertThat(garbage.messages.get(0).path("kind").asText()).isEqualTo("reset");
        hub.publish(event(P0, 10, "live"));
        assertThat(garbage.ids()).containsExactly("live");
        assertThat(garbage.kinds()).containsExactly("reset", "alert");
    }

    @Test
    void aResumedClientGetsTheSameMessagesAsLiveOnesOnceItHasItsBacklog() {
        // GIVEN a live client that saw "a", and one resuming after "a" with "b" to catch up
        hub.partition(P0, 0, 0);
        hub.partition(P1, 0, 0);
        Recorder live = new Recorder(e -> true);
        hub.subscribe(live, null);
        hub.publish(event(P0, 0, "a"));
        String afterA = live.lastCursor();
        hub.publish(event(P1, 0, "b"));
        Recorder resumed = new Recorder(e -> true);
        hub.subscribe(resumed, afterA);

        // WHEN a record arrives THEN both get the very same message, cursor included
        hub.publish(event(P0, 1, "c"));
        assertThat(resumed.ids()).containsExactly("b", "c");
        assertThat(resumed.messages.get(resumed.messages.size() - 1))
                .isEqualTo(live.messages.get(live.messages.size() - 1));
    }

    @Test
    void pingsEveryClient() {
        Recorder a = new Recorder(e -> true);
        hub.subscribe(a, null);
        hub.ping();
        assertThat(a.kinds()).containsExactly("hello", "ping");
    }
}
