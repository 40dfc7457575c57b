package dev.vigil.console.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Pushes streamed records to connected clients in the order the console read them, each with the
 * cursor that resumes right after it. It keeps the records read since start (up to a bound) so a
 * client reconnecting with {@code ?after=C} first gets every record after {@code C} and then the
 * live ones.
 *
 * <p>A resuming client's backlog (up to every kept record) is sent without the hub's lock, so it
 * does not stall publishing to every other client: under the lock the hub takes a snapshot of the
 * kept records and from then on collects the records published for that client in a pending list;
 * outside it, the client is sent the snapshot and then, batch by batch, what was pending, until
 * under the lock nothing is pending any more and it joins the live clients. The snapshot and the
 * pending records together are exactly what was read, in order, so nothing falls between backlog
 * and live; the client's own cursor skips what it has seen, so nothing is sent twice.
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
    // Clients being sent their backlog outside the lock, with the records published meanwhile.
    private final Map<Client, CatchUp> catchingUp = new HashMap<>();

    /** A client's catch-up: what was published since its snapshot, and whether it left. */
    private static final class CatchUp {
        List<StreamEvent> pending = new ArrayList<>(); // guarded by the hub
        volatile boolean gone;
    }

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
        for (CatchUp catchUp : catchingUp.values()) {
            catchUp.pending.add(event);
        }
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
     * and then live records. With a cursor, returns once the client has been sent its backlog and
     * joined the live clients; the backlog is sent on the caller's thread without the hub's lock.
     *
     * @param after the client's encoded cursor; null for none
     */
    public void subscribe(Client client, String after) {
        Cursor cursor;
        StreamEvent[] backlog;
        CatchUp catchUp = new CatchUp();
        synchronized (this) {
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
            cursor = resume.get().copy();
            client.send(message(cursor, "hello", "null"));
            backlog = log.toArray(new StreamEvent[0]);
            catchingUp.put(client, catchUp);
        }
        send(client, cursor, catchUp, backlog);
        while (true) {
            List<StreamEvent> pending;
            synchronized (this) {
                if (catchUp.gone) {
                    return;
                }
                pending = catchUp.pending;
                if (pending.isEmpty()) {
                    catchingUp.remove(client);
                    clients.put(client, cursor.samePositions(position) ? null : cursor);
                    return;
                }
                catchUp.pending = new ArrayList<>();
            }
            send(client, cursor, catchUp, pending.toArray(new StreamEvent[0]));
        }
    }

    /** Sends part of a catch-up, unless the client left meanwhile. */
    private static void send(Client client, Cursor cursor, CatchUp catchUp, StreamEvent[] events) {
        for (StreamEvent event : events) {
            if (catchUp.gone) {
                return;
            }
            deliver(client, cursor, event);
        }
    }

    /** Disconnects a client. */
    public synchronized void unsubscribe(Client client) {
        clients.remove(client);
        CatchUp catchUp = catchingUp.remove(client);
        if (catchUp != null) {
            catchUp.gone = true;
        }
    }

    /** The cursor after everything read so far. */
    public synchronized String position() {
        return position.encode();
    }

    /** Sends a ping to every client. */
    public synchronized void ping() {
        clients.forEach((client, cursor) -> client.send("{\"kind\":\"ping\"}"));
        catchingUp.keySet().forEach(client -> client.send("{\"kind\":\"ping\"}"));
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
