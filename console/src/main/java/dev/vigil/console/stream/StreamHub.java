package dev.vigil.console.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Pushes streamed records to connected clients in the order the console read them, each with the
 * cursor that resumes right after it. It keeps the records read since start (up to a bound) so a
 * client reconnecting with {@code ?after=C} first gets every record after {@code C} and then the
 * live ones; subscribing and publishing hold one lock, so nothing falls between backlog and live
 * and nothing is sent twice.
 *
 * <p>A client that is up to date with the hub (every live client, and a resuming one once it has
 * its backlog) is at the hub's own cursor, so its message for a record is the same as every other
 * such client's: it is built once per record, not once per client, and a client that may not see
 * the record costs one filter call.
 */
public final class StreamHub {

    /** A connected client: what it may see, and a send that must not block. */
    public interface Client {
        /** Whether the client may see this record (agency users: only their incidents'). */
        boolean sees(StreamEvent event);

        /** Queues one message for the client. */
        void send(String message);
    }

    private final int kept;
    private final Deque<StreamEvent> log = new ArrayDeque<>();
    private final Map<TopicPartition, Long> floor = new HashMap<>();
    private final Map<TopicPartition, Long> end = new HashMap<>();
    private final Cursor position = Cursor.start();
    // A client's own cursor while it is behind the hub; null once it is at the hub's position.
    private final Map<Client, Cursor> clients = new LinkedHashMap<>();

    /** A hub that keeps the latest {@code kept} records for resuming clients. */
    public StreamHub(int kept) {
        this.kept = kept;
    }

    /**
     * Tells the hub what Kafka holds in a partition when the console starts: records before {@code
     * beginning} are gone, and a cursor beyond {@code endOffset} does not belong to this cluster.
     */
    public synchronized void partition(TopicPartition partition, long beginning, long endOffset) {
        floor.merge(partition, beginning, Math::max);
        end.merge(partition, endOffset, Math::max);
    }

    /** Appends a record read from Kafka and sends it to every client that may see it. */
    public synchronized void publish(StreamEvent event) {
        if (!position.isAfter(event.partition(), event.offset())) {
            return; // read again after the consumer restarted: sent already
        }
        position.advance(event.partition(), event.offset());
        end.merge(event.partition(), event.offset() + 1, Math::max);
        log.addLast(event);
        while (log.size() > kept) {
            StreamEvent dropped = log.removeFirst();
            floor.merge(dropped.partition(), dropped.offset() + 1, Math::max);
        }
        String shared = null;
        for (Map.Entry<Client, Cursor> entry : clients.entrySet()) {
            Client client = entry.getKey();
            Cursor cursor = entry.getValue();
            if (cursor != null) {
                deliver(client, cursor, event);
                if (cursor.samePositions(position)) {
                    entry.setValue(null);
                }
            } else if (client.sees(event)) {
                if (shared == null) {
                    shared = message(position, event.kind(), event.json());
                }
                client.send(shared);
            }
        }
    }

    /**
     * Connects a client: first a {@code hello} message with the cursor it starts from (so a client
     * that sees no record still has one to resume with), then, with a cursor, every kept record
     * after it; without one, only live records. A cursor the hub cannot serve (malformed, records
     * gone, or from another cluster) gives a {@code reset} message instead of the {@code hello},
     * and then live records.
     *
     * @param after the client's encoded cursor; null for none
     */
    public synchronized void subscribe(Client client, String after) {
        Optional<Cursor> resume = after == null ? Optional.empty() : Cursor.decode(after);
        if (after != null && (resume.isEmpty() || !servable(resume.get()))) {
            client.send(message(position, "reset", "null"));
            resume = Optional.empty();
        }
        if (resume.isEmpty()) {
            if (after == null) {
                client.send(message(position, "hello", "null"));
            }
            clients.put(client, null);
            return;
        }
        Cursor cursor = resume.get().copy();
        client.send(message(cursor, "hello", "null"));
        for (StreamEvent event : log) {
            deliver(client, cursor, event);
        }
        clients.put(client, cursor.samePositions(position) ? null : cursor);
    }

    /** Disconnects a client. */
    public synchronized void unsubscribe(Client client) {
        clients.remove(client);
    }

    /** The cursor after everything read so far. */
    public synchronized String position() {
        return position.encode();
    }

    /** Sends a ping to every client. */
    public synchronized void ping() {
        clients.forEach((client, cursor) -> client.send("{\"kind\":\"ping\"}"));
    }

    private boolean servable(Cursor cursor) {
        for (Map.Entry<TopicPartition, Long> entry : cursor.positions().entrySet()) {
            Long known = end.get(entry.getKey());
            if (known == null || entry.getValue() > known) {
                return false;
            }
            if (entry.getValue() < floor.getOrDefault(entry.getKey(), 0L)) {
                return false;
            }
        }
        // A partition the cursor does not name must still be whole here.
        for (Map.Entry<TopicPartition, Long> entry : floor.entrySet()) {
            if (!cursor.positions().containsKey(entry.getKey()) && entry.getValue() > 0) {
                return false;
            }
        }
        return true;
    }

    private static void deliver(Client client, Cursor cursor, StreamEvent event) {
        if (!cursor.isAfter(event.partition(), event.offset())) {
            return;
        }
        cursor.advance(event.partition(), event.offset());
        if (client.sees(event)) {
            client.send(message(cursor, event.kind(), event.json()));
        }
    }

    private static String message(Cursor cursor, String kind, String json) {
        return "{\"cursor\":\""
                + cursor.encode()
                + "\",\"kind\":\""
                + kind
                + "\",\"data\":"
                + json
                + "}";
    }
}
