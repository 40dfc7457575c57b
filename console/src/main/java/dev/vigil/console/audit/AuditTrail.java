package dev.vigil.console.audit;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.kafka.Publisher;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.events.Topics;
import dev.vigil.events.account.AuditEntry;
import dev.vigil.events.account.AuditEntry.Outcome;
import dev.vigil.events.incident.Actor.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every sign-in and every action to {@code vigil.audit} and answers the admins' queries over
 * it. A write Kafka refuses is logged, never lost silently, and does not undo the action it records
 * (that already happened).
 */
public final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /** What {@code GET /api/audit} filters on; null fields do not filter. */
    public record Query(
            String username, String action, Outcome outcome, Instant from, Instant to, int limit) {}

    private final Publisher publisher;
    private final ConsoleState state;
    private final Clock clock;

    public AuditTrail(Publisher publisher, ConsoleState state, Clock clock) {
        this.publisher = publisher;
        this.state = state;
        this.clock = clock;
    }

    /** Records one attempt. */
    public AuditEntry record(
            String username,
            Role role,
            String agencyId,
            String action,
            String target,
            Outcome outcome,
            String detail,
            String remoteAddress) {
        AuditEntry entry =
                new AuditEntry(
                        UUID.randomUUID().toString(),
                        clock.instant(),
                        username == null || username.isBlank() ? "(none)" : username,
                        role,
                        agencyId,
                        action,
                        target,
                        outcome,
                        detail,
                        remoteAddress);
        state.apply(Topics.AUDIT.name(), entry.username(), entry);
        try {
            publisher.publish(Topics.AUDIT, entry);
        } catch (ApiError e) {
            LOG.error("audit entry not written to Kafka: {} ({})", entry, e.getMessage());
        }
        return entry;
    }

    /** The entries matching the query, newest first. */
    public List<AuditEntry> query(Query q) {
        return state.audit().stream()
                .filter(e -> q.username() == null || e.username().equals(q.username()))
                .filter(e -> q.action() == null || e.action().startsWith(q.action()))
                .filter(e -> q.outcome() == null || e.outcome() == q.outcome())
                .filter(e -> q.from() == null || !e.at().isBefore(q.from()))
                .filter(e -> q.to() == null || e.at().isBefore(q.to()))
                .sorted(Comparator.comparing(AuditEntry::at).reversed())
                .limit(q.limit())
                .toList();
    }
}
