package dev.vigil.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.IntStream;
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

    /**
     * A client that, when its message number {@code at} arrives, has another thread publish {@code
     * count} records and waits for that (at most 10 s): whether it managed tells whether the hub's
     * lock was free while this client was being sent to.
     */
    static final class PublishingWhileReceiving implements StreamHub.Client {
        final Recorder recorder = new Recorder(e -> true);
        final List<Boolean> publishedMeanwhile = new ArrayList<>();
        private final StreamHub hub;
        private final IntPredicate at;
        private final Runnable publish;

        PublishingWhileReceiving(StreamHub hub, IntPredicate at, Runnable publish) {
            this.hub = hub;
            this.at = at;
            this.publish = publish;
        }

        @Override
        public boolean sees(StreamEvent event) {
            return true;
        }

        @Override
        public void send(String message) {
            recorder.send(message);
            if (at.test(recorder.messages.size())) {
                Thread other = new Thread(publish, "test-publisher");
                other.start();
                try {
                    other.join(10_000);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                publishedMeanwhile.add(!other.isAlive());
            }
        }
    }

    @Test
    void aResumingClientsBacklogDoesNotStallTheHubAndIsFollowedByWhatArrivedMeanwhile() {
        // GIVEN 1,000 kept records and a live client that saw them
        StreamHub big = new StreamHub(10_000);
        big.partition(P0, 0, 0);
        big.partition(P1, 0, 0);
        Recorder live = new Recorder(e -> true);
        big.subscribe(live, null);
        int[] next = {0};
        Runnable publish100 =
                () -> {
                    for (int i = 0; i < 100; i++, next[0]++) {
                        int n = next[0];
                        big.publish(event(n % 2 == 0 ? P0 : P1, n / 2, "r" + n));
                    }
                };
        for (int i = 0; i < 10; i++) {
            publish100.run();
        }
        String afterFirst = live.messages.get(1).path("cursor").asText();

        // WHEN a client resumes after the first, and other threads publish 100 records while
        // its backlog is being sent (its 10th message) and again while it is being sent what
        // arrived meanwhile (its 1,005th)
        PublishingWhileReceiving resuming =
                new PublishingWhileReceiving(big, n -> n == 10 || n == 1_005, publish100);
        big.subscribe(resuming, afterFirst);
        // ... and more arrive once it has joined the live clients
        publish100.run();

        // THEN both publishes went through while the client was catching up: the lock was free
        assertThat(resuming.publishedMeanwhile).containsExactly(true, true);
        // AND the live client had them at once
        assertThat(live.ids()).hasSize(1_300);
        // AND the resumed client got every later record once, in the order read: no gap, no
        // duplicate
        List<String> all = IntStream.range(1, 1_300).mapToObj(n -> "r" + n).toList();
        assertThat(resuming.recorder.ids()).containsExactlyElementsOf(all);
        assertThat(resuming.recorder.kinds().get(0)).isEqualTo("hello");
        // AND it is at the hub's position: its latest message is the live client's very message
        assertThat(resuming.recorder.messages.get(resuming.recorder.messages.size() - 1))
                .isEqualTo(live.messages.get(live.messages.size() - 1));
        // AND its cursors only move forward: each message resumes right after itself
        Set<String> cursors = new java.util.HashSet<>();
        resuming.recorder.messages.forEach(m -> cursors.add(m.path("cursor").asText()));
        assertThat(cursors).hasSize(resuming.recorder.messages.size());
    }

    @Test
    void aClientGoneWhileCatchingUpIsSentNothingMore() {
        hub.partition(P0, 0, 0);
        Recorder live = new Recorder(e -> true);
        hub.subscribe(live, null);
        for (int i = 0; i < 20; i++) {
            hub.publish(event(P0, i, "r" + i));
        }
        String start = live.messages.get(1).path("cursor").asText();
        AtomicBoolean once = new AtomicBoolean();
        PublishingWhileReceiving[] leaving = new PublishingWhileReceiving[1];
        leaving[0] =
                new PublishingWhileReceiving(
                        hub,
                        n -> n == 5 && once.compareAndSet(false, true),
                        () -> hub.unsubscribe(leaving[0]));
        hub.subscribe(leaving[0], start);

        hub.publish(event(P0, 20, "after"));

        // the rest of its backlog is not built for it either: it left at its fifth message
        assertThat(leaving[0].publishedMeanwhile).containsExactly(true);
        assertThat(leaving[0].recorder.messages).hasSize(5);
        assertThat(leaving[0].recorder.ids()).doesNotContain("after");
        assertThat(live.ids()).contains("after");
    }

    @Test
    void pingsEveryClient() {
        Recorder a = new Recorder(e -> true);
        hub.subscribe(a, null);
        hub.ping();
        assertThat(a.kinds()).containsExactly("hello", "ping");
    }
}
