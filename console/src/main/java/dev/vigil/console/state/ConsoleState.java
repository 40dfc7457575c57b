package dev.vigil.console.state;

import dev.vigil.events.Topics;
import dev.vigil.events.account.Account;
import dev.vigil.events.account.AuditEntry;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the console knows, folded from Kafka at start and kept current by {@link ProjectionReader}:
 * incidents with their timelines, the latest state of each alert, deliveries per incident, the
 * source registry, rules with their history, accounts, video events, complaints and the audit
 * trail. Every change is idempotent (a replayed record changes nothing), so the console may apply
 * its own writes at once and again when they come back from Kafka; account writes are the
 * exception: they are applied only as read from Kafka, where the first of two conflicting versions
 * wins (see {@link #accepted}).
 */
public final class ConsoleState {

    /** An alert's latest record and when its episode fired and resolved, for KPIs. */
    public record AlertHistory(Alert latest, Instant firstFiringAt, Instant resolvedAt) {}

    private static final int AUDIT_KEPT = 100_000;

    /**
     * Accepted versions kept per account for {@link #accepted}: a writer reads its own record back
     * within moments, so only the latest few can still be asked about, and an account edited for
     * years keeps no more than these.
     */
    static final int ACCOUNT_VERSIONS_KEPT = 16;

    private final Map<String, TreeMap<Long, IncidentEvent>> incidents = new LinkedHashMap<>();
    private final Map<String, AlertHistory> alerts = new LinkedHashMap<>();
    private final Map<String, Map<String, Delivery>> deliveries = new LinkedHashMap<>();
    private final Map<String, Source> sources = new TreeMap<>();
    private final Map<String, ThresholdRule> rules = new TreeMap<>();
    private final Map<String, TreeMap<Long, ThresholdRule>> ruleHistory = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new TreeMap<>();
    private final Map<String, Map<Long, Account>> accountVersions = new HashMap<>();
    private final Map<String, VideoEvent> videoEvents = new LinkedHashMap<>();
    private final Map<String, Complaint> complaints = new LinkedHashMap<>();
    private final Deque<AuditEntry> audit = new ArrayDeque<>();
    private final Set<String> auditIds = new HashSet<>();

    /** Applies one record of one of the console's topics; a {@code null} value is a tombstone. */
    public synchronized void apply(String topic, String key, Object value) {
        if (topic.equals(Topics.INCIDENTS.name())) {
            applyIncident((IncidentEvent) value);
        } else if (topic.equals(Topics.ALERTS.name())) {
            applyAlert((Alert) value);
        } else if (topic.equals(Topics.DELIVERIES.name())) {
            Delivery d = (Delivery) value;
            deliveries
                    .computeIfAbsent(d.incidentId(), k -> new LinkedHashMap<>())
                    .put(d.deliveryId(), d);
        } else if (topic.equals(Topics.SOURCES.name())) {
            applySource(key, (Source) value);
        } else if (topic.equals(Topics.RULES.name())) {
            applyRule(key, (ThresholdRule) value);
        } else if (topic.equals(Topics.RULE_HISTORY.name())) {
            ThresholdRule rule = (ThresholdRule) value;
            ruleHistory
                    .computeIfAbsent(rule.ruleId(), k -> new TreeMap<>())
                    .put(rule.version(), rule);
        } else if (topic.equals(Topics.ACCOUNTS.name())) {
            applyAccount(key, (Account) value);
        } else if (topic.equals(Topics.VIDEO_EVENTS.name())) {
            VideoEvent v = (VideoEvent) value;
            videoEvents.put(v.eventId(), v);
        } else if (topic.equals(Topics.COMPLAINTS.name())) {
            Complaint c = (Complaint) value;
            complaints.put(c.complaintId(), c);
        } else if (topic.equals(Topics.AUDIT.name())) {
            applyAudit((AuditEntry) value);
        }
    }

    private void applyIncident(IncidentEvent event) {
        incidents
                .computeIfAbsent(event.incidentId(), k -> new TreeMap<>())
                .putIfAbsent(event.sequence(), event);
    }

    private void applyAlert(Alert alert) {
        AlertHistory before = alerts.get(alert.alertId());
        Instant firing =
                before != null && before.firstFiringAt() != null
                        ? before.firstFiringAt()
                        : alert.state() == Alert.State.FIRING ? alert.eventTime() : null;
        Instant resolved = alert.state() == Alert.State.RESOLVED ? alert.eventTime() : null;
        alerts.put(alert.alertId(), new AlertHistory(alert, firing, resolved));
    }

    private void applySource(String key, Source source) {
        if (source == null) {
            sources.remove(key);
            return;
        }
        Source known = sources.get(key);
        if (known == null || known.version() <= source.version()) {
            sources.put(key, source);
        }
    }

    private void applyRule(String key, ThresholdRule rule) {
        if (rule == null) {
            rules.remove(key);
            return;
        }
        ThresholdRule known = rules.get(key);
        if (known == null || known.version() <= rule.version()) {
            rules.put(key, rule);
        }
        ruleHistory.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(rule.version(), rule);
    }

    /**
     * Optimistic concurrency: a version is accepted only when it follows the one it replaces, so of
     * two consoles that both wrote version n the first on the topic wins on every console (each
     * reads the topic in the same order) and the other is ignored. The first record of a name
     * (after compaction, possibly a later version) is taken as it is.
     */
    private void applyAccount(String key, Account account) {
        if (account == null) {
            accounts.remove(key);
            accountVersions.remove(key);
            return;
        }
        Account known = accounts.get(key);
        if (known == null || account.version() == known.version() + 1) {
            accounts.put(key, account);
            Map<Long, Account> versions =
                    accountVersions.computeIfAbsent(key, k -> new HashMap<>());
            versions.put(account.version(), account);
            versions.remove(account.version() - ACCOUNT_VERSIONS_KEPT);
        }
    }

    private void applyAudit(AuditEntry entry) {
        if (!auditIds.add(entry.auditId())) {
            return;
        }
        audit.addLast(entry);
        if (audit.size() > AUDIT_KEPT) {
            auditIds.remove(audit.removeFirst().auditId());
        }
    }

    // ---- incidents

    /** Every incident's summary, unsorted. */
    public synchronized List<IncidentSummary> incidents() {
        List<IncidentSummary> out = new ArrayList<>(incidents.size());
        for (String id : incidents.keySet()) {
            out.add(summary(id));
        }
        return out;
    }

    /** One incident's summary. */
    public synchronized Optional<IncidentSummary> incident(String incidentId) {
        return incidents.containsKey(incidentId)
                ? Optional.of(summary(incidentId))
                : Optional.empty();
    }

    /** One incident's events, oldest first. */
    public synchronized List<IncidentEvent> timeline(String incidentId) {
        TreeMap<Long, IncidentEvent> events = incidents.get(incidentId);
        return events == null ? List.of() : List.copyOf(events.values());
    }

    /** Every incident's events, for KPIs. */
    public synchronized Map<String, List<IncidentEvent>> timelines() {
        Map<String, List<IncidentEvent>> out = new LinkedHashMap<>();
        incidents.forEach((id, events) -> out.put(id, List.copyOf(events.values())));
        return out;
    }

    private IncidentSummary summary(String incidentId) {
        TreeMap<Long, IncidentEvent> events = incidents.get(incidentId);
        IncidentEvent first = events.firstEntry().getValue();
        IncidentEvent last = events.lastEntry().getValue();
        Source source = sources.get(last.sourceId());
        return new IncidentSummary(
                incidentId,
                last.state(),
                last.priority(),
                last.severity(),
                last.category(),
                last.sourceId(),
                source == null ? null : source.name(),
                first.at(),
                last.at(),
                last.alertIds().size(),
                last.agencyIds(),
                last.deadline(),
                last.type(),
                last.detail(),
                last.sequence(),
                events.values().stream()
                        .filter(e -> e.type() == IncidentEvent.Type.AGENCY_ACKNOWLEDGED)
                        .filter(e -> e.actor() != null && e.actor().agencyId() != null)
                        .map(e -> e.actor().agencyId())
                        .distinct()
                        .toList());
    }

    // ---- alerts, deliveries, evidence

    /** The latest record of each alert. */
    public synchronized List<Alert> alerts() {
        return alerts.values().stream().map(AlertHistory::latest).toList();
    }

    /** The latest record of each alert with when it fired and resolved. */
    public synchronized List<AlertHistory> alertHistories() {
        return List.copyOf(alerts.values());
    }

    /** The latest record of an alert. */
    public synchronized Optional<Alert> alert(String alertId) {
        return Optional.ofNullable(alerts.get(alertId)).map(AlertHistory::latest);
    }

    /** The FIRING alerts of a source (latest record per id). */
    public synchronized List<Alert> openAlerts(String sourceId) {
        return alerts.values().stream()
                .map(AlertHistory::latest)
                .filter(a -> a.sourceId().equals(sourceId) && a.state() == Alert.State.FIRING)
                .toList();
    }

    /** The latest step of each delivery of an incident. */
    public synchronized List<Delivery> deliveries(String incidentId) {
        Map<String, Delivery> byId = deliveries.get(incidentId);
        return byId == null ? List.of() : List.copyOf(byId.values());
    }

    /** A video event by id. */
    public synchronized Optional<VideoEvent> videoEvent(String eventId) {
        return Optional.ofNullable(videoEvents.get(eventId));
    }

    /** A complaint by id. */
    public synchronized Optional<Complaint> complaint(String complaintId) {
        return Optional.ofNullable(complaints.get(complaintId));
    }

    // ---- registry and rules

    /** Every source, by id. */
    public synchronized List<Source> sources() {
        return List.copyOf(sources.values());
    }

    /** A source by id. */
    public synchronized Optional<Source> source(String sourceId) {
        return Optional.ofNullable(sources.get(sourceId));
    }

    /** Every rule's latest version, by id. */
    public synchronized List<ThresholdRule> rules() {
        return List.copyOf(rules.values());
    }

    /** A rule's latest version. */
    public synchronized Optional<ThresholdRule> rule(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }

    /** Every version of a rule, newest first. */
    public synchronized List<ThresholdRule> ruleHistory(String ruleId) {
        TreeMap<Long, ThresholdRule> versions = ruleHistory.get(ruleId);
        return versions == null ? List.of() : List.copyOf(versions.descendingMap().values());
    }

    // ---- accounts and audit

    /** Every account, by user name. */
    public synchronized List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    /** An account by user name. */
    public synchronized Optional<Account> account(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    /**
     * Whether {@code account} is the version of its user that was accepted, for a writer that read
     * its own record back: false when another record of that version came first on the topic.
     */
    public synchronized boolean accepted(Account account) {
        Map<Long, Account> versions = accountVersions.get(account.username());
        return versions != null && account.equals(versions.get(account.version()));
    }

    /** The audit trail, newest first. */
    public synchronized List<AuditEntry> audit() {
        List<AuditEntry> out = new ArrayList<>(audit);
        out.sort(Comparator.comparing(AuditEntry::at).reversed());
        return out;
    }
}
