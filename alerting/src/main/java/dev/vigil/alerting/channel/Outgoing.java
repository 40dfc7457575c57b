package dev.vigil.alerting.channel;

import dev.vigil.alerting.route.Endpoint;
import dev.vigil.alerting.route.SourceInfo;
import dev.vigil.events.incident.IncidentEvent;
import java.time.Instant;

/**
 * One message to send: the delivery id the receiver deduplicates on, the incident as it stands,
 * and, for updates and cancels, the first message it follows up on.
 *
 * @param sent when the message was first composed; the same on every retry
 * @param referencesId the delivery id of the incident's first message to this agency; nullable
 * @param referencesSent when that first message was composed; nullable
 */
public record Outgoing(
        String deliveryId,
        MessageType type,
        IncidentEvent incident,
        SourceInfo source,
        String agencyId,
        Endpoint endpoint,
        Instant sent,
        String referencesId,
        Instant referencesSent) {}
