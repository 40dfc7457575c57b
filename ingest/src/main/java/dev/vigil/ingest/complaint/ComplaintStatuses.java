package dev.vigil.ingest.complaint;

import dev.vigil.events.Topics;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.ingest.registry.CompactedTopicView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The statuses of received complaints, from this instance's own publications and from following
 * {@code vigil.complaints} (so every ingest instance answers for every complaint within the topic's
 * retention, and a restart loses nothing). Only the small status is kept per complaint, never its
 * text.
 */
public final class ComplaintStatuses implements AutoCloseable {

    private static final int RECENT = 10_000;

    private final CompactedTopicView<ComplaintStatus> view;
    private final Map<String, ComplaintStatus> recent =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ComplaintStatus> eldest) {
                    return size() > RECENT;
                }
            };

    private ComplaintStatuses(CompactedTopicView<ComplaintStatus> view) {
        this.view = view;
    }

    /** Statuses that follow {@code vigil.complaints} on this Kafka cluster. */
    public static ComplaintStatuses following(String bootstrapServers) {
        CompactedTopicView<ComplaintStatus> view =
                new CompactedTopicView<>(
                        bootstrapServers,
                        Topics.COMPLAINTS.name(),
                        bytes ->
                                ComplaintStatus.received(
                                        Topics.COMPLAINTS
                                                .valueSerde()
                                                .deserializer()
                                                .deserialize(Topics.COMPLAINTS.name(), bytes)),
                        null);
        return new ComplaintStatuses(view.start());
    }

    /** Statuses of this instance's own publications only, for tests. */
    public static ComplaintStatuses inMemory() {
        return new ComplaintStatuses(null);
    }

    /** The status of the complaint, if it is known. */
    public Optional<ComplaintStatus> find(String complaintId) {
        synchronized (recent) {
            ComplaintStatus mine = recent.get(complaintId);
            if (mine != null) {
                return Optional.of(mine);
            }
        }
        return view == null ? Optional.empty() : view.get(complaintId);
    }

    /** Records a complaint this instance published (after Kafka's ack). */
    public void received(Complaint complaint) {
        synchronized (recent) {
            recent.put(complaint.complaintId(), ComplaintStatus.received(complaint));
        }
    }

    @Override
    public void close() {
        if (view != null) {
            view.close();
        }
    }
}
