package dev.vigil.events;

import dev.vigil.events.account.Account;
import dev.vigil.events.account.AuditEntry;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.complaint.ComplaintContact;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.integration.Integration;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoEvent;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every Kafka topic of Vigil, the only place topic names are spelled, so the launcher can create
 * them all with the right cleanup policy and modules meet nowhere else.
 */
public final class Topics {

    private static final Map<String, String> DELETE =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    private static final Map<String, String> COMPACT =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    private static final Map<String, String> KEEP_FOREVER =
            Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG,
                    "-1");

    /** Decoded HJ 212 data frames, keyed by device MN so each device's frames stay in order. */
    public static final Topic<String, Report> REPORTS =
            Topic.keyedByString("vigil.reports", Report.class, Report::mn, DELETE);

    /** Normalized camera, NVR and video-analytics events, keyed by camera id. */
    public static final Topic<String, VideoEvent> VIDEO_EVENTS =
            Topic.keyedByString(
                    "vigil.video-events", VideoEvent.class, VideoEvent::cameraId, DELETE);

    /** Citizen complaints without contact details, keyed by complaint id. */
    public static final Topic<String, Complaint> COMPLAINTS =
            Topic.keyedByString(
                    "vigil.complaints", Complaint.class, Complaint::complaintId, DELETE);

    /**
     * Complainants' contact details, keyed by complaint id; restricted to staff (agencies never
     * read it) and compacted so a contact can be erased with a tombstone.
     */
    public static final Topic<String, ComplaintContact> COMPLAINT_CONTACTS =
            Topic.keyedByString(
                    "vigil.complaint-contacts",
                    ComplaintContact.class,
                    ComplaintContact::complaintId,
                    COMPACT);

    /** The source registry, latest entry per source id; a tombstone deletes a source. */
    public static final Topic<String, Source> SOURCES =
            Topic.keyedByString("vigil.sources", Source.class, Source::sourceId, COMPACT);

    /**
     * Systems allowed to push data over HTTP (camera groups, NVRs, hotlines) with their
     * credentials, latest entry per integration id; a tombstone revokes one.
     */
    public static final Topic<String, Integration> INTEGRATIONS =
            Topic.keyedByString(
                    "vigil.integrations", Integration.class, Integration::integrationId, COMPACT);

    /** Threshold rules, latest version per rule id; a tombstone deletes a rule. */
    public static final Topic<String, ThresholdRule> RULES =
            Topic.keyedByString("vigil.rules", ThresholdRule.class, ThresholdRule::ruleId, COMPACT);

    /**
     * Every version of every threshold rule, keyed by rule id and kept forever, so a rule's history
     * survives the compaction of {@link #RULES}.
     */
    public static final Topic<String, ThresholdRule> RULE_HISTORY =
            Topic.keyedByString(
                    "vigil.rule-history", ThresholdRule.class, ThresholdRule::ruleId, KEEP_FOREVER);

    /** Console users, latest version per user name; a tombstone deletes a user. */
    public static final Topic<String, Account> ACCOUNTS =
            Topic.keyedByString("vigil.accounts", Account.class, Account::username, COMPACT);

    /** The console's audit trail of sign-ins and actions, keyed by user name, kept forever. */
    public static final Topic<String, AuditEntry> AUDIT =
            Topic.keyedByString(
                    "vigil.audit", AuditEntry.class, AuditEntry::username, KEEP_FOREVER);

    /** Detection results, firing and resolved, keyed by source id. */
    public static final Topic<String, Alert> ALERTS =
            Topic.keyedByString("vigil.alerts", Alert.class, Alert::sourceId, DELETE);

    /** Operators' and agencies' commands on incidents, keyed by incident id. */
    public static final Topic<String, Command> COMMANDS =
            Topic.keyedByString("vigil.commands", Command.class, Command::incidentId, DELETE);

    /** Incident history, keyed by incident id and kept forever (it is the record of duty). */
    public static final Topic<String, IncidentEvent> INCIDENTS =
            Topic.keyedByString(
                    "vigil.incidents",
                    IncidentEvent.class,
                    IncidentEvent::incidentId,
                    KEEP_FOREVER);

    /** Delivery attempts and receipts per agency and channel, keyed by incident id. */
    public static final Topic<String, Delivery> DELIVERIES =
            Topic.keyedByString("vigil.deliveries", Delivery.class, Delivery::incidentId, DELETE);

    /** Rejected input with its reason and raw bytes, keyed by origin; nothing is dropped. */
    public static final Topic<String, DeadLetter> DEAD_LETTER =
            Topic.keyedByString("vigil.dead-letter", DeadLetter.class, DeadLetter::origin, DELETE);

    private static final List<Topic<String, ?>> ALL =
            List.of(
                    REPORTS,
                    VIDEO_EVENTS,
                    COMPLAINTS,
                    COMPLAINT_CONTACTS,
                    SOURCES,
                    INTEGRATIONS,
                    RULES,
                    RULE_HISTORY,
                    ALERTS,
                    COMMANDS,
                    INCIDENTS,
                    DELIVERIES,
                    DEAD_LETTER,
                    ACCOUNTS,
                    AUDIT);

    private Topics() {}

    /** All topics, in data-flow order. */
    public static List<Topic<String, ?>> all() {
        return ALL;
    }
}
